/**
 * Terraform itself judges the checker, on a fast subset (every 20th) of the cases generated from
 * the demo schema and of the mutated real configurations on the aws schema, and on the
 * schema-serving provider's round trip. Needs `terraform` on PATH (1.11.4 here); without
 * it these tests are skipped, loudly.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { providersSchemaDocumentSchema } from "../../src/schema/format.js";
import { DEMO_ADDRESS, demoProviderSchema } from "../fixtures/demo-provider.js";
import { KNOWN_DISAGREEMENTS } from "./known-disagreements.js";
import { AWS_ADDRESS, awsSchemaFor, realDocuments } from "./real-configurations.js";
import { runConformance } from "./run.js";
import { createTerraformEnv } from "./terraform-env.js";

const terraform = (() => {
  try {
    return execFileSync("terraform", ["version", "-json"], { encoding: "utf8" });
  } catch {
    return undefined;
  }
})();
if (!terraform) console.warn("\n*** test/conformance: `terraform` is not on PATH: conformance tests SKIPPED ***\n");

/** Terraform renders defaults (`description_kind: "plain"`, `version: 0`) our format leaves out. */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !(k === "description_kind" && v === "plain") && !(k === "version" && v === 0))
      .map(([k, v]) => [k, withoutDefaults(v)]),
  );
}

describe.skipIf(!terraform)("Terraform against the schema-serving provider", () => {
  const dir = mkdtempSync(join(tmpdir(), "conformance-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("`terraform providers schema -json` returns exactly the schema served", () => {
    const schemaFile = join(dir, "schema.json");
    writeFileSync(schemaFile, JSON.stringify(demoProviderSchema));
    const env = createTerraformEnv(dir, { address: DEMO_ADDRESS, schemaFile });
    const root = join(dir, "schema-root");
    mkdirSync(root);
    writeFileSync(join(root, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { demo: { source: "hashicorp/demo" } } } }));
    const output = execFileSync("terraform", ["providers", "schema", "-json"], { cwd: root, env: env.env, encoding: "utf8" });
    const document = providersSchemaDocumentSchema.parse(JSON.parse(output));
    expect(withoutDefaults(document.provider_schemas?.[DEMO_ADDRESS])).toEqual(withoutDefaults(demoProviderSchema));
  }, 60_000);

  it("`terraform validate` agrees with the checker on a subset of generated cases, but for deliberate and known differences", async () => {
    const result = await runConformance({ address: DEMO_ADDRESS, schema: demoProviderSchema, minimum: 2000, every: 20 });
    expect(result.comparisons.length).toBe(100);
    const unknown = result.comparisons.filter((c) => !c.agree && !KNOWN_DISAGREEMENTS.some((k) => k.label.test(c.label)));
    expect(unknown).toEqual([]);
  }, 120_000);

  it("`terraform validate` agrees with the checker on a subset of mutated real configurations, on the aws schema", async () => {
    const documents = await realDocuments();
    const result = await runConformance({ address: AWS_ADDRESS, schema: awsSchemaFor(documents), documents, minimum: 2000, every: 20 });
    expect(result.comparisons.length).toBe(100);
    const unknown = result.comparisons.filter((c) => !c.agree && !KNOWN_DISAGREEMENTS.some((k) => k.label.test(c.label)));
    expect(unknown).toEqual([]);
  }, 120_000);
});
