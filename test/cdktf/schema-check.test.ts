/**
 * SchemaCheck inside synth: `app.synth()` fails on schema errors, naming each finding's
 * construct path; warnings become construct warnings and fail only with `strict`. The same
 * tests run on cdktf 0.21 and on CDK Terrain (cdktn) 0.24.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cdktf from "cdktf";
import * as cdktn from "cdktn";
import { afterAll, describe, expect, it } from "vitest";
import { SchemaCheck } from "../../src/cdktf/index.js";

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.each([
  ["cdktf", cdktf as typeof cdktf],
  ["cdktn", cdktn as unknown as typeof cdktf],
])("SchemaCheck on %s", (_name, lib) => {
  /** An app whose stack "cache" holds one aws resource with the given arguments, set the escape-hatch way. */
  function appWith(resourceType: string, args: Record<string, unknown>) {
    const outdir = mkdtempSync(path.join(tmpdir(), "schema-check-"));
    outdirs.push(outdir);
    const app = new lib.App({ outdir });
    const stack = new lib.TerraformStack(app, "cache");
    stack.addOverride("terraform.required_providers", { aws: { source: "hashicorp/aws", version: "6.25.0" } });
    const resource = new lib.TerraformResource(stack, "sg", { terraformResourceType: resourceType });
    for (const [key, value] of Object.entries(args)) resource.addOverride(key, value);
    return { app, outdir };
  }

  it("fails synth with each error's construct path, rule and fix", () => {
    const { app } = appWith("aws_elasticache_subnet_group", { subnet_group_name: "cache", subnet_ids: ["subnet-1"] });
    SchemaCheck.of(app);
    // cdktf lists validation errors as `[<stack>] <message>`; each message names the construct.
    expect(() => app.synth()).toThrow(
      [
        "Validation failed with the following errors:",
        "  [cache] [cache/sg] error unknown-argument: Unsupported argument \"subnet_group_name\": aws_elasticache_subnet_group has no argument or block of that name (did you mean `name`?) at /resource/aws_elasticache_subnet_group/sg/subnet_group_name",
        "  [cache] [cache/sg] error missing-argument: Missing required argument \"name\" in aws_elasticache_subnet_group (add `name`) at /resource/aws_elasticache_subnet_group/sg",
      ].join("\n"),
    );
  });

  it("lets a clean stack synthesize", () => {
    const { app, outdir } = appWith("aws_elasticache_subnet_group", { name: "cache", subnet_ids: ["subnet-1"] });
    SchemaCheck.of(app);
    app.synth();
    expect(JSON.parse(readFileSync(path.join(outdir, "stacks", "cache", "cdk.tf.json"), "utf8")).resource.aws_elasticache_subnet_group.sg.name).toBe("cache");
  });

  it("records warnings on the construct without failing, and fails on them with strict", () => {
    const args = { replication_group_id: "cache", description: "cache", at_rest_encryption_enabled: true };
    const lenient = appWith("aws_elasticache_replication_group", args);
    SchemaCheck.of(lenient.app);
    lenient.app.synth();
    const manifest = JSON.parse(readFileSync(path.join(lenient.outdir, "manifest.json"), "utf8"));
    expect(manifest.stacks.cache.annotations).toEqual([
      expect.objectContaining({
        constructPath: "cache/sg",
        level: "@cdktf/warn",
        message: expect.stringMatching(/^\[cache\/sg\] warning type-mismatch: "at_rest_encryption_enabled" is a string argument: Terraform converts the bool true to "true"/),
      }),
    ]);

    const strict = appWith("aws_elasticache_replication_group", args);
    SchemaCheck.of(strict.app, { strict: true });
    expect(() => strict.app.synth()).toThrow(/\[cache\/sg\] warning type-mismatch/);
  });

  it("needs stacks to exist when it is added", () => {
    expect(() => SchemaCheck.of(new lib.App({ outdir: tmpdir() }))).toThrow(/no TerraformStack found/);
  });
});

describe("the example app under SchemaCheck", () => {
  it("fails synth on the seed-failures stack, naming each construct, and passes the clean stack", async () => {
    const { CleanStack } = await import("../../examples/clean-stack.js");
    const { SeedFailuresStack } = await import("../../examples/seed-failures-stack.js");
    const outdir = mkdtempSync(path.join(tmpdir(), "example-"));
    outdirs.push(outdir);
    const app = new cdktf.App({ outdir });
    new CleanStack(app, "clean");
    new SeedFailuresStack(app, "seed-failures");
    SchemaCheck.of(app);
    let message = "";
    try {
      app.synth();
    } catch (err) {
      message = (err as Error).message;
    }
    const constructs = [...message.matchAll(/^ {2}\[([^\]]+)\] \[([^\]]+)\] (error|warning) ([a-z-]+):/gm)].map((m) => `${m[1]} ${m[2]} ${m[4]}`);
    expect(new Set(constructs)).toEqual(
      new Set([
        "seed-failures seed-failures/cache-subnets missing-argument",
        "seed-failures seed-failures/cache-subnets unknown-argument",
        "seed-failures seed-failures/cache type-mismatch",
        "seed-failures seed-failures/capacity unknown-argument",
        "seed-failures seed-failures/capacity missing-argument",
        "seed-failures seed-failures/plan block-shape",
        "seed-failures seed-failures/plan-without-rules missing-argument",
      ]),
    );
    expect(message).not.toContain("[clean]");
  });
});

describe("SchemaCheck and the terraform block", () => {
  it("checks the backend against the Terraform version it is given", () => {
    const outdir = mkdtempSync(path.join(tmpdir(), "backend-"));
    outdirs.push(outdir);
    const app = new cdktf.App({ outdir });
    const stack = new cdktf.TerraformStack(app, "state");
    new cdktf.S3Backend(stack, { bucket: "b", key: "k", region: "us-east-1" });
    stack.addOverride("terraform.backend.s3.use_lockfile", true);
    SchemaCheck.of(app, { terraformVersion: "1.9.8" });
    expect(() => app.synth()).toThrow(
      '[state] [state] error unknown-argument: "use_lockfile" needs Terraform ≥ 1.10; you are checking against Terraform 1.9.8 (SchemaCheck terraformVersion) at /terraform/backend/s3/use_lockfile',
    );
  });
});
