/**
 * The peer: `terraform validate` of a benchmark stack, through the schema-serving provider of
 * the conformance tests (test/conformance/terraform-env.ts) serving the aws types the stack
 * uses, as a root module of its own (no `terraform init`: the provider comes through
 * dev_overrides). Only when `terraform` is on PATH.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createTerraformEnv } from "../../test/conformance/terraform-env.js";
import type { ProviderSchema } from "../../src/schema/format.js";
import type { ProviderSchemaSnapshot } from "../../src/schema/model.js";

const ADDRESS = "registry.terraform.io/hashicorp/aws";

export interface PeerRun {
  ms: number[];
  /** Errors Terraform reported (a benchmark stack should have none). */
  errors: number;
}

/** `rounds` timed runs of `terraform validate -json` on `document` (after one that warms up, unless `warmUp` is false). */
export function terraformValidate(dir: string, snapshot: ProviderSchemaSnapshot, types: readonly string[], document: object, rounds: number, warmUp = true): PeerRun {
  mkdirSync(dir, { recursive: true });
  const schema: ProviderSchema = {
    provider: { version: 0, block: snapshot.provider() },
    resource_schemas: Object.fromEntries(types.map((type) => [type, snapshot.resource(type)!])),
    data_source_schemas: {},
  };
  const schemaFile = path.join(dir, "schema.json");
  writeFileSync(schemaFile, JSON.stringify(schema));
  const env = createTerraformEnv(dir, { address: ADDRESS, schemaFile });
  const module = path.join(dir, "root");
  mkdirSync(module, { recursive: true });
  writeFileSync(path.join(module, "cdk.tf.json"), JSON.stringify(document, null, 2));
  const ms: number[] = [];
  let errors = 0;
  for (let round = warmUp ? -1 : 0; round < rounds; round++) {
    const started = performance.now();
    const result = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd: module, env: env.env, encoding: "utf8", maxBuffer: 1 << 28 });
    const elapsed = performance.now() - started;
    const output = JSON.parse(result.stdout || "{}") as { diagnostics?: { severity: string }[] };
    if (!output.diagnostics) throw new Error(`terraform validate printed no diagnostics (exit ${result.status}):\n${result.stderr}`);
    errors = output.diagnostics.filter((d) => d.severity === "error").length;
    if (round >= 0) ms.push(elapsed);
  }
  return { ms, errors };
}
