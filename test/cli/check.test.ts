/**
 * The CLI contract: `cdktf-schema-check [paths…]`, its options, its output and its exit codes
 * (0 nothing failing, 1 findings that fail, 2 unusable input or usage, with a one-line reason).
 */
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./run.js";
import { spawnCli } from "./spawn.js";
import { suiteDir } from "../suite-dir.js";

const run = (...args: string[]) => runCli(args);

afterEach(() => {
  process.exitCode = undefined;
});

const fixtures = "test/fixtures/cli";

describe("exit code 0: nothing failing", () => {
  it("for a configuration without findings", async () => {
    const result = await run(`${fixtures}/no-resources.tf.json`);
    expect(result).toEqual({ code: 0, stdout: "No problems found (1 file, 0 resources).\n", stderr: "" });
  });

  it("for warnings only (here: a provider without a shipped schema)", async () => {
    const result = await run(`${fixtures}/no-schema.tf.json`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('warning No schema for provider "google"');
  });
});

describe("exit code 1: findings that fail", () => {
  it("for errors", async () => {
    const result = await run(`${fixtures}/unknown-top-level.tf.json`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2:3     error   Unsupported top-level key "resources"');
    expect(result.stderr).toBe("");
  });

  it("for warnings with --strict", async () => {
    expect((await run("--strict", `${fixtures}/no-schema.tf.json`)).code).toBe(1);
  });
});

describe("exit code 2: unusable input or usage, with a one-line reason", () => {
  it("for a missing file", async () => {
    expect(await run(`${fixtures}/nope.tf.json`)).toEqual({
      code: 2,
      stdout: "",
      stderr: `cdktf-schema-check: ${fixtures}/nope.tf.json: no such file or directory\n`,
    });
  });

  it("for malformed JSON, naming line and column", async () => {
    expect(await run(`${fixtures}/malformed.tf.json`)).toEqual({
      code: 2,
      stdout: "",
      stderr: `cdktf-schema-check: ${fixtures}/malformed.tf.json:4:32: malformed JSON: expected a property name in double quotes\n`,
    });
  });

  it("for an unknown flag", async () => {
    const result = await run("--frobnicate", `${fixtures}/no-resources.tf.json`);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("cdktf-schema-check: unknown option '--frobnicate'\n");
  });

  it("for a malformed --provider-version", async () => {
    const result = await run("--provider-version", "aws", `${fixtures}/no-resources.tf.json`);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "cdktf-schema-check: option '--provider-version <NAME=VERSION>' argument 'aws' is invalid. expected NAME=VERSION, e.g. aws=6.25.0, got \"aws\"\n",
    );
  });

  it("for an unknown --format", async () => {
    const result = await run("--format", "xml", `${fixtures}/no-resources.tf.json`);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("cdktf-schema-check: option '--format <format>' argument 'xml' is invalid. Allowed choices are pretty, json, sarif, github.\n");
  });

  it("for a directory without Terraform JSON files", async () => {
    const result = await run("test/cli");
    expect(result).toEqual({ code: 2, stdout: "", stderr: "cdktf-schema-check: test/cli: no cdk.tf.json or *.tf.json files in this directory\n" });
  });
});

describe("--format json", () => {
  it("prints exactly one JSON object", async () => {
    const result = await run("--format", "json", `${fixtures}/unknown-top-level.tf.json`);
    expect(JSON.parse(result.stdout)).toEqual({
      diagnostics: [
        {
          severity: "error",
          rule: "unknown-argument",
          file: `${fixtures}/unknown-top-level.tf.json`,
          pointer: "/resources",
          line: 2,
          column: 3,
          address: null,
          message: 'Unsupported top-level key "resources": a Terraform JSON document has no block type of that name',
          detail:
            'The top level may hold resource, data, provider, terraform, variable, output, locals, module, moved, import, check, removed (and "//" comments).',
          suggestions: ["resource"],
          constructPath: null,
          source: null,
        },
      ],
      summary: { files: 1, resources: 0, errors: 1, warnings: 0, suppressed: 0 },
      // No terraform block needs a release here, so none was asked for or named.
      checkedAgainst: { providers: [] },
    });
  });

  it("names the schema each provider was checked against, and why", async () => {
    const result = await run("--format", "json", "--terraform-version", "1.11.4", "test/fixtures/seeds/cdktf");
    expect(JSON.parse(result.stdout).checkedAgainst).toEqual({
      providers: [
        {
          localName: "aws",
          address: "registry.terraform.io/hashicorp/aws",
          version: "6.25.0",
          from: "@cdktf/provider-aws@21.22.1",
          reason: 'the newest available schema satisfying "6.25.0" (terraform.required_providers.aws)',
        },
      ],
      terraform: { version: "1.11.4", source: "--terraform-version", release: "1.11.4" },
    });
    const pretty = await run("--terraform-version", "1.11.4", "--provider-version", "aws=6.66.0", "test/fixtures/seeds/cdktf");
    expect(pretty.stdout).toContain("Checked against:\n  registry.terraform.io/hashicorp/aws 6.66.0 (schema from @cdktn/provider-aws@25.7.0): --provider-version aws=6.66.0\n");
  });
});

describe("paths", () => {
  it("searches directories for **/cdk.tf.json", async () => {
    const result = await run("--format", "json", "test/fixtures/seeds/cdktf");
    expect(JSON.parse(result.stdout).summary.files).toBe(1);
    expect(result.stdout).toContain('"file": "test/fixtures/seeds/cdktf/stacks/seed-failures/cdk.tf.json"');
  });
});

describe("--terraform-version", () => {
  const backend = "test/fixtures/cli/s3-backend.tf.json";

  it("1.9.0 rejects use_lockfile, naming the version", async () => {
    const result = await run("--terraform-version", "1.9.0", "--format", "json", backend);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { message: string }) => d.message)).toEqual([
      '"use_lockfile" needs Terraform ≥ 1.10; you are checking against Terraform 1.9.0 (--terraform-version)',
    ]);
  });

  it("1.11.4 accepts use_lockfile and rejects role_arn, naming the version", async () => {
    const result = await run("--terraform-version", "1.11.4", "--format", "json", backend.replace("s3-backend", "s3-backend-role-arn"));
    expect(JSON.parse(result.stdout).diagnostics.map((d: { message: string }) => d.message)).toEqual([
      '"role_arn" was removed from the s3 backend in Terraform 1.10 (last in 1.9); you are checking against Terraform 1.11.4 (--terraform-version)',
    ]);
    expect((await run("--terraform-version", "1.11.4", backend)).code).toBe(0);
  });

  it("exits 2 for versions it has no schemas for, or none at all, naming the flag", async () => {
    expect(await run("--terraform-version", "1.2.0", backend)).toEqual({
      code: 2,
      stdout: "",
      stderr: "cdktf-schema-check: --terraform-version: Terraform 1.2.0 is older than the oldest release with known backend schemas (1.5.7)\n",
    });
    expect((await run("--terraform-version", "latest", backend)).stderr).toBe('cdktf-schema-check: --terraform-version: expected a Terraform version such as 1.11.4, got "latest"\n');
  });
});

describe("the schemas a run decoded, kept for the next (in the private cache, beside the code cache)", () => {
  const seeds = "test/fixtures/seeds/cdktf";
  const scratch = suiteDir("decoded-");
  const cacheOf = (dir: string) => readdirSync(path.join(dir, `cdktf-schema-check-${process.getuid!()}`)).filter((f) => f.startsWith("decoded-"));

  it("are written by the first run and give the next the same report", async () => {
    const dir = path.join(scratch(), "on");
    const first = await spawnCli([seeds], { env: { NODE_COMPILE_CACHE: dir } });
    expect(cacheOf(dir)).toEqual([expect.stringMatching(/^decoded-registry\.terraform\.io_hashicorp_aws-[\da-f]{8}-\d+-[\da-f]{8}-[\da-f]{8}\.bodies$/)]);
    expect(await spawnCli([seeds], { env: { NODE_COMPILE_CACHE: dir } })).toEqual(first);
    expect(first.code).toBe(1);
  });

  it("are not kept with NODE_DISABLE_COMPILE_CACHE", async () => {
    const dir = path.join(scratch(), "off");
    mkdirSync(dir);
    await spawnCli([seeds], { env: { NODE_COMPILE_CACHE: dir, NODE_DISABLE_COMPILE_CACHE: "1" } });
    expect(readdirSync(dir)).toEqual([]);
  });
});
