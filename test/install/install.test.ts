/**
 * The package as users meet it. `npm pack` it, install the tarball the README's way into fresh
 * apps made outside the repository, plant mistakes in each app's main.ts, and run synth with
 * SchemaCheck installed right after `new App()`:
 *
 * | app                                                           | library    | constructs | Node | synth                        |
 * | cdktf's `cdktf init` TypeScript template (CommonJS, ts-node)  | cdktf 0.21 | 10.8 (new) | 20   | cdktf synth                  |
 * | an ES-module app (`"type": "module"`, tsx)                    | cdktf 0.21 | 10.4.2     | 20   | cdktf synth                  |
 * | CDK Terrain's `cdktn init` TypeScript template                | cdktn 0.24 | 10.7       | 22   | cdktn synth (needs Node ≥22) |
 *
 * Each synth must fail on the planted error and print the planted warning, both naming
 * `main.ts:LINE:COL`; then the installed command line, the GitHub Action's step and the
 * pre-commit hooks run on the synthesized output. The apps are made once, concurrently, in
 * beforeAll (about two minutes with a warm npm cache); the tests read what they produced.
 *
 * Needs the npm registry (and, for cdktn, Node 22 from the npm package `node@22`). Without them
 * the tests are skipped with a warning, except in CI (CI=true), where they fail.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, hooks, stepEnvironment } from "../action/definitions.js";
import { must, run, type Run, timed, timings, userEnv } from "./sandbox.js";

const repo = path.resolve(import.meta.dirname, "..", "..");
const work = mkdtempSync(path.join(tmpdir(), "cdktf-schema-check-install-"));
const cdktfCli = path.join(repo, "node_modules", ".bin", "cdktf");

/** The README's install step; the test runs it with the packed tarball in place of the package name. */
const INSTALL_STEP = "npm install --save-dev cdktf-schema-check";

// What the tests need from outside: the npm registry, and a Node 22 for cdktn's CLI.
const registry = await run("npm", ["ping"], { cwd: work });
const node22 = registry.code === 0 ? await run("npx", ["--yes", "node@22", "-p", "process.execPath"], { cwd: work }) : undefined;
const missing = [
  ...(registry.code === 0 ? [] : [`the npm registry (npm ping: ${registry.output.trim().split("\n").pop()})`]),
  ...(node22?.code === 0 ? [] : ["Node 22 (npx --yes node@22), which cdktn's CLI needs"]),
];
if (missing.length > 0) {
  const message = `install tests: missing ${missing.join(" and ")}; ${process.env.CI ? "failing (CI)" : "SKIPPING what needs it"}`;
  console.warn(`\n${"!".repeat(message.length)}\n${message}\n${"!".repeat(message.length)}\n`);
}
const canInstall = registry.code === 0 || Boolean(process.env.CI);
const canRunCdktn = node22?.code === 0 || Boolean(process.env.CI);
/** PATH with Node 22 first, for cdktn and the app it runs. */
const node22Env: NodeJS.ProcessEnv = node22?.code === 0 ? { ...userEnv, PATH: `${path.dirname(node22.stdout.trim())}${path.delimiter}${userEnv.PATH}` } : userEnv;

/** Planted in the stack's constructor: a name Terraform rejects (error) and a bool for a string argument (warning), both set with addOverride. */
const MISTAKES = [
  `this.addOverride("terraform.required_providers", { aws: { source: "hashicorp/aws", version: "6.25.0" } });`,
  `const subnets = new TerraformResource(this, "cache-subnets", { terraformResourceType: "aws_elasticache_subnet_group" });`,
  `subnets.addOverride("name", "cache");`,
  `subnets.addOverride("subnet_ids", ["subnet-1"]);`,
  `subnets.addOverride("subnet_group_name", "cache");`,
  `const group = new TerraformResource(this, "cache", { terraformResourceType: "aws_elasticache_replication_group" });`,
  `group.addOverride("replication_group_id", "cache");`,
  `group.addOverride("description", "cache");`,
  `group.addOverride("at_rest_encryption_enabled", true);`,
];

interface App {
  dir: string;
  /** The stack's name: the app's directory name, as the templates call it. */
  stack: string;
  synth: Run;
  /** `main.ts:LINE:COL` of the planted error's and warning's addOverride calls. */
  error: string;
  warning: string;
  /** What the tarball's installation printed. */
  installed: Run;
  /** The cdktf template app type-checked with `module: Node16` too (TS1479 with an ES-only package). */
  node16?: Run;
}

let tarball: string;
let packed: string[];
const apps: Record<string, App> = {};

beforeAll(async () => {
  if (!canInstall) return;
  [tarball, packed] = await timed("npm pack (with build)", pack);
  const made = await Promise.allSettled([
    timed("cdktf init app (CommonJS, ts-node): create, install, synth", () => cdktfTemplateApp()),
    timed("ES-module app (tsx): create, install, synth", () => esModuleApp()),
    ...(canRunCdktn ? [timed("cdktn init app (Node 22): create, install, synth", () => cdktnTemplateApp())] : []),
  ]);
  const failed = made.filter((m): m is PromiseRejectedResult => m.status === "rejected");
  if (failed.length > 0) throw new AggregateError(failed.map((f) => f.reason as Error), failed.map((f) => String(f.reason)).join("\n\n"));
}, 900_000);

afterAll(() => {
  if (timings.length > 0) console.log(`install tests, seconds:\n${timings.map(([label, s]) => `  ${s.toFixed(1).padStart(6)}  ${label}`).join("\n")}`);
  rmSync(work, { recursive: true, force: true });
});

/**
 * `npm pack` of a copy of the sources (so that this build cannot race another test's build of
 * dist/). Its stdout must be the tarball's name alone: pre-commit reads it so for node hooks.
 */
async function pack(): Promise<[string, string[]]> {
  const stage = path.join(work, "package");
  mkdirSync(stage);
  for (const entry of ["package.json", ".npmrc", "README.md", "LICENSE", "tsconfig.json", "tsconfig.build.json", "bin", "schemas", "src", "scripts"]) {
    cpSync(path.join(repo, entry), path.join(stage, entry), { recursive: true });
  }
  symlinkSync(path.join(repo, "node_modules"), path.join(stage, "node_modules"));
  const { stdout } = await must("npm", ["pack", "--pack-destination", work], { cwd: stage });
  const file = path.join(work, stdout.trim());
  const { stdout: listing } = await must("tar", ["-tzf", file], { cwd: work });
  return [file, listing.trim().split("\n").map((f) => f.replace(/^package\//, ""))];
}

/** The README's install step, with the tarball. */
async function installPackage(dir: string, env?: NodeJS.ProcessEnv): Promise<Run> {
  const [command, ...args] = INSTALL_STEP.split(" ");
  return must(command!, [...args.slice(0, -1), tarball], { cwd: dir, ...(env ? { env } : {}) });
}

/** The template's main.ts with SchemaCheck installed right after `new App()` and the mistakes planted in its stack. */
function plantMistakes(dir: string, library: "cdktf" | "cdktn"): Pick<App, "error" | "warning"> {
  const file = path.join(dir, "main.ts");
  const template = readFileSync(file, "utf8");
  const edited = template
    .replace(`import { App, TerraformStack } from "${library}";`, `import { App, TerraformResource, TerraformStack } from "${library}";\nimport { SchemaCheck } from "cdktf-schema-check/cdktf";`)
    .replace("const app = new App();", "const app = new App();\nSchemaCheck.of(app);")
    .replace("// define resources here", MISTAKES.join("\n    "));
  if (edited === template || !edited.includes("SchemaCheck.of(app)") || !edited.includes(MISTAKES[0]!)) throw new Error(`the ${library} template's main.ts changed:\n${template}`);
  writeFileSync(file, edited);
  return { error: position(edited, `subnets.addOverride("subnet_group_name"`), warning: position(edited, `group.addOverride("at_rest_encryption_enabled"`) };
}

/** `main.ts:LINE:COL` of the `addOverride` in the line holding `text`. */
function position(source: string, text: string): string {
  const lines = source.split("\n");
  const index = lines.findIndex((line) => line.includes(text));
  return `main.ts:${index + 1}:${lines[index]!.indexOf("addOverride") + 1}`;
}

async function cdktfTemplateApp(): Promise<void> {
  const dir = path.join(work, "cjs-app");
  mkdirSync(dir);
  const init = ["init", "--template=typescript", "--local", "--project-name=cjs-app", "--project-description=install test", "--enable-crash-reporting=false"];
  await must(cdktfCli, init, { cwd: dir });
  // The template installs the newest TypeScript (7), which ts-node cannot load: the README says to pin 5.
  await must("npm", ["install", "--save-dev", "typescript@5"], { cwd: dir });
  const installed = await installPackage(dir);
  const planted = plantMistakes(dir, "cdktf");
  const node16 = await run(path.join(dir, "node_modules", ".bin", "tsc"), ["-p", ".", "--noEmit", "--incremental", "false", "--module", "node16", "--moduleResolution", "node16"], { cwd: dir });
  apps.cjs = { dir, stack: "cjs-app", installed, node16, ...planted, synth: await run(cdktfCli, ["synth"], { cwd: dir }) };
}

async function esModuleApp(): Promise<void> {
  const dir = path.join(work, "esm-app");
  mkdirSync(dir);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "esm-app", private: true, type: "module" }, null, 2));
  writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx tsx main.ts", output: "cdktf.out" }, null, 2));
  const tsconfig = { compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, skipLibCheck: true, noEmit: true } };
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  await must("npm", ["install", "cdktf@0.21", "constructs@10.4.2"], { cwd: dir });
  await must("npm", ["install", "--save-dev", "tsx", "typescript@5"], { cwd: dir });
  const installed = await installPackage(dir);
  writeFileSync(
    path.join(dir, "main.ts"),
    [
      'import { App, TerraformStack } from "cdktf";',
      'import type { Construct } from "constructs";',
      "",
      "class MyStack extends TerraformStack {",
      "  constructor(scope: Construct, id: string) {",
      "    super(scope, id);",
      "    // define resources here",
      "  }",
      "}",
      "",
      "const app = new App();",
      'new MyStack(app, "esm-app");',
      "app.synth();",
      "",
    ].join("\n"),
  );
  const planted = plantMistakes(dir, "cdktf");
  // tsx does not type-check: tsc does, with the module resolution of an ES-module package.
  await must(path.join(dir, "node_modules", ".bin", "tsc"), ["-p", "."], { cwd: dir });
  apps.esm = { dir, stack: "esm-app", installed, ...planted, synth: await run(cdktfCli, ["synth"], { cwd: dir }) };
}

async function cdktnTemplateApp(): Promise<void> {
  const tools = path.join(work, "cdktn-cli");
  mkdirSync(tools);
  await must("npm", ["install", "cdktn-cli@0.24"], { cwd: tools, env: node22Env });
  const cdktn = path.join(tools, "node_modules", ".bin", "cdktn");
  const dir = path.join(work, "tn-app");
  mkdirSync(dir);
  const init = ["init", "--template=typescript", "--local", "--project-name=tn-app", "--project-description=install test", "--enable-crash-reporting=false"];
  await must(cdktn, init, { cwd: dir, env: node22Env });
  const installed = await installPackage(dir, node22Env);
  const planted = plantMistakes(dir, "cdktn");
  apps.tn = { dir, stack: "tn-app", installed, ...planted, synth: await run(cdktn, ["synth"], { cwd: dir, env: node22Env }) };
}

/** The installed command line, in the app's directory. */
const checker = (app: App, ...args: string[]) => run(path.join(app.dir, "node_modules", ".bin", "cdktf-schema-check"), args, { cwd: app.dir });

describe.skipIf(!canInstall)("the packed package", () => {
  it("packs with only the tarball's name on stdout (pre-commit reads it), shipping the ES and CommonJS builds, schemas and LICENSE; no sources, tests or source maps", () => {
    const { name, version } = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8"));
    expect(path.basename(tarball)).toBe(`${name}-${version}.tgz`);
    const files = packed;
    for (const file of ["LICENSE", "README.md", "package.json", "bin/cdktf-schema-check.js", "dist/cdktf/index.js", "dist/cjs/cdktf/index.js", "dist/cjs/cdktf/index.d.ts", "dist/cjs/package.json", "schemas/terraform/backends.json"]) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((f) => /\.map$|^src\/|^test\/|^scripts\//.test(f))).toEqual([]);
    expect(readFileSync(path.join(repo, "LICENSE"), "utf8")).toMatch(/^Mozilla Public License Version 2\.0\n/);
  });

  it("is installed the README's way, with no peer dependency to resolve and no install script to approve", () => {
    expect(readFileSync(path.join(repo, "README.md"), "utf8")).toContain(`\n${INSTALL_STEP}\n`);
    const manifest = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8"));
    expect(manifest.peerDependencies).toBeUndefined();
    expect(Object.keys(manifest.scripts)).not.toContain("prepare");
    for (const app of Object.values(apps)) {
      expect(app.installed.output, app.dir).not.toMatch(/ERESOLVE|cdktf-schema-check@\S+ \(/);
    }
  });
});

describe.skipIf(!canInstall).each([
  ["cdktf init's TypeScript template (CommonJS, ts-node), constructs 10.8", "cjs", "cdktf"],
  ["an ES-module app (tsx), constructs 10.4.2", "esm", "cdktf"],
  ...(canRunCdktn ? [["cdktn init's TypeScript template on Node 22, constructs 10.7", "tn", "cdktn"]] : []),
])("synth in %s", (_label, key, library) => {
  const app = () => apps[key!]!;

  it(`installs the constructs the app asked for`, () => {
    const constructs = JSON.parse(readFileSync(path.join(app().dir, "node_modules", "constructs", "package.json"), "utf8")).version as string;
    expect(constructs).toMatch({ cjs: /^10\.8\./, esm: /^10\.4\.2$/, tn: /^10\.7\./ }[key!]!);
    expect(existsSync(path.join(app().dir, "node_modules", library!, "package.json"))).toBe(true);
  });

  it("fails on the planted error and prints the planted warning, both at main.ts:LINE:COL", () => {
    const { synth, stack, error, warning } = app();
    expect(synth.code, synth.output).not.toBe(0);
    expect(synth.output).toContain(
      `ERROR [${stack}/cache-subnets]: ${error}: error unknown-argument: Unsupported argument "subnet_group_name": aws_elasticache_subnet_group has no argument or block of that name`,
    );
    expect(synth.output).toContain(`WARN [${stack}/cache]: ${warning}: warning type-mismatch: "at_rest_encryption_enabled" is a string argument`);
    expect(synth.output).toContain("This value was set with addOverride, which typed bindings do not check.");
  });

  it("still writes cdk.tf.json, with the source map the command line reads", async () => {
    const { dir, stack, error } = app();
    expect(existsSync(path.join(dir, "cdktf.out", "stacks", stack, "cdk.tf.json"))).toBe(true);
    const json = await checker(app(), "--format", "json");
    expect(json.code).toBe(1);
    const [line, column] = error.split(":").slice(1).map(Number);
    expect(JSON.parse(json.stdout).diagnostics).toContainEqual(expect.objectContaining({ rule: "unknown-argument", source: { file: "main.ts", line, column } }));
  });
});

describe.skipIf(!canInstall)("the cdktf template app's types", () => {
  it("resolve with the template's tsconfig (module CommonJS: synth above type-checks with ts-node) and with module Node16", () => {
    expect(apps.cjs!.node16!.code, apps.cjs!.node16!.output).toBe(0);
  });
});

describe.skipIf(!canInstall)("the installed command line on the cdktf template app's output", () => {
  it("names main.ts:LINE:COL in pretty, SARIF and GitHub output", async () => {
    const { error } = apps.cjs!;
    const [line, column] = error.split(":").slice(1).map(Number);
    const pretty = await checker(apps.cjs!);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toContain(`source: ${error}`);
    const sarif = JSON.parse((await checker(apps.cjs!, "--format", "sarif")).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "unknown-argument");
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "main.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: line, startColumn: column } });
    const github = await checker(apps.cjs!, "--format", "github");
    expect(github.stdout).toContain(`::error file=main.ts,line=${line},col=${column},title=unknown-argument::Unsupported argument "subnet_group_name"`);
  });

  it("the GitHub Action's check step annotates main.ts and writes the SARIF log", async () => {
    const step = action.runs.steps.find((s) => s.id === "check")!;
    const outputs = path.join(work, "github-output");
    writeFileSync(outputs, "");
    const env = { ...userEnv, ...stepEnvironment(step), GITHUB_OUTPUT: outputs };
    // As GitHub runs `shell: bash` steps.
    const result = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], { cwd: apps.cjs!.dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^::error file=main\.ts,line=\d+,col=\d+,title=unknown-argument::/m);
    expect(readFileSync(outputs, "utf8")).toBe("exit-code=1\nsarif-file=cdktf-schema-check.sarif\n");
    const sarif = JSON.parse(readFileSync(path.join(apps.cjs!.dir, "cdktf-schema-check.sarif"), "utf8"));
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it("the pre-commit hooks' command: the files given, or the configured output", async () => {
    const { dir, stack } = apps.cjs!;
    const entry = (id: string) => hooks.find((h) => h.id === id)!.entry;
    const bin = path.join(dir, "node_modules", ".bin");
    const clean = path.join(work, "clean.tf.json");
    copyFileSync(path.join(repo, "test", "fixtures", "cli", "no-resources.tf.json"), clean);
    const given = await run(path.join(bin, entry("cdktf-schema-check")), [path.join("cdktf.out", "stacks", stack, "cdk.tf.json")], { cwd: dir });
    expect(given.code).toBe(1);
    expect((await run(path.join(bin, entry("cdktf-schema-check")), [clean], { cwd: dir })).code).toBe(0);
    const configured = await run(path.join(bin, entry("cdktf-schema-check-out")), [], { cwd: dir });
    expect(configured.code).toBe(1);
    expect(configured.stdout).toContain(`cdktf.out/stacks/${stack}/cdk.tf.json`);
  });

  it("a suppression in cdktf.json silences the error in synth too", async () => {
    const { dir } = apps.cjs!;
    const cdktfJson = JSON.parse(readFileSync(path.join(dir, "cdktf.json"), "utf8"));
    cdktfJson.schemaCheck = { suppressions: [{ rule: "unknown-argument", address: "aws_elasticache_subnet_group.cache-subnets", reason: "install test" }] };
    writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify(cdktfJson, null, 2));
    const synth = await timed("cdktf synth again, with a suppression", () => run(cdktfCli, ["synth"], { cwd: dir }));
    expect(synth.code, synth.output).toBe(0);
    expect(synth.output).toContain("WARN [cjs-app/cache]:");
    expect(synth.output).not.toMatch(/^ERROR \[/m);
    expect((await checker(apps.cjs!)).stdout).toContain("0 errors, 1 warning, 1 suppressed");
  }, 120_000);
});

if (missing.length > 0) {
  describe("what the install tests could not run", () => {
    const title = `missing ${missing.join(" and ")}`;
    if (process.env.CI) {
      it(title, () => {
        throw new Error(`CI must run the install tests: ${title}`);
      });
    } else {
      it.skip(title, () => {});
    }
  });
}
