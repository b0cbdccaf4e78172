/**
 * The configuration on the command line: found in the working directory (or --config), flags
 * override it, a bad one is exit code 2 with one line, suppressions drop findings and report the
 * ones that matched nothing.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./run.js";

let dir: string;

const document = {
  terraform: {
    required_version: ">= 1.5.0",
    required_providers: { aws: { source: "hashicorp/aws", version: "~> 6.0" } },
  },
  resource: {
    aws_s3_bucket_nope: { a: { bucket: "x" } },
    aws_s3_bucket: { logs: { bucket: "logs", acl_typo: "private" } },
  },
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "schema-check-cli-config-"));
  await write("cdktf.out/stacks/app/cdk.tf.json", document);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(file: string, content: unknown): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content, null, 2));
}

const run = (...args: string[]) => runCli(args, { cwd: dir });
const json = async (...args: string[]) => {
  const result = await run("--format", "json", ...args);
  return { ...result, report: JSON.parse(result.stdout) as { diagnostics: { rule: string; message: string; file: string; line: number }[]; summary: Record<string, number> } };
};

const unknownArgument = { rule: "unknown-argument", address: "aws_s3_bucket.logs", reason: "the provider fork we use has acl_typo" };

describe("the configuration file", () => {
  it("without one, ./cdktf.out is checked and nothing is suppressed", async () => {
    const { code, report } = await json();
    expect(code).toBe(1);
    expect(report.diagnostics.map((d) => d.rule)).toEqual(["unknown-type", "unknown-argument"]);
    expect(report.summary).toEqual({ files: 1, resources: 2, errors: 2, warnings: 0, suppressed: 0 });
  });

  it("suppressions drop findings (counted as suppressed) and unused ones are reported as warnings", async () => {
    await write("cdktf-schema-check.json", {
      suppressions: [
        unknownArgument,
        { rule: "unknown-type", address: "cdktf.out/stacks/*/cdk.tf.json#/resource/aws_s3_bucket_nope", reason: "added by a later provider" },
        { rule: "deprecated", address: "aws_instance.*", reason: "old instances" },
      ],
    });
    const { code, report } = await json();
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        rule: "unused-suppression",
        file: "cdktf-schema-check.json",
        pointer: "/suppressions/2",
        line: 13,
        column: 5,
        message: 'Unused suppression: no deprecated finding at "aws_instance.*"',
      }),
    ]);
    expect(report.summary).toEqual({ files: 1, resources: 2, errors: 0, warnings: 1, suppressed: 2 });
    expect(code).toBe(0);
    expect((await run("--strict")).code).toBe(1);

    const pretty = await run();
    expect(pretty.stdout).toContain("0 errors, 1 warning, 2 suppressed (1 file, 2 resources).");
    expect(pretty.stdout).toContain("cdktf-schema-check.json\n  13:5    warning Unused suppression");
  });

  it('is read from the "schemaCheck" key of cdktf.json', async () => {
    await write("cdktf.json", { language: "typescript", app: "npx tsx main.ts", schemaCheck: { suppressions: [unknownArgument] } });
    const { report } = await json();
    expect(report.diagnostics.map((d) => d.rule)).toEqual(["unknown-type"]);
    expect(report.summary.suppressed).toBe(1);
  });

  it("--config names another file", async () => {
    await write("cdktf-schema-check.json", { suppressions: [] });
    await write("ci/check.json", { suppressions: [unknownArgument] });
    const { report } = await json("--config", "ci/check.json");
    expect(report.summary.suppressed).toBe(1);
  });

  it("paths: checked when none are given on the command line, relative to the file", async () => {
    await write("elsewhere/main.tf.json", { resource: { aws_s3_bucket: { b: { bucket: "b" } } } });
    await write("config/check.json", { paths: ["../elsewhere"] });
    const { report } = await json("--config", "config/check.json");
    expect(report.summary.files).toBe(1);
    expect(report.diagnostics.every((d) => d.file === path.join("elsewhere", "main.tf.json"))).toBe(true);
    // A path on the command line wins.
    expect((await json("--config", "config/check.json", "cdktf.out")).report.summary.resources).toBe(2);
  });
});

describe("command-line flags override the file", () => {
  it("--provider-version over providerVersions", async () => {
    await write("cdktf-schema-check.json", { providerVersions: { aws: "5.99.1" } });
    const fromFile = await json();
    expect(fromFile.report.diagnostics[0]!.message).toContain("registry.terraform.io/hashicorp/aws 5.99.1 has no resource type");
    const fromFlag = await json("--provider-version", "aws=6.25.0");
    expect(fromFlag.report.diagnostics[0]!.message).toContain("registry.terraform.io/hashicorp/aws 6.25.0 has no resource type");
  });

  it("--no-strict over strict: true", async () => {
    await write("cdktf-schema-check.json", {
      strict: true,
      suppressions: [unknownArgument, { rule: "unknown-type", reason: "fine" }, { rule: "deprecated", reason: "stale" }],
    });
    expect((await run()).code).toBe(1);
    expect((await run("--no-strict")).code).toBe(0);
  });

  it("--terraform-version over terraformVersion", async () => {
    await write("cdktf.out/stacks/app/cdk.tf.json", { ...document, terraform: { ...document.terraform, required_version: "< 1.6.0" } });
    await write("cdktf-schema-check.json", { terraformVersion: "1.11.4" });
    const fromFile = await json();
    expect(fromFile.report.diagnostics.find((d) => d.rule === "required-version")?.message).toBe(
      'required_version "< 1.6.0" excludes Terraform 1.11.4 (terraformVersion in cdktf-schema-check.json)',
    );
    const fromFlag = await json("--terraform-version", "1.5.7");
    expect(fromFlag.report.diagnostics.find((d) => d.rule === "required-version")).toBeUndefined();
  });
});

describe("exit code 2 for an unusable configuration, with a one-line reason", () => {
  it("a suppression without a reason", async () => {
    await write("cdktf-schema-check.json", '{\n  "suppressions": [{ "rule": "unknown-argument", "address": "aws_s3_bucket.logs", "reason": "" }]\n}\n');
    expect(await run()).toEqual({
      code: 2,
      stdout: "",
      stderr: "cdktf-schema-check: cdktf-schema-check.json:2:83: suppressions[0].reason: every suppression needs a reason: why the finding is acceptable\n",
    });
  });

  it("an unknown setting in cdktf.json", async () => {
    await write("cdktf.json", '{ "app": "x", "schemaCheck": { "paths": ["cdktf.out"], "format": "json" } }');
    expect(await run()).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "cdktf-schema-check: cdktf.json:1:56: schemaCheck.format: unknown setting (settings: providerVersions, terraformVersion, strict, paths, suppressions)\n",
    });
  });

  it("a terraformVersion the checker cannot use", async () => {
    await write("cdktf-schema-check.json", { terraformVersion: "1.2.0" });
    expect(await run()).toEqual({
      code: 2,
      stdout: "",
      stderr: "cdktf-schema-check: cdktf-schema-check.json: terraformVersion: Terraform 1.2.0 is older than the oldest release with known backend schemas (1.5.7)\n",
    });
  });

  it("a missing --config file", async () => {
    expect(await run("--config", "nope.json")).toEqual({ code: 2, stdout: "", stderr: "cdktf-schema-check: nope.json: no such file (given with --config)\n" });
  });
});

describe("--format sarif and --format github", () => {
  it("report the same findings", async () => {
    const sarif = await run("--format", "sarif");
    expect(sarif.code).toBe(1);
    const results = JSON.parse(sarif.stdout).runs[0].results;
    expect(results.map((r: { ruleId: string }) => r.ruleId)).toEqual(["unknown-type", "unknown-argument"]);
    expect(results[1].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "cdktf.out/stacks/app/cdk.tf.json", uriBaseId: "%SRCROOT%" },
      region: { startLine: 20, startColumn: 9 },
    });

    const github = await run("--format", "github");
    expect(github.code).toBe(1);
    expect(github.stdout.split("\n")[1]).toMatch(/^::error file=cdktf.out\/stacks\/app\/cdk.tf.json,line=20,col=9,title=unknown-argument::Unsupported argument "acl_typo"/);
    expect(github.stdout).toContain("cdktf-schema-check: 2 errors, 0 warnings (1 file, 2 resources).\n");
  });
});
