/**
 * How long checking takes: the false-positive corpus and the seed fixtures, first run (schemas
 * loaded and validators compiled as types are met) and second run (everything cached).
 *
 *   npx tsx scripts/bench-check.ts
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { checkFiles } from "../src/check/files.js";
import { shippedSchemas } from "../src/schema/store/index.js";

const corpus = join(import.meta.dirname, "..", "test", "fixtures", "corpus");
const files = readdirSync(corpus, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".tf.json"))
  .map((f) => join(corpus, f));
const seeds = join(import.meta.dirname, "..", "test", "fixtures", "seeds");

const schemas = shippedSchemas();
for (const [label, paths] of [
  ["seed fixtures", [seeds + "/cdktf", seeds + "/python"]],
  ["corpus", files],
] as const) {
  for (const run of ["first run", "second run"]) {
    const start = performance.now();
    const { summary } = await checkFiles(paths, { schemas });
    const ms = performance.now() - start;
    console.log(
      `${label}, ${run}: ${summary.files} files, ${summary.resources} resources in ${ms.toFixed(0)} ms ` +
        `(${((ms / Math.max(1, summary.resources)) * 1000).toFixed(0)} µs per resource)`,
    );
  }
}
