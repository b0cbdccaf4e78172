/**
 * One measurement of one file, in a process of its own so that its peak RSS is its own, on the
 * built package (dist/, as users run it; `npm run bench` builds it first):
 * `node scripts/bench-file.mjs <json-parse|source|check> <file>` prints `{"ms", "peakRssMB"}`.
 *
 * - json-parse: read the file and JSON.parse it (the floor);
 * - source: read it and JsonSource.parse it (values, duplicates, exact numbers);
 * - check: checkFiles on it with the shipped schemas, as the CLI does (without printing).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const [mode, file] = process.argv.slice(2);
if (!file || !["json-parse", "source", "check"].includes(mode)) {
  console.error("usage: node scripts/bench-file.mjs <json-parse|source|check> <file>");
  process.exit(2);
}
const started = performance.now();
if (mode === "check") {
  const [{ checkFiles }, { shippedSchemas }] = await Promise.all([import("../dist/check/files.js"), import("../dist/schema/store/index.js")]);
  const { unusable } = await checkFiles([file], { schemas: shippedSchemas(), terraform: { version: "1.11.4", source: "bench" } });
  if (unusable) throw new Error(unusable.join("\n"));
} else {
  const { JsonSource } = mode === "source" ? await import("../dist/check/json-source.js") : {};
  const text = readFileSync(file, "utf8");
  if (mode === "json-parse") JSON.parse(text);
  else JsonSource.parse(file, text).value();
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
