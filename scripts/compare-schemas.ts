/**
 * Diffs two provider schemas in `terraform providers schema -json` form, e.g. a snapshot
 * extracted from bindings against the real output of Terraform:
 *
 *   npx tsx scripts/compare-schemas.ts <a.json> <b.json> [type…]
 *
 * Types are resource types (`aws_iam_role`), `data.<type>` for data sources, or `provider`;
 * without any, every type present in both is compared. Each file may hold several providers;
 * the first provider of `a` is compared with the same address in `b`. Prints one line per
 * difference and a count per kind of difference. Descriptions are ignored.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import {
  providersSchemaDocumentSchema,
  type ProviderSchema,
  type SchemaAttribute,
  type SchemaBlock,
  type TypeSchema,
} from "../src/schema/format.js";

export interface Difference {
  /** `aws_backup_plan.rule.lifecycle.delete_after` */
  path: string;
  kind: string;
  a?: unknown;
  b?: unknown;
}

export function compareBlocks(path: string, a: SchemaBlock, b: SchemaBlock, out: Difference[]): void {
  const aAttrs = a.attributes ?? {};
  const bAttrs = b.attributes ?? {};
  const aBlocks = a.block_types ?? {};
  const bBlocks = b.block_types ?? {};
  for (const name of union(Object.keys(aAttrs), Object.keys(aBlocks), Object.keys(bAttrs), Object.keys(bBlocks))) {
    const at = `${path}.${name}`;
    const [aAttr, bAttr, aBlock, bBlock] = [aAttrs[name], bAttrs[name], aBlocks[name], bBlocks[name]];
    if (aAttr && bAttr) compareAttributes(at, aAttr, bAttr, out);
    else if (aBlock && bBlock) {
      for (const field of ["nesting_mode", "min_items", "max_items"] as const) {
        if ((aBlock[field] ?? 0) !== (bBlock[field] ?? 0)) out.push({ path: at, kind: `block ${field}`, a: aBlock[field], b: bBlock[field] });
      }
      compareBlocks(at, aBlock.block, bBlock.block, out);
    } else if ((aAttr || aBlock) && (bAttr || bBlock)) {
      out.push({ path: at, kind: aAttr ? "attribute in a, block in b" : "block in a, attribute in b", a: aAttr?.type ?? aBlock?.nesting_mode, b: bAttr?.type ?? bBlock?.nesting_mode });
    } else {
      out.push({ path: at, kind: aAttr || aBlock ? "only in a" : "only in b" });
    }
  }
}

function compareAttributes(path: string, a: SchemaAttribute, b: SchemaAttribute, out: Difference[]): void {
  const aType = a.type ?? a.nested_type;
  const bType = b.type ?? b.nested_type;
  if (!isDeepStrictEqual(aType, bType)) out.push({ path, kind: a.nested_type || b.nested_type ? "nested_type" : "type", a: aType, b: bType });
  for (const flag of ["required", "optional", "computed"] as const) {
    if ((a[flag] ?? false) !== (b[flag] ?? false)) out.push({ path, kind: `attribute ${flag}`, a: a[flag] ?? false, b: b[flag] ?? false });
  }
}

export function compareProviderSchemas(a: ProviderSchema, b: ProviderSchema, types: readonly string[], out: Difference[]): void {
  const lookup = (p: ProviderSchema, type: string): TypeSchema | undefined =>
    type === "provider"
      ? p.provider
      : type.startsWith("data.")
        ? p.data_source_schemas?.[type.slice(5)]
        : p.resource_schemas?.[type];
  for (const type of types) {
    const [aType, bType] = [lookup(a, type), lookup(b, type)];
    if (!aType || !bType) out.push({ path: type, kind: aType ? "type only in a" : bType ? "type only in b" : "type in neither" });
    else compareBlocks(type, aType.block, bType.block, out);
  }
}

function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}

function readProviders(file: string): Record<string, ProviderSchema> {
  const parsed = providersSchemaDocumentSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: not a \`terraform providers schema -json\` document: ${parsed.error.message}`);
  return parsed.data.provider_schemas ?? {};
}

function commonTypes(a: ProviderSchema, b: ProviderSchema): string[] {
  const both = (x: Record<string, unknown> | undefined, y: Record<string, unknown> | undefined, prefix = "") =>
    Object.keys(x ?? {}).filter((k) => y && k in y).map((k) => prefix + k);
  return ["provider", ...both(a.resource_schemas, b.resource_schemas), ...both(a.data_source_schemas, b.data_source_schemas, "data.")];
}

function main(argv: string[]): void {
  const [fileA, fileB, ...types] = argv;
  if (!fileA || !fileB) {
    console.error("usage: compare-schemas <a.json> <b.json> [type…]");
    process.exit(2);
  }
  const [address, a] = Object.entries(readProviders(fileA))[0] ?? [];
  const b = address ? readProviders(fileB)[address] : undefined;
  if (!a || !b) throw new Error(`${fileB} has no schema for ${address ?? "(no provider in a)"}`);
  const differences: Difference[] = [];
  compareProviderSchemas(a, b, types.length > 0 ? types : commonTypes(a, b), differences);
  const show = (v: unknown) => (v === undefined ? "-" : JSON.stringify(v));
  for (const d of differences) console.log(`${d.path}: ${d.kind}${"a" in d || "b" in d ? ` (a: ${show(d.a)}, b: ${show(d.b)})` : ""}`);
  const counts = new Map<string, number>();
  for (const d of differences) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  console.log(`\n${differences.length} differences`);
  for (const [kind, n] of [...counts].sort((x, y) => y[1] - x[1])) console.log(`  ${String(n).padStart(5)}  ${kind}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
