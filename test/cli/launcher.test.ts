/**
 * bin/cdktf-schema-check.js, the launcher npm links: when the command line cannot be loaded it
 * says why in one line and exits 2, as any unusable run does, never with a stack trace; otherwise
 * it exits with the command line's code as soon as all its output is written.
 */
import { spawn, spawnSync } from "node:child_process";
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

  it("exits with the code the command line returns", () => {
    const run = start(packageWith("returns", { "launch.cjs": "exports.launch = async (argv) => (console.log(argv.join(' ')), 1);\n" }));
    expect([run.status, run.stdout, run.stderr]).toEqual([1, "--help\n", ""]);
  });

  it("exits only once a report bigger than a pipe holds has reached a slow reader", async () => {
    // 4 MB, 64 pipe buffers: it leaves the command line in pieces, as the reader takes them.
    const launch = 'exports.launch = async () => (process.stdout.write("x".repeat(4 << 20) + "\\n"), process.stderr.write("done\\n"), 1);\n';
    const child = spawn(process.execPath, [path.join(packageWith("large", { "launch.cjs": launch }), "bin", "cdktf-schema-check.js")], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    let stdout = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.length));
    child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    child.stdout.resume();
    const status = await new Promise((resolve) => child.on("close", resolve));
    expect([status, stdout, stderr]).toEqual([1, (4 << 20) + 1, "done\n"]);
  });
});
