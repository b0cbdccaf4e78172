/**
 * Every provider version a published binding pins is checked exactly, from the shipped history;
 * a version outside it is checked against the nearest one and said so (`schema-approximate`);
 * a `--provider-version` nothing satisfies, and a corrupt snapshot, are exit 2 (issue 13 items 7
 * and 8). The facts per version come from the bindings of those versions (the history).
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cdktf from "cdktf";
import { afterAll, describe, expect, it } from "vitest";
import { SchemaCheck } from "../../src/cdktf/index.js";
import { writeSnapshot } from "../../src/schema/store/write.js";
import { runCli } from "../cli/run.js";

const scratch = mkdtempSync(path.join(tmpdir(), "history-checks-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let n = 0;
/** A stack file pinned to an aws version, holding the given resources. */
function stack(version: string, resource: Record<string, unknown>, dir = mkdtempSync(path.join(scratch, "p-"))): string {
  const file = path.join(dir, `stack-${n++}.tf.json`);
  writeFileSync(file, JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version } } }, resource }, null, 2));
  return file;
}

interface Report {
  diagnostics: { rule: string; severity: string; pointer: string; message: string; detail?: string }[];
  checkedAgainst: { providers: { version: string; from: string; reason: string }[] };
}

async function check(file: string, ...flags: string[]) {
  const result = await runCli([file, "--format", "json", "--terraform-version", "1.11.4", ...flags], { cwd: path.dirname(file) });
  const report = result.stdout ? (JSON.parse(result.stdout) as Report) : undefined;
  return { ...result, report, found: report?.diagnostics.map((d) => `${d.severity} ${d.rule} ${d.pointer}`) ?? [] };
}

describe("versions differ, and each pinned version is checked against its own schema", () => {
  const ecsService = { aws_ecs_service: { web: { name: "web", volume_configuration: [{ name: "data", managed_ebs_volume: [{ role_arn: "arn:aws:iam::1:role/x" }] }] } } };

  it("aws 5.31.0 rejects volume_configuration on aws_ecs_service (added later); a later 5.x accepts it", async () => {
    const old = await check(stack("5.31.0", ecsService));
    expect(old.found).toEqual(["error unknown-argument /resource/aws_ecs_service/web/volume_configuration"]);
    expect(old.report!.checkedAgainst.providers).toEqual([
      expect.objectContaining({ version: "5.31.0", from: "@cdktf/provider-aws@19.0.0", reason: 'the newest available schema satisfying "5.31.0" (terraform.required_providers.aws)' }),
    ]);
    expect((await check(stack("5.100.0", ecsService))).found).toEqual([]);
  });

  const launchTemplate = { aws_launch_template: { lt: { name: "lt", elastic_gpu_specifications: [{ type: "eg1.medium" }] } } };

  it("aws 6.x rejects elastic_gpu_specifications on aws_launch_template (removed in 6.0); 5.100.0 accepts it", async () => {
    for (const version of ["6.0.0", "6.23.0", "6.66.0"]) {
      expect((await check(stack(version, launchTemplate))).found).toEqual(["error unknown-argument /resource/aws_launch_template/lt/elastic_gpu_specifications"]);
    }
    expect((await check(stack("5.100.0", launchTemplate))).found).toEqual([]);
  });

  const cacheCluster = { aws_elasticache_cluster: { c: { cluster_id: "c", security_group_names: ["legacy"] } } };

  it("aws 4.67.0 accepts security_group_names on aws_elasticache_cluster (gone in 5.0)", async () => {
    const old = await check(stack("4.67.0", cacheCluster));
    expect(old.found).toEqual([]);
    expect(old.report!.checkedAgainst.providers[0]).toMatchObject({ version: "4.67.0", from: "@cdktf/provider-aws@15.0.0" });
    expect((await check(stack("5.5.0", cacheCluster))).found).toEqual(["error unknown-argument /resource/aws_elasticache_cluster/c/security_group_names"]);
  });

  it("the issue's app on @cdktf/provider-aws@21.20.0 (aws 6.23.0): a misspelling, camelCase and a bool for a string are all reported", async () => {
    const file = stack("6.23.0", {
      aws_elasticache_replication_group: { cache: { replication_group_id: "cache", description: "cache", transit_encryption_enabled: "yes", atRestEncryptionEnabled: true, num_cache_cluster: 2 } },
    });
    const { code, found, report } = await check(file);
    expect(code).toBe(1);
    expect(found).toEqual([
      "error type-mismatch /resource/aws_elasticache_replication_group/cache/transit_encryption_enabled",
      "error unknown-argument /resource/aws_elasticache_replication_group/cache/atRestEncryptionEnabled",
      "error unknown-argument /resource/aws_elasticache_replication_group/cache/num_cache_cluster",
    ]);
    expect(report!.checkedAgainst.providers[0]).toMatchObject({ version: "6.23.0", from: "@cdktf/provider-aws@21.20.0" });
  });

  it("the issue's second app on @cdktf/provider-aws@19.0.0 (aws 5.31.0): subnet_group_name on aws_elasticache_subnet_group", async () => {
    const { code, found } = await check(stack("5.31.0", { aws_elasticache_subnet_group: { sg: { subnet_group_name: "cache", subnet_ids: ["subnet-1"] } } }));
    expect(code).toBe(1);
    expect(found).toEqual([
      "error missing-argument /resource/aws_elasticache_subnet_group/sg",
      "error unknown-argument /resource/aws_elasticache_subnet_group/sg/subnet_group_name",
    ]);
  });
});

describe("a version no binding release pins is checked against the nearest one, never silently", () => {
  const bucket = { aws_s3_bucket: { logs: { bucket: "logs", bucket_typo: "x" } } };

  it("warns schema-approximate, still reports errors, and fails with --strict", async () => {
    const file = stack("6.26.0", bucket);
    const lenient = await check(file);
    expect(lenient.found).toEqual(["warning schema-approximate /terraform/required_providers/aws", "error unknown-argument /resource/aws_s3_bucket/logs/bucket_typo"]);
    const warning = lenient.report!.diagnostics[0]!;
    expect(warning.message).toBe('No schema for registry.terraform.io/hashicorp/aws 6.26.0: provider "aws" was checked against 6.40.0, the nearest newer version available');
    expect(warning.detail).toContain("Arguments, blocks and types added between 6.26.0 and 6.40.0 are accepted without a word");
    expect(lenient.report!.checkedAgainst.providers[0]).toMatchObject({
      version: "6.40.0",
      reason: 'the nearest newer available version of the same major: none satisfies "6.26.0" (terraform.required_providers.aws)',
    });
    const clean = stack("6.26.0", { aws_s3_bucket: { logs: { bucket: "logs" } } });
    expect((await check(clean)).code).toBe(0);
    expect((await check(clean, "--strict")).code).toBe(1);
  });

  it("without a newer version of that major, the nearest older one, saying what that means", async () => {
    const { found, report } = await check(stack("6.70.0", { aws_s3_bucket: { logs: { bucket: "logs" } } }));
    expect(found).toEqual(["warning schema-approximate /terraform/required_providers/aws"]);
    expect(report!.diagnostics[0]!.detail).toContain("Arguments, blocks and types added after 6.66.0 are reported as unknown, though 6.70.0 may have them.");
  });

  it("schema-unavailable only when no schema of that major exists", async () => {
    const { found, report } = await check(stack("7.1.0", bucket));
    expect(found).toEqual(["warning schema-unavailable /terraform/required_providers/aws"]);
    expect(report!.diagnostics[0]!.detail).toMatch(/^No schema for registry\.terraform\.io\/hashicorp\/aws matching "7\.1\.0" is available \(available: 4\.11\.0 … 4\.67\.0 \(\d+\), 5\.5\.0 … 5\.100\.0 \(\d+\), 6\.0\.0 … 6\.66\.0 \(\d+\), none of the same major\)/);
  });

  it("in synth: a cdktf app whose binding release pins a version outside the history fails with strict", () => {
    const app = new cdktf.App({ outdir: mkdtempSync(path.join(scratch, "app-")) });
    const appStack = new cdktf.TerraformStack(app, "prod");
    appStack.addOverride("terraform.required_providers", { aws: { source: "hashicorp/aws", version: "6.26.0" } });
    const bucketResource = new cdktf.TerraformResource(appStack, "logs", { terraformResourceType: "aws_s3_bucket" });
    bucketResource.addOverride("bucket", "logs");
    SchemaCheck.of(app, { strict: true });
    // cdktf lists error annotations as `[construct path] <finding>`, the finding's place last.
    expect(() => app.synth()).toThrow(
      /\[prod\] warning schema-approximate: No schema for registry\.terraform\.io\/hashicorp\/aws 6\.26\.0: provider "aws" was checked against 6\.40\.0, the nearest newer version available\n[^]*\n {4}at \/terraform\/required_providers\/aws in /,
    );
  });
});

describe("--provider-version and providerVersions that cannot be used are exit 2 (issue 13 item 7)", () => {
  const file = () => stack("6.25.0", { aws_s3_bucket: { logs: { bucket: "logs", bucket_typo: "x" } } });

  it("not a version", async () => {
    expect(await check(file(), "--provider-version", "aws=notaversion")).toMatchObject({
      code: 2,
      stdout: "",
      stderr:
        'cdktf-schema-check: --provider-version aws=notaversion: "notaversion" is not a valid version constraint: "notaversion" should be an operator (=, !=, >, >=, <, <=, ~>) followed by a version like 6.25.0; `cdktf-schema-check schema list` shows the versions available\n',
    });
  });

  it("a version no schema has, naming the ones available", async () => {
    const result = await check(file(), "--provider-version", "aws=99.0.0");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^cdktf-schema-check: provider version aws=99\.0\.0 \(--provider-version or providerVersions\) cannot be used: no schema of registry\.terraform\.io\/hashicorp\/aws satisfies "99\.0\.0"; available: 4\.11\.0 … 4\.67\.0 \(\d+\), 5\.5\.0 … 5\.100\.0 \(\d+\), 6\.0\.0 … 6\.66\.0 \(\d+\)\n$/,
    );
  });

  it("the same from the configuration file", async () => {
    const bad = file();
    writeFileSync(path.join(path.dirname(bad), "cdktf-schema-check.json"), JSON.stringify({ providerVersions: { aws: "notaversion" } }));
    const result = await check(bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cdktf-schema-check: providerVersions\.aws in cdktf-schema-check\.json: "notaversion" is not a valid version constraint/);
    writeFileSync(path.join(path.dirname(bad), "cdktf-schema-check.json"), JSON.stringify({ providerVersions: { aws: "99.0.0" } }));
    expect((await check(bad)).code).toBe(2);
  });
});

describe("a corrupt project snapshot is exit 2 naming the file (issue 13 item 8)", () => {
  /** A project with its own snapshot of example/demo 1.0.0 and a stack using it. */
  async function project() {
    const dir = mkdtempSync(path.join(scratch, "corrupt-"));
    await writeSnapshot({
      schemasDir: path.join(dir, ".cdktf-schemas"),
      address: "registry.terraform.io/example/demo",
      version: "1.0.0",
      schema: { provider: { block: {} }, resource_schemas: { demo_thing: { block: { attributes: { name: { type: "string", required: true } } } } }, data_source_schemas: {} },
      provenance: { method: "file", from: "test", createdAt: "2026-11-25" },
    });
    const file = path.join(dir, "cdk.tf.json");
    writeFileSync(file, JSON.stringify({ terraform: { required_providers: { demo: { source: "example/demo", version: "1.0.0" } } }, resource: { demo_thing: { t: { nam: "x" } } } }));
    const snapshot = path.join(dir, ".cdktf-schemas", "registry.terraform.io", "example", "demo", "1.0.0");
    return { file, index: path.join(snapshot, "index.json"), pack: path.join(snapshot, "schema.pack") };
  }

  it("intact, it checks", async () => {
    const { file } = await project();
    expect((await check(file)).found).toEqual(["error missing-argument /resource/demo_thing/t", "error unknown-argument /resource/demo_thing/t/nam"]);
  });

  it.each([
    ["truncated", (index: string) => truncateSync(index, 40), /: not valid JSON \(.*\); is it truncated\?\n$/],
    ["empty", (index: string) => writeFileSync(index, ""), /: the file is empty\n$/],
    ["of the wrong format", (index: string) => writeFileSync(index, JSON.stringify({ format: "other" })), /: not a valid schema: format: Invalid input: expected "cdktf-schema-check\.pack\/1" \(and \d+ more problems\)\n$/],
  ])("an index.json %s", async (_, damage, reason) => {
    const { file, index } = await project();
    damage(index);
    const result = await check(file);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr.startsWith(`cdktf-schema-check: ${index}: `)).toBe(true);
    expect(result.stderr).toMatch(reason);
  });

  it.each([
    ["truncated", (pack: string) => truncateSync(pack, 3), "resource demo_thing: the pack is truncated"],
    ["corrupt", (pack: string) => writeFileSync(pack, Buffer.alloc(readFileSync(pack).length, 0x41)), "resource demo_thing: the entry is corrupt (it does not decompress)"],
  ])("a schema.pack %s", async (_, damage, reason) => {
    const { file, pack } = await project();
    damage(pack);
    expect(await check(file)).toMatchObject({ code: 2, stdout: "", stderr: `cdktf-schema-check: ${pack}: ${reason}\n` });
  });
});

