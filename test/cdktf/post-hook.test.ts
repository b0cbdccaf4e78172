/**
 * The checker after synth, for apps in any language: the npm `postsynth` hook of this repo's
 * example app, and the `cdktf.json` recipe (`"app": "<your app> && cdktf-schema-check
 * \"$CDKTF_OUTDIR\""`) that Python and Go projects use. Both run the real `cdktf synth` and the
 * built binary (bin/ → dist/bundle), so the package is built first (`npm run build`, as `npm pack` does).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(path.join(tmpdir(), "post-hook-"));
// The checker's code cache (src/cli/code-cache.ts) goes to the scratch directory, not the user's $TMPDIR.
const env = { ...process.env, CHECKPOINT_DISABLE: "1", NO_COLOR: "1", NODE_COMPILE_CACHE: path.join(scratch, "code-cache"), PATH: `${path.join(root, "node_modules", ".bin")}:${process.env.PATH}` };

beforeAll(() => {
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A project directory sharing this repository's node_modules (and so its cdktf and checker). */
function project(name: string, files: Record<string, string>, copy: string[] = []): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const entry of copy) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  // The checker itself (bin/ → dist/), as an installed package would provide it.
  for (const entry of ["bin", "dist"]) symlinkSync(path.join(root, entry), path.join(dir, entry));
  return dir;
}

describe("after synth", () => {
  it("the example app's `npm run synth` fails in its postsynth hook, listing the seed failures", () => {
    const dir = project("example", {}, ["package.json", "cdktf.json", "main.ts", "examples", "tsconfig.json"]);
    const run = spawnSync("npm", ["run", "synth"], { cwd: dir, env, encoding: "utf8" });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain("> node bin/cdktf-schema-check.js cdktf.out");
    expect(run.stdout).toMatch(/aws_elasticache_subnet_group\.cache-subnets {2}\(seed-failures\/cache-subnets\)/);
    expect(run.stdout).toContain("fix: did you mean `name`?");
    expect(run.stdout).toMatch(/\d+ errors, \d+ warnings \(2 files, \d+ resources\)\./);
  }, 120_000);

  it.each([
    ["a wrong", { subnet_group_name: "cache", subnet_ids: ["subnet-1"] }, 1],
    ["a correct", { name: "cache", subnet_ids: ["subnet-1"] }, 0],
  ])("the cdktf.json recipe: `cdktf synth` of %s output fails only when the checker finds errors", (label, args, failed) => {
    const app = `
      import { App, TerraformStack, TerraformResource } from "cdktf";
      const app = new App();
      const stack = new TerraformStack(app, "cache");
      stack.addOverride("terraform.required_providers", { aws: { source: "hashicorp/aws", version: "6.25.0" } });
      const sg = new TerraformResource(stack, "sg", { terraformResourceType: "aws_elasticache_subnet_group" });
      for (const [key, value] of Object.entries(${JSON.stringify(args)})) sg.addOverride(key, value);
      app.synth();
    `;
    const cdktfJson = { language: "typescript", app: 'node app.mjs && node bin/cdktf-schema-check.js "$CDKTF_OUTDIR"', output: "cdktf.out" };
    const dir = project(`recipe-${failed}`, { "app.mjs": app, "cdktf.json": JSON.stringify(cdktfJson) });
    const run = spawnSync("cdktf", ["synth"], { cwd: dir, env, encoding: "utf8" });
    const printed = run.stdout + run.stderr;
    if (failed) {
      expect(run.status, `${label}: ${printed}`).not.toBe(0);
      expect(printed).toContain('Unsupported argument "subnet_group_name"');
    } else {
      expect(run.status, `${label}: ${printed}`).toBe(0);
    }
  }, 120_000);
});

describe("the built command line", () => {
  it("keeps its compiled code between runs (src/cli/code-cache.ts) and checks the same", () => {
    const cacheRoot = path.join(scratch, "compile-cache");
    const run = () =>
      spawnSync(process.execPath, [path.join(root, "bin", "cdktf-schema-check.js"), path.join(root, "test", "fixtures", "seeds", "cdktf", "stacks", "seed-failures", "cdk.tf.json")], {
        env: { ...env, NODE_COMPILE_CACHE: cacheRoot },
        encoding: "utf8",
      });
    const first = run();
    expect(first.status, first.stderr).toBe(1);
    expect(first.stdout).toContain("fix: did you mean `name`?");
    const cached = filesUnder(cacheRoot);
    // Ours, not Node's own compile cache (which Node 22 would also keep under NODE_COMPILE_CACHE).
    const ours = path.join(cacheRoot, `cdktf-schema-check-${process.getuid!()}`);
    expect(cached.filter((file) => path.dirname(file) === ours && /^cli-[A-Z0-9]+\.cjs-v[\d.]+-\w+(-[0-9a-f]{12})?\.cache$/.test(path.basename(file)))).toHaveLength(1);
    const second = run();
    expect([second.status, second.stdout, second.stderr]).toEqual([first.status, first.stdout, first.stderr]);
    expect(filesUnder(cacheRoot)).toEqual(cached);
  }, 60_000);
});

describe("the built command line's output", () => {
  it("arrives whole through a pipe, however large", () => {
    // 3,000 resources, each with an argument aws_vpc does not have: a JSON report of about 4 MB.
    const resources = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`vpc${i}`, { cidr_block: "10.0.0.0/16", not_an_argument: i }]));
    const file = path.join(scratch, "large-report.tf.json");
    writeFileSync(file, JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "6.25.0" } } }, resource: { aws_vpc: resources } }));
    const run = spawnSync(process.execPath, [path.join(root, "bin", "cdktf-schema-check.js"), "--format", "json", file], { env, encoding: "utf8", maxBuffer: 1 << 28 });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout.length).toBeGreaterThan(1_000_000);
    const report = JSON.parse(run.stdout) as { diagnostics: { rule: string }[] };
    expect(report.diagnostics.filter((d) => d.rule === "unknown-argument")).toHaveLength(3000);
  }, 60_000);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
