import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ProviderSchema } from "../../src/schema/format.js";
import { SchemaFileError } from "../../src/schema/read.js";
import { SchemaStore, SHIPPED_SCHEMAS_DIR } from "../../src/schema/store/index.js";
import { checkFiles } from "../../src/check/files.js";
import { writeSnapshot } from "../../src/schema/store/write.js";

/** A provider with many types, so laziness is observable. */
function demoSchema(types: number): ProviderSchema {
  const resources = Object.fromEntries(
    Array.from({ length: types }, (_, i) => [
      `demo_thing_${i}`,
      {
        block: {
          attributes: {
            name: { type: "string" as const, required: true, description: "dropped on write" },
            arn: { type: "string" as const, computed: true },
            // An argument may be called `description`; only description *texts* are dropped.
            description: { type: "string" as const, optional: true, description: "dropped on write" },
          },
          block_types: { rule: { nesting_mode: "set" as const, min_items: 1, block: { attributes: { days: { type: "number" as const, optional: true } } } } },
        },
      },
    ]),
  );
  return {
    provider: { block: { attributes: { region: { type: "string", optional: true } } } },
    resource_schemas: resources,
    data_source_schemas: { demo_lookup: { block: { attributes: { id: { type: "string", computed: true } } } } },
  };
}

const provenance = { method: "file" as const, from: "test", createdAt: "2026-11-23T00:00:00Z" };

describe("the snapshot store", () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "store-"));
    for (const version of ["1.0.0", "1.2.0", "2.0.0"]) {
      await writeSnapshot({ schemasDir: dir, address: "example/demo", version, schema: demoSchema(50), provenance });
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("lists providers and versions under any spelling of the address", () => {
    const store = new SchemaStore(dir);
    expect(store.providers()).toEqual(["registry.terraform.io/example/demo"]);
    expect(store.versions("example/demo")).toEqual(["1.0.0", "1.2.0", "2.0.0"]);
    expect(store.versions("registry.terraform.io/example/demo")).toEqual(["1.0.0", "1.2.0", "2.0.0"]);
    expect(store.versions("hashicorp/aws")).toEqual([]);
    expect(store.resolve("example/demo", "~> 1.0")).toBe("1.2.0");
  });

  it("decodes only the types asked for", () => {
    const snapshot = new SchemaStore(dir).open("example/demo", "1.2.0");
    expect(snapshot.resourceTypes()).toHaveLength(50);
    expect(snapshot.decodedEntries).toBe(0);
    const one = snapshot.resource("demo_thing_7");
    expect(one?.block.attributes?.name).toEqual({ type: "string", required: true });
    expect(one?.block.attributes?.description).toEqual({ type: "string", optional: true });
    expect(one?.block.block_types?.rule?.min_items).toBe(1);
    expect(snapshot.decodedEntries).toBe(1);
    snapshot.resource("demo_thing_7");
    expect(snapshot.decodedEntries).toBe(1); // cached
    expect(snapshot.resource("demo_thing_nope")).toBeUndefined();
    expect(snapshot.dataSource("demo_lookup")?.block.attributes?.id?.computed).toBe(true);
    expect(snapshot.decodedEntries).toBe(2);
  });

  it("names the file when the index is corrupt", () => {
    const index = path.join(dir, "registry.terraform.io/example/demo/1.0.0/index.json");
    writeFileSync(index, readFileSync(index, "utf8").slice(0, 40));
    expect(() => new SchemaStore(dir).open("example/demo", "1.0.0")).toThrow(SchemaFileError);
    expect(() => new SchemaStore(dir).open("example/demo", "1.0.0")).toThrow(
      new RegExp(`^${index.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON .*is it truncated\\?$`),
    );
  });

  it("names the file and the type when the pack is truncated", () => {
    const pack = path.join(dir, "registry.terraform.io/example/demo/1.0.0/schema.pack");
    truncateSync(pack, 100);
    const snapshot = new SchemaStore(dir).open("example/demo", "1.0.0");
    expect(() => snapshot.resource("demo_thing_49")).toThrow(`${pack}: resource demo_thing_49: the pack is truncated`);
  });

  it("names the file and the type when an entry is corrupt", () => {
    const pack = path.join(dir, "registry.terraform.io/example/demo/1.0.0/schema.pack");
    const bytes = readFileSync(pack);
    bytes.fill(0x41, 0, 20);
    writeFileSync(pack, bytes);
    const snapshot = new SchemaStore(dir).open("example/demo", "1.0.0");
    expect(() => snapshot.provider()).toThrow(`${pack}: provider: the entry is corrupt (it does not decompress)`);
  });

  it("rejects an index of the wrong shape, saying where", () => {
    const index = path.join(dir, "registry.terraform.io/example/demo/2.0.0/index.json");
    const parsed = JSON.parse(readFileSync(index, "utf8"));
    parsed.resources.demo_thing_3 = [10, "x"];
    writeFileSync(index, JSON.stringify(parsed));
    expect(() => new SchemaStore(dir).open("example/demo", "2.0.0")).toThrow(
      `${index}: not a valid schema: resources.demo_thing_3[1]: Invalid input: expected number, received string`,
    );
  });
});

describe("lazy loading through the checker", () => {
  it("checking a stack that uses one aws resource type decodes that type only", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lazy-"));
    try {
      const file = path.join(dir, "cdk.tf.json");
      writeFileSync(file, JSON.stringify({
        terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "6.25.0" } } },
        resource: { aws_elasticache_subnet_group: { sg: { name: "cache", subnet_ids: ["subnet-1"] } } },
      }));
      const store = new SchemaStore(SHIPPED_SCHEMAS_DIR);
      const { diagnostics } = await checkFiles([file], { schemas: store });
      expect(diagnostics).toEqual([]);
      const aws = store.open("hashicorp/aws", "6.25.0");
      expect(aws.resourceTypes().length).toBeGreaterThan(1500);
      expect(aws.decodedEntries).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
