/**
 * `npm run example`: synthesizes the example app (main.ts) with the real `cdktf synth`, then
 * runs the checker on cdktf.out, printing its report. The "seed-failures" stack is wrong on
 * purpose (it reproduces the post-mortems in shared/seeds), so findings are expected there;
 * this script exits 0 when the checker finds them and finds nothing in the "clean" stack.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { checkFiles } from "../src/check/files.js";
import { formatPretty } from "../src/report/pretty.js";
import { defaultSchemas } from "../src/schema/store/index.js";
import { terraformOnPath } from "../src/terraform/version.js";

const root = path.join(import.meta.dirname, "..");
const cdktf = path.join(root, "node_modules", ".bin", "cdktf");

process.stderr.write("$ cdktf synth\n");
execFileSync(cdktf, ["synth"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
process.stderr.write("$ cdktf-schema-check cdktf.out\n");
// As the command line does: the terraform block is checked against the terraform on PATH, when there is one.
const terraform = terraformOnPath();
const result = await checkFiles([path.join("cdktf.out")], { schemas: defaultSchemas(root), ...(terraform ? { terraform } : {}) });
process.stdout.write(formatPretty(result, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));

const inStack = (stack: string) => result.diagnostics.filter((d) => d.file.includes(`${path.sep}${stack}${path.sep}`));
const clean = inStack("clean");
const seeded = inStack("seed-failures").filter((d) => d.severity === "error");
if (clean.length > 0 || seeded.length === 0) {
  process.stderr.write(`\nunexpected: ${clean.length} findings in the clean stack, ${seeded.length} errors in seed-failures\n`);
  process.exitCode = 1;
} else {
  process.stderr.write(`\nAs expected: the seed-failures stack has ${seeded.length} errors (the post-mortems' mistakes), the clean stack none.\n`);
}
