/**
 * SchemaCheck inside synth. Installed right after `new App()`, it fails `app.synth()` on schema
 * errors with one annotation per finding naming the line of the app's code that made the value
 * (the `addOverride` call, else the construct's creation), keeps warnings as warnings (fatal
 * with `strict`), uses the command line's configuration and suppressions, and leaves a source
 * map beside cdk.tf.json so that the command line's reports point at the same lines. The same
 * tests run on cdktf 0.21 and on CDK Terrain (cdktn) 0.24. The app code lives in
 * test/fixtures/cdktf-sources/stacks.ts; `at(marker, token)` is where a line of it is.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cdktf from "cdktf";
import * as cdktn from "cdktn";
import { afterAll, describe, expect, it } from "vitest";
import { SchemaCheck, type SchemaCheckOptions } from "../../src/cdktf/index.js";
import type { SchemaSource } from "../../src/check/providers.js";
import { SOURCE_MAP_FILE } from "../../src/check/source-map.js";
import { shippedSchemas } from "../../src/schema/store/index.js";
import { runCli } from "../cli/run.js";
import { backendStack, escapeHatchStack, type Lib, TypedStack } from "../fixtures/cdktf-sources/stacks.js";

const FIXTURE = "test/fixtures/cdktf-sources/stacks.ts";
const fixtureLines = readFileSync(FIXTURE, "utf8").split("\n");

/** `test/fixtures/cdktf-sources/stacks.ts:LINE:COL` of `token` on the line marked `// marker: <marker>`. */
function at(marker: string, token: string): string {
  const index = fixtureLines.findIndex((line) => line.endsWith(`// marker: ${marker}`));
  const column = fixtureLines[index]!.indexOf(token);
  if (index < 0 || column < 0) throw new Error(`no "${token}" on the line marked ${marker}`);
  return `${FIXTURE}:${index + 1}:${column + 1}`;
}

const scratch = mkdtempSync(path.join(tmpdir(), "schema-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let apps = 0;

/** An App writing to a fresh directory; `<outdir>` in messages stands for it. */
function newApp(lib: Lib) {
  const outdir = path.join(scratch, `app-${++apps}`);
  return { app: new lib.App({ outdir }), outdir };
}

/** What synth threw, with the output directory written as <outdir>. */
function synthError(app: cdktf.App, outdir: string): string {
  try {
    app.synth();
  } catch (err) {
    return (err as Error).message.replaceAll(outdir, "<outdir>");
  }
  throw new Error("synth did not fail");
}

/** The annotations cdktf wrote to the manifest (what `cdktf synth` prints as WARN / ERROR lines). */
function annotations(outdir: string, stack: string): { constructPath: string; level: string; message: string }[] {
  const manifest = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  return manifest.stacks[stack].annotations.map(({ constructPath, level, message }: Record<string, string>) => ({
    constructPath,
    level,
    message: message!.replaceAll(outdir, "<outdir>"),
  }));
}

/** Runs `work` as under `cdktf synth` / `cdktn synth`, whose CLIs set this so that the app writes cdk.tf.json despite error annotations. */
function underTheCli<T>(work: () => T): T {
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
  try {
    return work();
  } finally {
    delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  }
}

const NOT_EXPECTED = 'Terraform rejects this with "An argument named "subnet_group_name" is not expected here." This value was set with addOverride, which typed bindings do not check.';

describe.each([
  ["cdktf", cdktf as Lib],
  ["cdktn", cdktn as unknown as Lib],
])("SchemaCheck on %s", (_name, lib) => {
  it("fails synth on errors, each naming the line of app code that made the value: the addOverride, else the construct's creation", () => {
    const { app, outdir } = newApp(lib);
    SchemaCheck.of(app);
    escapeHatchStack(lib, app, "aws_elasticache_subnet_group", { subnet_group_name: "cache", subnet_ids: ["subnet-1"] });
    expect(synthError(app, outdir)).toBe(
      [
        'Encountered Annotations with level "ERROR":',
        `[cache/sg] ${at("override", "addOverride")}: error unknown-argument: Unsupported argument "subnet_group_name": aws_elasticache_subnet_group has no argument or block of that name`,
        `    ${NOT_EXPECTED}`,
        "    fix: did you mean `name`?",
        "    at /resource/aws_elasticache_subnet_group/sg/subnet_group_name in <outdir>/stacks/cache/cdk.tf.json",
        `[cache/sg] ${at("resource created", "new lib.TerraformResource")}: error missing-argument: Missing required argument "name" in aws_elasticache_subnet_group`,
        '    The argument "name" is required, but no definition was found.',
        "    fix: add `name`",
        "    at /resource/aws_elasticache_subnet_group/sg in <outdir>/stacks/cache/cdk.tf.json",
        "",
        "Either fix the issues above, or set the environment variable CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS to ignore these annotations.",
        "",
      ].join("\n"),
    );
  });

  it("lets a clean stack synthesize and leaves no source map beside it", () => {
    const { app, outdir } = newApp(lib);
    SchemaCheck.of(app);
    escapeHatchStack(lib, app, "aws_elasticache_subnet_group", { name: "cache", subnet_ids: ["subnet-1"] });
    mkdirSync(path.join(outdir, "stacks", "cache"), { recursive: true });
    writeFileSync(path.join(outdir, "stacks", "cache", SOURCE_MAP_FILE), "left by an earlier synth");
    app.synth();
    expect(JSON.parse(readFileSync(path.join(outdir, "stacks", "cache", "cdk.tf.json"), "utf8")).resource.aws_elasticache_subnet_group.sg.name).toBe("cache");
    expect(() => readFileSync(path.join(outdir, "stacks", "cache", SOURCE_MAP_FILE))).toThrow(/ENOENT/);
  });

  it("records warnings as warnings (printed by the CLI after synth), and fails on them with strict", () => {
    const args = { replication_group_id: "cache", description: "cache", at_rest_encryption_enabled: true };
    const lenient = newApp(lib);
    SchemaCheck.of(lenient.app);
    escapeHatchStack(lib, lenient.app, "aws_elasticache_replication_group", args);
    lenient.app.synth();
    expect(annotations(lenient.outdir, "cache")).toEqual([
      {
        constructPath: "cache/sg",
        level: "@cdktf/warn",
        message: [
          `${at("override", "addOverride")}: warning type-mismatch: "at_rest_encryption_enabled" is a string argument: Terraform converts the bool true to "true"`,
          '    Terraform accepts true here and converts it to a string, but typed CDKTF bindings (Python, Java, C#, Go) declare "at_rest_encryption_enabled" as a string and reject the bool true. Write "true". This value was set with addOverride, which typed bindings do not check.',
          '    fix: write `"true"`',
          "    at /resource/aws_elasticache_replication_group/sg/at_rest_encryption_enabled in <outdir>/stacks/cache/cdk.tf.json",
        ].join("\n"),
      },
    ]);

    const strict = newApp(lib);
    SchemaCheck.of(strict.app, { strict: true });
    escapeHatchStack(lib, strict.app, "aws_elasticache_replication_group", args);
    expect(synthError(strict.app, strict.outdir)).toContain(`[cache/sg] ${at("override", "addOverride")}: warning type-mismatch:`);
  });

  it("checks the stacks that exist when it is called late, without source lines for what was made before", () => {
    const { app, outdir } = newApp(lib);
    const stack = escapeHatchStack(lib, app, "aws_elasticache_subnet_group", { subnet_ids: ["subnet-1"] });
    SchemaCheck.of(app);
    (stack.node.findChild("sg") as cdktf.TerraformResource).addOverride("subnet_group_name", "cache");
    const lines = synthError(app, outdir).split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^\[cache\/sg\] test\/cdktf\/schema-check\.test\.ts:\d+:\d+: error unknown-argument: /));
    expect(lines).toContainEqual('[cache/sg] error missing-argument: Missing required argument "name" in aws_elasticache_subnet_group');
  });

  it("asks the schema store each question once, however many stacks ask it", () => {
    const asked = new Map<string, number>();
    const store = shippedSchemas();
    const count = (question: string) => asked.set(question, (asked.get(question) ?? 0) + 1);
    const schemas: SchemaSource = {
      resolve: (address, constraint) => (count(`resolve ${address} ${constraint}`), store.resolve(address, constraint)),
      open: (address, version) => (count(`open ${address} ${version}`), store.open(address, version)),
      versions: (address) => (count(`versions ${address}`), store.versions(address)),
    };
    const stacks = ["one", "two", "three"];
    // Every stack is checked (each has its mistake), and asks nothing the one before it had not.
    const outdir = underTheCli(() => {
      const { app, outdir } = newApp(lib);
      SchemaCheck.of(app, { schemas });
      for (const name of stacks) escapeHatchStack(lib, app, "aws_elasticache_subnet_group", { name, subnet_ids: ["subnet-1"], subnet_group_name: name }, name);
      app.synth();
      return outdir;
    });
    for (const name of stacks) {
      expect(annotations(outdir, name).filter((a) => a.message.includes("error unknown-argument")).map((a) => a.constructPath)).toEqual([`${name}/sg`]);
    }
    expect([...asked.keys()].some((q) => q.startsWith("open registry.terraform.io/hashicorp/aws"))).toBe(true);
    expect([...asked].filter(([, times]) => times > 1)).toEqual([]);
  });

  it("refuses an App that skips validations: it would check nothing", () => {
    expect(() => SchemaCheck.of(new lib.App({ outdir: scratch, skipValidation: true }))).toThrow(
      "SchemaCheck.of: this App skips validations (skipValidation: true), so nothing would be checked; remove one or the other",
    );
  });

  it("is called once per app", () => {
    const { app } = newApp(lib);
    SchemaCheck.of(app);
    expect(() => SchemaCheck.of(app)).toThrow("SchemaCheck.of: already called for this app; call it once, right after new App()");
  });
});

describe("SchemaCheck with typed bindings (@cdktf/provider-aws)", () => {
  it("names the line in the app, not the bindings' own code in node_modules", () => {
    const { app, outdir } = newApp(cdktf);
    SchemaCheck.of(app);
    TypedStack.create(cdktf, app);
    const firstLines = synthError(app, outdir)
      .split("\n")
      .filter((line) => line.startsWith("["));
    expect(firstLines).toEqual([
      `[typed/subnets] ${at("typed override", "addOverride")}: error unknown-argument: Unsupported argument "subnet_group_name": aws_elasticache_subnet_group has no argument or block of that name`,
      `[typed/cache] ${at("as any", "new ElasticacheReplicationGroup")}: error type-mismatch: Inappropriate value for "transit_encryption_enabled": a bool is required, got the string "yes"`,
    ]);
  });
});

describe("SchemaCheck and the terraform block", () => {
  it("checks the backend against the Terraform version it is given, naming the stack's addOverride", () => {
    const { app, outdir } = newApp(cdktf);
    SchemaCheck.of(app, { terraformVersion: "1.9.8" });
    backendStack(cdktf, app);
    expect(synthError(app, outdir)).toContain(
      `[state] ${at("stack override", "addOverride")}: error unknown-argument: "use_lockfile" needs Terraform ≥ 1.10; you are checking against Terraform 1.9.8 (SchemaCheck terraformVersion)`,
    );
  });

  it("refuses a Terraform version it cannot check against", () => {
    expect(() => SchemaCheck.of(newApp(cdktf).app, { terraformVersion: "1.2.0" })).toThrow(
      "SchemaCheck terraformVersion: Terraform 1.2.0 is older than the oldest release with known backend schemas (1.5.7)",
    );
  });
});

describe("SchemaCheck uses the command line's settings", () => {
  /** A project directory with `files`; `work` runs in it (SchemaCheck reads the configuration from the working directory, as cdktf synth runs apps). */
  function inProject<T>(files: Record<string, unknown>, work: () => T): T {
    const dir = mkdtempSync(path.join(scratch, "project-"));
    for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), JSON.stringify(content, null, 2));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      return work();
    } finally {
      process.chdir(cwd);
    }
  }
  const subnetGroupName = { rule: "unknown-argument", address: "aws_elasticache_subnet_group.sg", reason: "our provider fork has it" };
  const wrongSubnetGroup = { name: "cache", subnet_group_name: "cache", subnet_ids: ["subnet-1"] };

  it("a suppression in cdktf.json's schemaCheck silences the finding in synth, as on the command line", async () => {
    const cdktfJson = { language: "typescript", app: "npx tsx main.ts", schemaCheck: { suppressions: [subnetGroupName] } };
    const outdir = inProject({ "cdktf.json": cdktfJson }, () => {
      const { app, outdir } = newApp(cdktf);
      SchemaCheck.of(app);
      escapeHatchStack(cdktf, app, "aws_elasticache_subnet_group", wrongSubnetGroup);
      app.synth();
      expect(annotations(outdir, "cache")).toEqual([]);
      return outdir;
    });
    // The same configuration on the command line, for comparison.
    const project = path.dirname(outdir);
    writeFileSync(path.join(project, "cdktf.json"), JSON.stringify({ schemaCheck: { suppressions: [subnetGroupName] } }));
    const cli = await runCli([outdir, "--format", "json"], { cwd: project });
    expect(JSON.parse(cli.stdout).summary).toMatchObject({ errors: 0, warnings: 0, suppressed: 1 });
  });

  it("without it, the same app fails synth", () => {
    const { app, outdir } = newApp(cdktf);
    SchemaCheck.of(app, { config: false });
    escapeHatchStack(cdktf, app, "aws_elasticache_subnet_group", wrongSubnetGroup);
    expect(synthError(app, outdir)).toContain('error unknown-argument: Unsupported argument "subnet_group_name"');
  });

  it("options add to the configuration: suppressions, strict, and a configuration file named with config", () => {
    const settings = mkdtempSync(path.join(scratch, "settings-"));
    writeFileSync(path.join(settings, "schema-check.json"), JSON.stringify({ strict: true }));
    const options: SchemaCheckOptions = { config: path.join(settings, "schema-check.json"), suppressions: [subnetGroupName] };
    const { app, outdir } = newApp(cdktf);
    SchemaCheck.of(app, options);
    escapeHatchStack(cdktf, app, "aws_elasticache_replication_group", { replication_group_id: "c", description: "c", at_rest_encryption_enabled: true });
    // strict (from the file) makes the warning fail.
    expect(synthError(app, outdir)).toContain("warning type-mismatch");
  });

  it("a suppression that selects nothing in any stack is reported once, on the last stack; one used by any stack is not", () => {
    const unused = { rule: "deprecated", address: "aws_s3_bucket.*", reason: "moving to the new bucket resources" };
    const { app, outdir } = newApp(cdktf);
    SchemaCheck.of(app, { suppressions: [subnetGroupName, unused] });
    escapeHatchStack(cdktf, app, "aws_elasticache_subnet_group", wrongSubnetGroup);
    backendStack(cdktf, app);
    app.synth();
    expect(annotations(outdir, "cache")).toEqual([]);
    expect(annotations(outdir, "state")).toEqual([
      {
        constructPath: "state",
        level: "@cdktf/warn",
        message: [
          'warning unused-suppression: Unused suppression: no deprecated finding at "aws_s3_bucket.*"',
          "    It was added because: moving to the new bucket resources. Remove it, or correct its rule or address, so that it cannot hide a new finding later.",
          "    at /suppressions/1 in SchemaCheck options",
        ].join("\n"),
      },
    ]);
  });

  it("a configuration it cannot use stops the app where SchemaCheck is installed, naming file, line and field", () => {
    expect(() => inProject({ "cdktf-schema-check.json": { strict: "yes" } }, () => SchemaCheck.of(newApp(cdktf).app))).toThrow(
      "cdktf-schema-check.json:2:3: strict: expected true or false",
    );
    expect(() => SchemaCheck.of(newApp(cdktf).app, { suppressions: [{ rule: "unknown-argument", reason: " " }] })).toThrow(
      "SchemaCheck options: suppressions[0].reason: every suppression needs a reason: why the finding is acceptable",
    );
  });
});

describe("from synth to the command line's reports", () => {
  /** Synthesized as `cdktf synth` runs apps: cdk.tf.json and the source map are written despite the error. */
  function synthesized() {
    const { app, outdir } = newApp(cdktf);
    underTheCli(() => {
      SchemaCheck.of(app);
      escapeHatchStack(cdktf, app, "aws_elasticache_subnet_group", { name: "cache", subnet_group_name: "cache", subnet_ids: ["subnet-1"] });
      app.synth();
    });
    return { outdir, file: path.join(outdir, "stacks", "cache", "cdk.tf.json") };
  }
  const cli = async (outdir: string, format: string) => (await runCli([outdir, "--format", format, "--terraform-version", "1.11.4"])).stdout.replaceAll(outdir, "<outdir>");

  it("every format names the line of app code: pretty and JSON beside the cdk.tf.json place; SARIF and GitHub as the primary location", async () => {
    const { outdir } = synthesized();
    expect(annotations(outdir, "cache")).toEqual([expect.objectContaining({ level: "@cdktf/error", constructPath: "cache/sg" })]);
    const override = at("override", "addOverride");
    const [line, column] = override.split(":").slice(1).map(Number);

    expect(await cli(outdir, "pretty")).toContain(
      [
        "<outdir>/stacks/cache/cdk.tf.json",
        "  aws_elasticache_subnet_group.sg  (cache/sg)",
        '    31:9    error   Unsupported argument "subnet_group_name": aws_elasticache_subnet_group has no argument or block of that name  unknown-argument',
        "                    at /resource/aws_elasticache_subnet_group/sg/subnet_group_name",
        `                    source: ${override}`,
        `                    ${NOT_EXPECTED}`,
        "                    fix: did you mean `name`?",
      ].join("\n"),
    );

    const json = JSON.parse(await cli(outdir, "json"));
    expect(json.diagnostics[0]).toMatchObject({ rule: "unknown-argument", line: 31, column: 9, source: { file: FIXTURE, line, column } });

    const sarif = JSON.parse(await cli(outdir, "sarif"));
    const result = sarif.runs[0].results[0];
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: FIXTURE, uriBaseId: "%SRCROOT%" }, region: { startLine: line, startColumn: column } });
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: expect.stringMatching(/^file:\/\/.*\/stacks\/cache\/cdk\.tf\.json$/) }, region: { startLine: 31, startColumn: 9 } },
        message: { text: "The synthesized value: /resource/aws_elasticache_subnet_group/sg/subnet_group_name in cdk.tf.json" },
      },
    ]);

    expect((await cli(outdir, "github")).split("\n")[0]).toBe(
      `::error file=${FIXTURE},line=${line},col=${column},title=unknown-argument::Unsupported argument "subnet_group_name": aws_elasticache_subnet_group has no argument or block of that name` +
        `%0A${NOT_EXPECTED}%0AFix: did you mean \`name\`?%0AAt /resource/aws_elasticache_subnet_group/sg/subnet_group_name in <outdir>/stacks/cache/cdk.tf.json:31:9`,
    );
  });

  it("a source map that no longer describes cdk.tf.json (synthesized again without SchemaCheck) is not used", async () => {
    const { outdir, file } = synthesized();
    const document = JSON.parse(readFileSync(file, "utf8"));
    document.resource.aws_elasticache_subnet_group.sg.subnet_ids = ["subnet-2"];
    writeFileSync(file, JSON.stringify(document, null, 2));
    const json = JSON.parse(await cli(outdir, "json"));
    expect(json.diagnostics.map((d: { source: unknown }) => d.source)).toEqual([null]);
  });

  it("a source map that is not one stops the run with exit code 2, naming it", async () => {
    const { outdir, file } = synthesized();
    writeFileSync(path.join(path.dirname(file), SOURCE_MAP_FILE), "{}");
    const run = await runCli([outdir]);
    expect(run.code).toBe(2);
    expect(run.stderr.replaceAll(outdir, "<outdir>")).toBe(
      `cdktf-schema-check: <outdir>/stacks/cache/${SOURCE_MAP_FILE}: not a source map written by SchemaCheck: Invalid input: expected 1 (synthesize again, or delete it)\n`,
    );
  });
});

describe("the example app under SchemaCheck", () => {
  it("fails synth on the seed-failures stack, naming each construct, and passes the clean stack", async () => {
    const { CleanStack } = await import("../../examples/clean-stack.js");
    const { SeedFailuresStack } = await import("../../examples/seed-failures-stack.js");
    const { app, outdir } = newApp(cdktf);
    SchemaCheck.of(app);
    new CleanStack(app, "clean");
    new SeedFailuresStack(app, "seed-failures");
    const message = synthError(app, outdir);
    const findings = [...message.matchAll(/^\[([^\]]+)\] examples\/seed-failures-stack\.ts:\d+:\d+: (error|warning) ([a-z-]+):/gm)].map((m) => `${m[1]} ${m[3]}`);
    expect(new Set(findings)).toEqual(
      new Set([
        "seed-failures/cache-subnets missing-argument",
        "seed-failures/cache-subnets unknown-argument",
        "seed-failures/cache type-mismatch",
        "seed-failures/capacity unknown-argument",
        "seed-failures/capacity missing-argument",
        "seed-failures/plan block-shape",
        "seed-failures/plan-without-rules missing-argument",
      ]),
    );
    expect(message).not.toContain("[clean");
  });
});

describe("the package and the construct libraries", () => {
  it("imports neither cdktf, cdktn nor constructs: an app's own copies are found through its objects", () => {
    const sources = execFileSync("git", ["ls-files", "src"], { encoding: "utf8" }).trim().split("\n");
    const imports = sources.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/^import\s+(?!type\b)[^;]*?from\s+"(cdktf|cdktn|constructs)(\/[^"]*)?"/gm)].map((m) => `${file}: ${m[0]}`),
    );
    expect(imports).toEqual([]);
  });
});
