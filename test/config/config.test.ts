/**
 * The configuration: where it is found (cdktf-schema-check.json, cdktf.json's "schemaCheck",
 * --config), what makes it unusable (one line naming file, position and field), and what
 * suppressions select, drop and report.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import type { CheckResult } from "../../src/check/files.js";
import { InputError } from "../../src/check/input-error.js";
import { compileAddress } from "../../src/config/address.js";
import { applySuppressions, loadConfig } from "../../src/config/index.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "schema-check-config-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(file: string, content: unknown): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content, null, 2));
}

async function loadError(options: { file?: string } = {}): Promise<string> {
  const err = await loadConfig({ cwd: dir, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return (err as Error).message;
}

const suppression = { rule: "deprecated", address: "aws_s3_bucket.*", reason: "moving to aws_s3_bucket_* resources" };

describe("finding the configuration", () => {
  it("is empty without a configuration file", async () => {
    expect(await loadConfig({ cwd: dir })).toEqual({ providerVersions: {}, suppressions: [] });
  });

  it("reads cdktf-schema-check.json from the working directory, paths relative to it", async () => {
    await write("cdktf-schema-check.json", {
      providerVersions: { aws: "6.25.0" },
      terraformVersion: "1.11.4",
      strict: true,
      paths: ["cdktf.out/stacks/prod"],
      suppressions: [suppression],
    });
    const config = await loadConfig({ cwd: dir });
    expect(config).toMatchObject({
      file: "cdktf-schema-check.json",
      providerVersions: { aws: "6.25.0" },
      terraformVersion: "1.11.4",
      strict: true,
      paths: [path.join("cdktf.out", "stacks", "prod")],
    });
    expect(config.suppressions).toEqual([
      { ...suppression, matches: expect.any(Function), file: "cdktf-schema-check.json", pointer: "/suppressions/0", line: 11, column: 5 },
    ]);
  });

  it('reads the "schemaCheck" key of cdktf.json', async () => {
    await write("cdktf.json", { language: "typescript", app: "npx tsx main.ts", schemaCheck: { strict: false, suppressions: [suppression] } });
    const config = await loadConfig({ cwd: dir });
    expect(config).toMatchObject({ file: "cdktf.json", strict: false });
    expect(config.suppressions[0]).toMatchObject({ rule: "deprecated", pointer: "/schemaCheck/suppressions/0" });
  });

  it('ignores a cdktf.json without "schemaCheck"', async () => {
    await write("cdktf.json", { language: "typescript", app: "npx tsx main.ts" });
    expect(await loadConfig({ cwd: dir })).toEqual({ providerVersions: {}, suppressions: [] });
  });

  it("refuses two configurations at once", async () => {
    await write("cdktf.json", { schemaCheck: { strict: true } });
    await write("cdktf-schema-check.json", { strict: false });
    expect(await loadError()).toBe('cdktf-schema-check.json: cdktf.json configures cdktf-schema-check too ("schemaCheck"); keep one of them');
  });

  it("reads the file --config names instead, paths relative to that file", async () => {
    await write("cdktf-schema-check.json", { strict: false });
    await write("ci/schema-check.json", { strict: true, paths: ["../cdktf.out"] });
    expect(await loadConfig({ cwd: dir, file: "ci/schema-check.json" })).toMatchObject({ file: "ci/schema-check.json", strict: true, paths: ["cdktf.out"] });
  });

  it("--config may name a cdktf.json, which must have the key", async () => {
    await write("app/cdktf.json", { schemaCheck: { strict: true } });
    expect(await loadConfig({ cwd: dir, file: "app/cdktf.json" })).toMatchObject({ strict: true });
    await write("other/cdktf.json", { app: "x" });
    expect(await loadError({ file: "other/cdktf.json" })).toBe('other/cdktf.json: has no "schemaCheck" key (given with --config)');
  });

  it("--config must exist", async () => {
    expect(await loadError({ file: "nope.json" })).toBe("nope.json: no such file (given with --config)");
  });
});

describe("an unusable configuration: one line naming file, line, column and field", () => {
  const cases: [string, string, string][] = [
    ["malformed JSON", '{ "strict": true, }', "cdktf-schema-check.json:1:19: malformed JSON: expected a property name in double quotes"],
    ["not an object", "[]", "cdktf-schema-check.json:1:1: expected an object of settings"],
    ["an unknown setting", '{\n  "strikt": true\n}', "cdktf-schema-check.json:2:3: strikt: unknown setting (settings: providerVersions, terraformVersion, strict, paths, suppressions)"],
    ["a wrong type", '{\n  "strict": "yes"\n}', "cdktf-schema-check.json:2:3: strict: expected true or false"],
    ["a bad provider name", '{ "providerVersions": { "AWS PROVIDER": "6.25.0" } }', "cdktf-schema-check.json:1:25: providerVersions.AWS PROVIDER: expected a provider local name such as aws"],
    ["an empty version", '{ "providerVersions": { "aws": "" } }', "cdktf-schema-check.json:1:25: providerVersions.aws: expected a version string such as 6.25.0"],
    ["empty paths", '{ "paths": [] }', "cdktf-schema-check.json:1:3: paths: expected at least one path (leave it out for ./cdktf.out)"],
    [
      "a suppression without a reason",
      '{\n  "suppressions": [\n    { "rule": "deprecated", "address": "aws_s3_bucket.logs" }\n  ]\n}',
      "cdktf-schema-check.json:3:5: suppressions[0].reason: every suppression needs a reason: why the finding is acceptable",
    ],
    [
      "a suppression with an empty reason",
      '{\n  "suppressions": [\n    { "rule": "deprecated", "reason": "  " }\n  ]\n}',
      "cdktf-schema-check.json:3:29: suppressions[0].reason: every suppression needs a reason: why the finding is acceptable",
    ],
    [
      "a suppression of an unknown rule",
      '{ "suppressions": [{ "rule": "deprecation", "reason": "r" }] }',
      'cdktf-schema-check.json:1:22: suppressions[0].rule: unknown rule "deprecation" (rules: unknown-type, unknown-argument',
    ],
    [
      "a suppression with an unknown field",
      '{ "suppressions": [{ "rule": "deprecated", "reason": "r", "resource": "x" }] }',
      "cdktf-schema-check.json:1:59: suppressions[0].resource: unknown field",
    ],
    [
      "a file pointer without a pointer",
      '{ "suppressions": [{ "rule": "deprecated", "reason": "r", "address": "main.tf.json#terraform" }] }',
      "cdktf-schema-check.json:1:59: suppressions[0].address: a file pointer is FILE#/JSON/POINTER (the pointer starts with /)",
    ],
  ];
  it.each(cases)("%s", async (_, text, expected) => {
    await write("cdktf-schema-check.json", text);
    const message = await loadError();
    expect(message).toContain(expected);
    expect(message).not.toContain("\n");
  });

  it("in cdktf.json, the field is named under schemaCheck", async () => {
    await write("cdktf.json", '{\n  "app": "x",\n  "schemaCheck": { "strict": 1 }\n}');
    expect(await loadError()).toBe("cdktf.json:3:20: schemaCheck.strict: expected true or false");
    await write("cdktf.json", '{ "schemaCheck": 7 }');
    expect(await loadError()).toBe("cdktf.json:1:3: schemaCheck: expected an object of settings");
  });
});

describe("what a suppression's address selects", () => {
  const where = { configDir: "/repo", cwd: "/repo" };
  const d = (address: string | undefined, pointer = "/resource/x/y", file = "cdktf.out/stacks/prod/cdk.tf.json") => ({ file, pointer, ...(address ? { address } : {}) });

  it("a Terraform address, exactly or with * globs; never a finding without an address", () => {
    expect(compileAddress("aws_s3_bucket.logs", where)(d("aws_s3_bucket.logs"))).toBe(true);
    expect(compileAddress("aws_s3_bucket.logs", where)(d("aws_s3_bucket.logs2"))).toBe(false);
    expect(compileAddress("aws_s3_bucket.*", where)(d("aws_s3_bucket.logs"))).toBe(true);
    expect(compileAddress("aws_s3_bucket.*", where)(d("aws_s3_bucket_policy.logs"))).toBe(false);
    expect(compileAddress("*.logs", where)(d("data.aws_s3_bucket.logs"))).toBe(true);
    expect(compileAddress("data.*", where)(d("aws_s3_bucket.logs"))).toBe(false);
    expect(compileAddress("*", where)(d(undefined))).toBe(false);
  });

  it("a file pointer selects that place and everything below it, in matching files", () => {
    const backend = compileAddress("cdktf.out/stacks/prod/cdk.tf.json#/terraform/backend/s3", where);
    expect(backend(d(undefined, "/terraform/backend/s3/endpoint"))).toBe(true);
    expect(backend(d(undefined, "/terraform/backend/s3"))).toBe(true);
    expect(backend(d(undefined, "/terraform/backend/s3x"))).toBe(false);
    expect(backend(d(undefined, "/terraform/backend/s3", "cdktf.out/stacks/dev/cdk.tf.json"))).toBe(false);
    expect(backend(d(undefined, "/terraform/backend/s3", "./cdktf.out/stacks/prod/cdk.tf.json"))).toBe(true);
    expect(backend(d(undefined, "/terraform/backend/s3", "/repo/cdktf.out/stacks/prod/cdk.tf.json"))).toBe(true);

    const anyStack = compileAddress("cdktf.out/stacks/*/cdk.tf.json#/terraform/required_providers/*", where);
    expect(anyStack(d(undefined, "/terraform/required_providers/google", "cdktf.out/stacks/dev/cdk.tf.json"))).toBe(true);
    expect(anyStack(d(undefined, "/terraform/required_providers", "cdktf.out/stacks/dev/cdk.tf.json"))).toBe(false);
    expect(compileAddress("**/cdk.tf.json#/terraform", where)(d(undefined, "/terraform/backend"))).toBe(true);
    expect(compileAddress("#/resource/x", where)(d(undefined, "/resource/x/y", "anything.tf.json"))).toBe(true);

    // Files are relative to the configuration file's directory.
    const nested = compileAddress("stacks/prod/cdk.tf.json#/terraform", { configDir: "/repo/cdktf.out", cwd: "/repo" });
    expect(nested(d(undefined, "/terraform"))).toBe(true);
  });

  it("no address: every finding of the rule", () => {
    expect(compileAddress(undefined, where)(d(undefined))).toBe(true);
  });
});

describe("applying suppressions", () => {
  const finding = (rule: string, address?: string, severity: "error" | "warning" = "error"): Diagnostic => ({
    severity,
    rule,
    file: "main.tf.json",
    pointer: "/resource/aws_s3_bucket/logs",
    ...(address ? { address } : {}),
    message: `${rule} finding`,
    suggestions: [],
  });

  it("drops what they select and counts it; reports the ones that selected nothing where they are written", async () => {
    await write("cdktf-schema-check.json", {
      suppressions: [
        { rule: "deprecated", address: "aws_s3_bucket.*", reason: "migrating" },
        { rule: "unknown-argument", address: "aws_s3_bucket.gone", reason: "provider bug #12." },
        { rule: "type-mismatch", reason: "bindings are TypeScript only" },
      ],
    });
    const { suppressions } = await loadConfig({ cwd: dir });
    const diagnostics = [
      finding("deprecated", "aws_s3_bucket.logs", "warning"),
      finding("deprecated", "aws_s3_bucket.data", "warning"),
      finding("unknown-argument", "aws_s3_bucket.logs"),
      finding("type-mismatch", "aws_instance.web", "warning"),
    ];
    const result = applySuppressions({ diagnostics, summary: { files: 1, resources: 3, errors: 1, warnings: 3 } }, suppressions);
    expect(result.summary).toEqual({ files: 1, resources: 3, errors: 1, warnings: 1, suppressed: 3 });
    expect(result.diagnostics).toEqual([
      finding("unknown-argument", "aws_s3_bucket.logs"),
      {
        severity: "warning",
        rule: "unused-suppression",
        file: "cdktf-schema-check.json",
        pointer: "/suppressions/1",
        line: 8,
        column: 5,
        message: 'Unused suppression: no unknown-argument finding at "aws_s3_bucket.gone"',
        detail: "It was added because: provider bug #12. Remove it, or correct its rule or address, so that it cannot hide a new finding later.",
        suggestions: [],
      },
    ]);
  });

  it("keeps the rest of the result (what the files were checked against)", () => {
    const checkedAgainst = { providers: [], terraform: { version: "1.11.4", source: "--terraform-version" } };
    const result = { diagnostics: [], summary: { files: 1, resources: 0, errors: 0, warnings: 0 }, checkedAgainst } as unknown as CheckResult;
    expect(applySuppressions(result, []).checkedAgainst).toBe(checkedAgainst);
  });

  it("without suppressions, counts none", () => {
    const diagnostics = [finding("deprecated", "aws_s3_bucket.logs", "warning")];
    expect(applySuppressions({ diagnostics, summary: { files: 1, resources: 1, errors: 0, warnings: 1 } }, [])).toEqual({
      diagnostics,
      summary: { files: 1, resources: 1, errors: 0, warnings: 1, suppressed: 0 },
    });
  });
});
