/**
 * Extracts a provider's schema from bindings and diffs it with the same version in a schema
 * store, every type of both: how the jsii extractor was checked against the snapshots the
 * previous extractor had made (docs/fidelity.md), and how a change to the extractor is checked
 * against the shipped histories.
 *
 *   npx tsx scripts/compare-extraction.ts <package dir | .tgz | .gen/providers/x> [schemas dir]
 *
 * Prints one line per difference ("a" is the store, "b" the new extraction) and a count per kind.
 */
import { extractFromBindings } from "../src/schema/extract/index.js";
import type { ProviderSchema } from "../src/schema/format.js";
import { SchemaStore, SHIPPED_SCHEMAS_DIR } from "../src/schema/store/index.js";
import { compareProviderSchemas, type Difference } from "./compare-schemas.js";

const [bindings, schemasDir = SHIPPED_SCHEMAS_DIR] = process.argv.slice(2);
if (!bindings) {
  console.error("usage: compare-extraction <bindings> [schemas dir]");
  process.exit(2);
}
const extracted = await extractFromBindings(bindings);
const snapshot = new SchemaStore(schemasDir).open(extracted.address, extracted.version);
const table = (names: readonly string[], get: (t: string) => unknown) => Object.fromEntries(names.map((t) => [t, get(t)]));
const stored = {
  provider: { block: snapshot.provider() },
  resource_schemas: table(snapshot.resourceTypes(), (t) => snapshot.resource(t)),
  data_source_schemas: table(snapshot.dataSourceTypes(), (t) => snapshot.dataSource(t)),
} as ProviderSchema;
const names = (schema: ProviderSchema) => [
  ...Object.keys(schema.resource_schemas ?? {}),
  ...Object.keys(schema.data_source_schemas ?? {}).map((t) => `data.${t}`),
];
const types = ["provider", ...[...new Set([...names(stored), ...names(extracted.schema)])].sort()];
const differences: Difference[] = [];
compareProviderSchemas(stored, extracted.schema, types, differences);
const show = (v: unknown) => (v === undefined ? "-" : JSON.stringify(v));
console.log(`${extracted.address} ${extracted.version}: ${snapshot.provenance.from} (store) vs ${extracted.provenance.from} (extracted now)`);
for (const d of differences) console.log(`${d.path}: ${d.kind}${"a" in d || "b" in d ? ` (a: ${show(d.a)}, b: ${show(d.b)})` : ""}`);
const counts = new Map<string, number>();
for (const d of differences) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
console.log(`\n${differences.length} differences`);
for (const [kind, n] of [...counts].sort((x, y) => y[1] - x[1])) console.log(`  ${String(n).padStart(5)}  ${kind}`);
