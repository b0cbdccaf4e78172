/**
 * bin/cdktf-schema-check.js, the launcher npm links: when the command line cannot be loaded it
 * says why in one line and exits 2, as any unusable run does, never with a stack trace; otherwise
 * src/cli/exit.ts ends the run with the command line's code (test/cli/reliability.test.ts).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(path.join(tmpdir(), "launcher-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A package directory with the real bin/ and, in dist/bundle/cli/, what `files` says. */
function packageWith(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  cpSync(path.join(root, "bin"), path.join(dir, "bin"), { recursive: true });
  mkdirSync(path.join(dir, "dist", "bundle", "cli"), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, "dist", "bundle", "cli", file), text);
  return dir;
}

const start = (dir: string) => spawnSync(process.execPath, [path.join(dir, "bin", "cdktf-schema-check.js"), "--help"], { encoding: "utf8" });

describe("the launcher", () => {
  it("says the package is not built when there is no dist/", () => {
    const run = start(packageWith("unbuilt", {}));
    expect([run.status, run.stdout, run.stderr]).toEqual([2, "", "cdktf-schema-check: not built yet; run `npm run build` in the package directory\n"]);
  });

  it("says in one line why the command line cannot start (a partial build), with exit code 2", () => {
    const launch = 'exports.launch = async () => { throw new Error("ENOENT: no such file or directory, open \'cli-X.cjs\'"); };\n';
    const run = start(packageWith("partial", { "launch.cjs": launch }));
    expect([run.status, run.stdout, run.stderr]).toEqual([2, "", "cdktf-schema-check: cannot start: ENOENT: no such file or directory, open 'cli-X.cjs'\n"]);
  });

  it("hands the code the command line returns to exitWhenWritten (src/cli/exit.ts), which ends the run", () => {
    const launch =
      "exports.launch = async (argv) => (console.log(argv.join(' ')), 1);\n" +
      "exports.exitWhenWritten = (code) => { console.log(`exit ${code}`); process.exitCode = code; };\n";
    const run = start(packageWith("returns", { "launch.cjs": launch }));
    expect([run.status, run.stdout, run.stderr]).toEqual([1, "--help\nexit 1\n", ""]);
  });

  it("still ends with the code of a command line built before exitWhenWritten (a checkout not rebuilt)", () => {
    const run = start(packageWith("stale", { "launch.cjs": "exports.launch = async () => 2;\n" }));
    expect([run.status, run.stdout, run.stderr]).toEqual([2, "", ""]);
  });
});
