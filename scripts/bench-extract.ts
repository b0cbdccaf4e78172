/**
 * Times schema extraction from the installed `@cdktf/provider-aws` (the largest provider):
 *
 *   npx tsx scripts/bench-extract.ts [bindings-dir]
 */
import path from "node:path";
import { extractFromBindings } from "../src/schema/extract/index.js";

const dir = path.resolve(process.argv[2] ?? "node_modules/@cdktf/provider-aws");
const started = performance.now();
const extracted = await extractFromBindings(dir);
const seconds = (performance.now() - started) / 1000;
const bytes = Buffer.byteLength(JSON.stringify(extracted.schema));
console.log(
  `${extracted.provenance.from}: ${Object.keys(extracted.schema.resource_schemas ?? {}).length} resources, ` +
    `${Object.keys(extracted.schema.data_source_schemas ?? {}).length} data sources in ${seconds.toFixed(1)} s ` +
    `(${(bytes / 1e6).toFixed(1)} MB of schema JSON, peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB)`,
);
