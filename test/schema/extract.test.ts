import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { TerraformProviderGenerator } from "@cdktf/provider-generator";
import { CodeMaker } from "codemaker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderSchema } from "../../src/schema/format.js";
import { extractFromBindings, type ExtractedProvider } from "../../src/schema/extract/index.js";

const AWS = path.resolve("node_modules/@cdktf/provider-aws");

describe("extracting from the installed @cdktf/provider-aws (aws 6.25.0)", () => {
  let aws: ExtractedProvider;
  const progress: [number, number][] = [];
  beforeAll(async () => {
    aws = await extractFromBindings(AWS, {
      modules: ["elasticache-replication-group", "backup-plan", "eks-cluster", "security-group", "data-aws-iam-role"],
      onProgress: (done, total) => progress.push([done, total]),
    });
  });
  const resource = (type: string) => aws.schema.resource_schemas![type]!.block;

  it("names the provider, its version and where the schema came from", () => {
    expect(aws.address).toBe("registry.terraform.io/hashicorp/aws");
    expect(aws.version).toBe("6.25.0");
    expect(aws.provenance).toMatchObject({ method: "bindings", from: "@cdktf/provider-aws@21.22.1" });
    expect(Object.keys(aws.schema.resource_schemas!).sort()).toEqual([
      "aws_backup_plan",
      "aws_eks_cluster",
      "aws_elasticache_replication_group",
      "aws_security_group",
    ]);
    expect(progress).toEqual([[1, 6], [2, 6], [3, 6], [4, 6], [5, 6], [6, 6]]);
  });

  it("types attributes as Terraform does", () => {
    const group = resource("aws_elasticache_replication_group").attributes!;
    expect(group["at_rest_encryption_enabled"]).toEqual({ type: "string", optional: true, computed: true });
    expect(group["transit_encryption_enabled"]).toEqual({ type: "bool", optional: true, computed: true });
    expect(group["num_cache_clusters"]).toEqual({ type: "number", optional: true, computed: true });
    expect(group["security_group_ids"]).toEqual({ type: ["set", "string"], optional: true, computed: true });
    expect(group["replication_group_id"]).toEqual({ type: "string", required: true });
  });

  it("keeps computed-only attributes, including nested object types", () => {
    expect(resource("aws_backup_plan").attributes!["arn"]).toEqual({ type: "string", computed: true });
    expect(resource("aws_elasticache_replication_group").attributes!["member_clusters"]).toEqual({ type: ["set", "string"], computed: true });
    expect(resource("aws_eks_cluster").attributes!["identity"]).toEqual({
      type: ["list", ["object", { oidc: ["list", ["object", { issuer: "string" }]] }]],
      computed: true,
    });
  });

  it("rebuilds nested blocks: set with min_items, single-object blocks as max_items 1", () => {
    const rule = resource("aws_backup_plan").block_types!["rule"]!;
    expect(rule).toMatchObject({ nesting_mode: "set", min_items: 1 });
    expect(rule.max_items).toBeUndefined();
    const lifecycle = {
      nesting_mode: "list",
      max_items: 1,
      block: {
        attributes: {
          cold_storage_after: { type: "number", optional: true },
          delete_after: { type: "number", optional: true },
          opt_in_to_archive_for_supported_resources: { type: "bool", optional: true, computed: true },
        },
      },
    };
    expect(rule.block.block_types!["lifecycle"]).toEqual(lifecycle);
    expect(rule.block.block_types!["copy_action"]).toMatchObject({ nesting_mode: "set", block: { block_types: { lifecycle } } });
    expect(resource("aws_eks_cluster").block_types!["timeouts"]).toEqual({
      nesting_mode: "single",
      block: { attributes: { create: { type: "string", optional: true }, delete: { type: "string", optional: true }, update: { type: "string", optional: true } } },
    });
  });

  it("keeps attributes written in block syntax (SDK ConfigModeAttr) as object-typed attributes", () => {
    // Terraform itself reports aws_security_group.ingress as an attribute of type set(object).
    expect(Object.keys(resource("aws_security_group").block_types!)).toEqual(["timeouts"]);
    expect(resource("aws_security_group").attributes!["ingress"]).toEqual({
      type: [
        "set",
        [
          "object",
          {
            cidr_blocks: ["list", "string"],
            description: "string",
            from_port: "number",
            ipv6_cidr_blocks: ["list", "string"],
            prefix_list_ids: ["list", "string"],
            protocol: "string",
            security_groups: ["set", "string"],
            self: "bool",
            to_port: "number",
          },
        ],
      ],
      optional: true,
      computed: true,
    });
  });

  it("extracts data sources and the provider block", () => {
    expect(aws.schema.data_source_schemas!["aws_iam_role"]!.block.attributes).toMatchObject({
      name: { type: "string", required: true },
      arn: { type: "string", computed: true },
      max_session_duration: { type: "number", computed: true },
    });
    const provider = aws.schema.provider!.block;
    expect(provider.attributes!["region"]).toEqual({ type: "string", optional: true });
    expect(provider.attributes!["alias"]).toBeUndefined();
    expect(provider.block_types!["assume_role"]).toMatchObject({ nesting_mode: "list" });
  });
});

describe("extracting from a `cdktf get` tree", () => {
  let outdir: string;
  let fixture: { provider_schemas: Record<string, ProviderSchema> };
  beforeAll(async () => {
    // The fixture schema goes through cdktf's own generator, exactly what `cdktf get` runs.
    fixture = JSON.parse(await readFile("test/fixtures/bindings/roundtrip-schema.json", "utf8"));
    outdir = await mkdtemp(path.join(os.tmpdir(), "extract-gen-"));
    const code = new CodeMaker();
    // The generator adds `alias` to the schema it is given: hand it a copy.
    new TerraformProviderGenerator(code, structuredClone(fixture) as never).generateAll();
    await code.save(outdir);
  });
  afterAll(() => rm(outdir, { recursive: true, force: true }));

  it("gives back the schema the bindings were generated from", async () => {
    const shop = await extractFromBindings(path.join(outdir, "providers", "shop"));
    expect(shop.address).toBe("registry.terraform.io/example/shop");
    expect(shop.version).toBe("1.2.3");
    expect(shop.schema).toEqual(fixture.provider_schemas["registry.terraform.io/example/shop"]);
  });

  it("rejects a directory that holds no bindings", async () => {
    await expect(extractFromBindings("test/fixtures/bindings")).rejects.toThrow(/no CDKTF bindings found/);
  });
});
