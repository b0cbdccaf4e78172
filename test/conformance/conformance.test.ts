/**
 * Terraform itself judges the checker, on a fast subset (every 20th) of the cases generated from
 * the demo schema and of the mutated real configurations on the aws schema, and on the
 * schema-serving provider's round trip. Needs `terraform` on PATH (1.11.4 here); without
 * it these tests are skipped, loudly.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { providersSchemaDocumentSchema } from "../../src/schema/format.js";
import { DEMO_ADDRESS, demoProviderSchema } from "../fixtures/demo-provider.js";
import { KNOWN_DISAGREEMENTS } from "./known-disagreements.js";
import { checkDocument } from "../../src/check/document.js";
import { shippedSchemas } from "../../src/schema/store/index.js";
import { AWS_ADDRESS, AWS_VERSION, awsSchemaFor, realDocuments } from "./real-configurations.js";
import { casesFromDir, runConformance } from "./run.js";
import { demoTerraformEnv } from "./terraform-env.js";
import { terraformForTests } from "../terraform-on-path.js";
import { suiteDir } from "../suite-dir.js";

const terraform = terraformForTests("test/conformance: the conformance tests");

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
  const dir = suiteDir("conformance-test-");

  it("`terraform providers schema -json` returns exactly the schema served", () => {
    const env = demoTerraformEnv(dir());
    const root = join(dir(), "schema-root");
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

  it("`--cases` judges root modules whatever blocks they have: a cdktf stack, and a module split over files", async () => {
    const cases = join(dir(), "root-modules");
    const write = (path: string, document: object) => {
      mkdirSync(join(cases, path, ".."), { recursive: true });
      writeFileSync(join(cases, path), JSON.stringify(document, null, 2));
    };
    // A stack as cdktf writes one: backend, pinned providers (one of them not served), an aliased
    // provider, a module call, outputs, a variable and a local, references to all of them.
    write("cdktf.out/stacks/app/cdk.tf.json", {
      "//": { metadata: { stackName: "app" } },
      terraform: { required_providers: { aws: { source: "aws", version: "6.25.0" }, random: { source: "hashicorp/random", version: "3.6.0" } }, backend: { s3: { bucket: "b", key: "k", region: "eu-west-1" } } },
      provider: { aws: [{ region: "eu-west-1" }, { alias: "west", region: "eu-west-2" }] },
      variable: { env: { type: "string" } },
      locals: { prefix: "${var.env}-app" },
      module: { network: { source: "terraform-aws-modules/vpc/aws", version: "6.0.0" } },
      resource: {
        random_id: { suffix: { byte_length: 4 } },
        aws_s3_bucket: { logs: { bucket: "${local.prefix}-logs", provider: "aws.west" }, data: { bucket: "${local.prefix}-${random_id.suffix.hex}" } },
        aws_s3_bucket_versioning: { logs: { bucket: "${aws_s3_bucket.logs.id}", versioning_configuration: { status: "Enabled" }, depends_on: ["aws_s3_bucket.logs"] } },
      },
      output: { bucket: { value: "${aws_s3_bucket.logs.arn}" }, vpc: { value: "${module.network.vpc_id}" } },
    });
    // A hand-written module over three files, receiving an aliased provider, with a broken reference.
    write("modules/queues/versions.tf.json", { terraform: { required_providers: { aws: { source: "hashicorp/aws", configuration_aliases: ["aws.replica"] } } } });
    write("modules/queues/variables.tf.json", { variable: { name: { type: "string" } } });
    write("modules/queues/main.tf.json", {
      resource: { aws_sqs_queue: { dlq: { name: "${var.name}-dlq", provider: "aws.replica" }, main: { name: "${var.name}", redrive_policy: "${jsonencode({deadLetterTargetArn = aws_sqs_queue.dead_letter.arn})}" } } },
      output: { arn: { value: "${aws_sqs_queue.main.arn}" } },
    });
    const prepared = casesFromDir(cases, "aws");
    expect(prepared.map((c) => c.label)).toEqual(["cdktf.out/stacks/app/cdk.tf.json", "modules/queues"]);
    expect(prepared.map((c) => c.providers)).toEqual([undefined, ["aws.replica"]]);
    const result = await runConformance({ address: AWS_ADDRESS, schema: awsSchemaFor(prepared.map((c) => ({ label: c.label, document: JSON.parse(c.text) }))), casesDir: cases });
    expect(result.comparisons.map((c) => [c.label, c.agree])).toEqual([
      ["cdktf.out/stacks/app/cdk.tf.json", true],
      ["modules/queues", true],
    ]);
    // Agreeing, both report the broken reference.
    const { diagnostics } = checkDocument(prepared[1]!.text, { file: "main.tf.json", schemas: shippedSchemas(), providerVersions: { aws: AWS_VERSION } });
    expect(diagnostics.map((d) => `${d.rule} ${d.pointer}: ${d.message}`)).toEqual([
      "invalid-reference /resource/aws_sqs_queue/main/redrive_policy: Reference to undeclared resource: aws_sqs_queue.dead_letter.arn",
    ]);
  }, 120_000);

  it("`terraform validate` agrees with the checker on a subset of mutated real configurations, on the aws schema", async () => {
    const documents = await realDocuments();
    const result = await runConformance({ address: AWS_ADDRESS, schema: awsSchemaFor(documents), documents, minimum: 2000, every: 20 });
    expect(result.comparisons.length).toBe(100);
    const unknown = result.comparisons.filter((c) => !c.agree && !KNOWN_DISAGREEMENTS.some((k) => k.label.test(c.label)));
    expect(unknown).toEqual([]);
  }, 120_000);
});
