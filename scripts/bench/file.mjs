/**
 * One measurement in a process of its own, so that its time is cold and its peak RSS its own:
 * `node scripts/bench/file.mjs <json-parse|source|check> <file> [package-dir]` prints
 * `{"ms", "peakRssMB"}` (and, for check, `checkMs` and `againMs`).
 *
 * - json-parse: read the file and JSON.parse it (the floor);
 * - source: read it and JsonSource.parse it (values, duplicates, exact numbers);
 * - check: checkFiles on it (a file or a directory) with the shipped schemas, as the CLI does,
 *   without printing; from the package at `package-dir` (default: this one; its dist/ must be
 *   built), so another build can be measured the same way. Then the same check again, in the
 *   same process (`againMs`): what is left when types are decoded, validators compiled and the
 *   code warm, so the difference is the one-off cost of a cold run.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const [mode, file, packageDir = path.join(import.meta.dirname, "..", "..")] = process.argv.slice(2);
if (!file || !["json-parse", "source", "check"].includes(mode)) {
  console.error("usage: node scripts/bench/file.mjs <json-parse|source|check> <file> [package-dir]");
  process.exit(2);
}
const dist = (module) => import(pathToFileURL(path.join(packageDir, "dist", module)).href);
const started = performance.now();
const result = {};
if (mode === "check") {
  const [{ checkFiles }, { shippedSchemas }] = await Promise.all([dist("check/files.js"), dist("schema/store/index.js")]);
  const imported = performance.now();
  const options = { schemas: shippedSchemas(), terraform: { version: "1.11.4", source: "bench" } };
  const { unusable } = await checkFiles([file], options);
  if (unusable) throw new Error(unusable.join("\n"));
  const checked = performance.now();
  await checkFiles([file], options);
  Object.assign(result, { checkMs: Math.round(checked - imported), againMs: Math.round(performance.now() - checked) });
} else {
  const { JsonSource } = mode === "source" ? await dist("check/json-source.js") : {};
  const text = readFileSync(file, "utf8");
  if (mode === "json-parse") JSON.parse(text);
  else JsonSource.parse(file, text).value();
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), ...result }));
