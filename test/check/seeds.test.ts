/**
 * Every seed failure the schema can see, caught with the right rule, pointer and message, on the
 * shipped aws 6.25.0 schema: once as cdktf synthesizes it (escape hatches, `//` metadata) and once
 * as a Python user's raw dicts come out (test/fixtures/seeds/README.md).
 */
import { describe, expect, it } from "vitest";
import { checkFiles } from "../../src/check/files.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import { shippedSchemas } from "../../src/schema/store/index.js";

const schemas = shippedSchemas();
const row = (d: Diagnostic) => [d.severity, d.rule, d.pointer, d.message, d.suggestions];

const conversionDetail = (name: string) =>
  `Terraform accepts true here and converts it to a string, but typed CDKTF bindings (Python, Java, C#, Go) declare "${name}" as a string and reject the bool true. Write "true".`;

describe("seed failures as cdktf synthesizes them", () => {
  const checked = checkFiles(["test/fixtures/seeds/cdktf"], { schemas });
  const byPointer = async (pointer: string) => (await checked).diagnostics.find((d) => d.pointer === pointer)!;
  const at = (suffix: string) => `/resource/${suffix}`;

  it("finds exactly these, in file order", async () => {
    const { diagnostics, summary } = await checked;
    expect(diagnostics.map(row)).toEqual([
      ["error", "block-shape", at("aws_backup_plan/plan/rule/0/copy_action/0/lifecycle"), '"lifecycle" is a block: expected an object, got the number 7', []],
      ["error", "missing-argument", at("aws_backup_plan/plan-without-rules"), 'Missing required block "rule" in aws_backup_plan: at least 1 is required', ["rule"]],
      [
        "error",
        "missing-argument",
        at("aws_ecs_cluster_capacity_providers/capacity/default_capacity_provider_strategy/0"),
        'Missing required argument "capacity_provider" in aws_ecs_cluster_capacity_providers.default_capacity_provider_strategy',
        ["capacity_provider"],
      ],
      [
        "error",
        "unknown-argument",
        at("aws_ecs_cluster_capacity_providers/capacity/default_capacity_provider_strategy/0/capacityProvider"),
        'Unsupported argument "capacityProvider": aws_ecs_cluster_capacity_providers.default_capacity_provider_strategy has no argument or block of that name',
        ["capacity_provider"],
      ],
      [
        "warning",
        "type-mismatch",
        at("aws_elasticache_replication_group/cache/at_rest_encryption_enabled"),
        '"at_rest_encryption_enabled" is a string argument: Terraform converts the bool true to "true"',
        ['"true"'],
      ],
      [
        "warning",
        "type-mismatch",
        at("aws_elasticache_replication_group/cache/auto_minor_version_upgrade"),
        '"auto_minor_version_upgrade" is a string argument: Terraform converts the bool true to "true"',
        ['"true"'],
      ],
      [
        "error",
        "type-mismatch",
        at("aws_elasticache_replication_group/cache/security_group_ids"),
        'Inappropriate value for "security_group_ids": a set of string is required, got the string "sg-0123456789abcdef0"',
        ['["sg-0123456789abcdef0"]'],
      ],
      [
        "error",
        "type-mismatch",
        at("aws_elasticache_replication_group/cache/transit_encryption_enabled"),
        'Inappropriate value for "transit_encryption_enabled": a bool is required, got the string "yes"',
        [],
      ],
      ["error", "missing-argument", at("aws_elasticache_subnet_group/cache-subnets"), 'Missing required argument "name" in aws_elasticache_subnet_group', ["name"]],
      [
        "error",
        "unknown-argument",
        at("aws_elasticache_subnet_group/cache-subnets/subnet_group_name"),
        'Unsupported argument "subnet_group_name": aws_elasticache_subnet_group has no argument or block of that name',
        ["name"],
      ],
    ]);
    expect(summary).toEqual({ files: 1, resources: 7, errors: 8, warnings: 2 });
  });

  it("explains the conversions Terraform performs", async () => {
    const detail = async (name: string) => (await byPointer(at(`aws_elasticache_replication_group/cache/${name}`))).detail;
    // Each was set with addOverride, as cdktf's // metadata records; the detail says so.
    const overridden = " This value was set with addOverride, which typed bindings do not check.";
    expect(await detail("at_rest_encryption_enabled")).toBe(conversionDetail("at_rest_encryption_enabled") + overridden);
    expect(await detail("auto_minor_version_upgrade")).toBe(conversionDetail("auto_minor_version_upgrade") + overridden);
    expect(await detail("transit_encryption_enabled")).toBe(
      'Terraform cannot convert the string "yes" to a bool: only the strings "true", "false", "1" and "0" convert to a bool, not "yes".' + overridden,
    );
  });

  it("names the Terraform address, the construct path and the position of each finding", async () => {
    expect(await byPointer(at("aws_elasticache_subnet_group/cache-subnets/subnet_group_name"))).toMatchObject({
      file: "test/fixtures/seeds/cdktf/stacks/seed-failures/cdk.tf.json",
      address: "aws_elasticache_subnet_group.cache-subnets",
      constructPath: "seed-failures/cache-subnets",
      line: 144,
      column: 9,
    });
  });
});

describe("seed failures as a Python user's raw dicts", () => {
  it("finds the same mistakes, without construct paths", async () => {
    const { diagnostics } = await checkFiles(["test/fixtures/seeds/python/main.tf.json"], { schemas });
    expect(diagnostics.map((d) => [d.severity, d.rule, d.pointer])).toEqual([
      ["error", "missing-argument", "/resource/aws_elasticache_subnet_group/sg"],
      ["error", "unknown-argument", "/resource/aws_elasticache_subnet_group/sg/subnet_group_name"],
      ["error", "type-mismatch", "/resource/aws_elasticache_replication_group/redis/security_group_ids"],
      ["warning", "type-mismatch", "/resource/aws_elasticache_replication_group/redis/at_rest_encryption_enabled"],
      ["error", "type-mismatch", "/resource/aws_elasticache_replication_group/redis/transit_encryption_enabled"],
      ["warning", "type-mismatch", "/resource/aws_elasticache_replication_group/redis/auto_minor_version_upgrade"],
      ["error", "missing-argument", "/resource/aws_ecs_cluster_capacity_providers/capacity/default_capacity_provider_strategy/0"],
      ["error", "unknown-argument", "/resource/aws_ecs_cluster_capacity_providers/capacity/default_capacity_provider_strategy/0/capacityProvider"],
      ["error", "missing-argument", "/resource/aws_backup_plan/efs"],
      ["error", "block-shape", "/resource/aws_backup_plan/copy/rule/0/copy_action/0/lifecycle"],
    ]);
    expect(diagnostics.every((d) => d.constructPath === undefined)).toBe(true);
    expect(diagnostics.find((d) => d.rule === "unknown-argument" && d.pointer.endsWith("subnet_group_name"))!.suggestions).toEqual(["name"]);
  });
});
