/**
 * `cdktf-schema-check schema list|show|fetch|extract`. The fetch tests run the real Terraform
 * against the project's schema-serving test provider (test/conformance/provider), installed in a
 * plugin directory or filesystem mirror, so the whole path is exercised offline.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { TerraformProviderGenerator } from "@cdktf/provider-generator";
import { CodeMaker } from "codemaker";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SchemaStore } from "../../src/schema/store/index.js";
import { DEMO_ADDRESS, demoProviderSchema } from "../fixtures/demo-provider.js";
import { installInPluginDir, serverEnv } from "../conformance/terraform-env.js";
import { runCli } from "./run.js";
import { terraformForTests } from "../terraform-on-path.js";

const terraform = terraformForTests("test/cli/schema.test.ts: the `schema fetch` tests");

const scratch = mkdtempSync(path.join(tmpdir(), "schema-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

describe("schema list", () => {
  it("lists every shipped aws version and the binding release it was extracted from", async () => {
    const { code, stdout } = await runCli(["schema", "list", "aws"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PROVIDER +VERSION +SOURCE +FROM$/m);
    expect(stdout).toMatch(/^registry\.terraform\.io\/hashicorp\/aws +4\.11\.0 +shipped +@cdktf\/provider-aws@7\.0\.37$/m);
    expect(stdout).toMatch(/^registry\.terraform\.io\/hashicorp\/aws +5\.31\.0 +shipped +@cdktf\/provider-aws@19\.0\.0$/m);
    expect(stdout).toMatch(/^registry\.terraform\.io\/hashicorp\/aws +6\.25\.0 +shipped +@cdktf\/provider-aws@21\.22\.1$/m);
    expect(stdout).toMatch(/^registry\.terraform\.io\/hashicorp\/aws +6\.66\.0 +shipped +@cdktn\/provider-aws@25\.7\.0$/m);
  });

  it("lists every provider compactly: version ranges per major and where they come from", async () => {
    const { stdout } = await runCli(["schema", "list"], { cwd: scratch });
    expect(stdout).toMatch(/^PROVIDER +VERSIONS +SOURCE$/m);
    expect(stdout).toMatch(/^registry\.terraform\.io\/hashicorp\/aws +4\.11\.0 … 4\.67\.0 \(\d+\), 5\.5\.0 … 5\.100\.0 \(\d+\), 6\.0\.0 … 6\.66\.0 \(\d+\) +shipped$/m);
    for (const name of ["archive", "local", "null", "random", "time", "tls"]) expect(stdout).toMatch(new RegExp(`^registry\\.terraform\\.io/hashicorp/${name} .* shipped$`, "m"));
  });
});

describe("schema show", () => {
  it("shows arguments with their Terraform types: at_rest_encryption_enabled is a string", async () => {
    const { code, stdout } = await runCli(["schema", "show", "aws@6.25.0", "aws_elasticache_replication_group"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^resource aws_elasticache_replication_group: registry\.terraform\.io\/hashicorp\/aws 6\.25\.0/);
    expect(stdout).toMatch(/^ {2}at_rest_encryption_enabled +string +optional, computed$/m);
    expect(stdout).toMatch(/^ {2}transit_encryption_enabled +bool +optional, computed$/m);
    expect(stdout).toMatch(/^ {2}arn +string +computed \(read-only\)$/m);
    expect(stdout).toMatch(/^ {2}log_delivery_configuration +block, set$/m);
    expect(stdout).toMatch(/^ {4}destination +string +required$/m);
  });

  it("shows single blocks with their limits, and data sources with --data", async () => {
    const plan = await runCli(["schema", "show", "hashicorp/aws@~> 6.0", "aws_backup_plan"]);
    expect(plan.stdout).toMatch(/^ {2}rule +block, set +min 1$/m);
    expect(plan.stdout).toMatch(/^ {4}lifecycle +block, list +max 1$/m);
    const role = await runCli(["schema", "show", "aws", "aws_iam_role", "--data"], { cwd: scratch });
    expect(role.stdout).toMatch(/^data source aws_iam_role: registry\.terraform\.io\/hashicorp\/aws 6\.66\.0/);
  });

  it("defaults to the version the project pins: its synthesized stacks, else cdktf.json", async () => {
    const project = mkdtempSync(path.join(scratch, "pinned-"));
    writeFileSync(path.join(project, "cdktf.json"), JSON.stringify({ language: "python", app: "python main.py", terraformProviders: ["hashicorp/aws@~> 5.30.0"] }));
    const fromConfig = await runCli(["schema", "show", "aws", "aws_ecs_service"], { cwd: project });
    expect(fromConfig.stdout.split("\n")[0]).toBe("resource aws_ecs_service: registry.terraform.io/hashicorp/aws 5.30.0 (bindings: @cdktf/provider-aws@18.1.0, pinned in cdktf.json (terraformProviders))");
    mkdirSync(path.join(project, "cdktf.out", "stacks", "prod"), { recursive: true });
    writeFileSync(path.join(project, "cdktf.out", "stacks", "prod", "cdk.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "aws", version: "5.31.0" } } } }));
    const fromStack = await runCli(["schema", "show", "aws", "aws_ecs_service"], { cwd: project });
    expect(fromStack.stdout.split("\n")[0]).toBe(
      `resource aws_ecs_service: registry.terraform.io/hashicorp/aws 5.31.0 (bindings: @cdktf/provider-aws@19.0.0, pinned in ${path.join("cdktf.out", "stacks", "prod", "cdk.tf.json")} (/terraform/required_providers/aws))`,
    );
    expect(fromStack.stdout).not.toMatch(/^ {2}volume_configuration /m);
  });

  it("exits 2 with a suggestion for an unknown type, and names what is available for an unmet constraint", async () => {
    expect(await runCli(["schema", "show", "aws@6.25.0", "aws_elasticache_replicaton_group"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'cdktf-schema-check: registry.terraform.io/hashicorp/aws 6.25.0 has no resource type "aws_elasticache_replicaton_group"; did you mean "aws_elasticache_replication_group"?\n',
    });
    expect((await runCli(["schema", "show", "aws@>= 7", "aws_instance"])).stderr).toBe(
      'cdktf-schema-check: no schema of registry.terraform.io/hashicorp/aws satisfies ">= 7"; available: 4.11.0 … 4.67.0 (54), 5.5.0 … 5.100.0 (111), 6.0.0 … 6.66.0 (30)\n',
    );
    expect((await runCli(["schema", "show", "aws@6.25.0", "aws_iam_role", "--data"])).code).toBe(0);
    expect((await runCli(["schema", "show", "aws", "aws_caller_identity"])).stderr).toContain("it is a data source (add --data)");
  });
});

describe("schema extract", () => {
  let gen: string;
  beforeAll(async () => {
    // A `cdktf get` tree, generated by cdktf's own generator from a known schema.
    const fixture = JSON.parse(await readFile("test/fixtures/bindings/roundtrip-schema.json", "utf8"));
    gen = path.join(scratch, "gen");
    const code = new CodeMaker();
    new TerraformProviderGenerator(code, fixture).generateAll();
    await code.save(gen);
  });

  it("writes a snapshot to the project's .cdktf-schemas, where list and show find it", async () => {
    const project = path.join(scratch, "project");
    mkdirSync(project);
    const result = await runCli(["schema", "extract", path.join(gen, "providers", "shop")], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^registry\.terraform\.io\/example\/shop 1\.2\.3: \d+ resources, \d+ data sources → .*\.cdktf-schemas\/registry\.terraform\.io\/example\/shop\/1\.2\.3 \(\d+ KiB\)\n$/);
    const listed = await runCli(["schema", "list", "example/shop"], { cwd: project });
    expect(listed.stdout).toMatch(/example\/shop\s+1\.2\.3/);
    expect(new SchemaStore(path.join(project, ".cdktf-schemas")).open("example/shop", "1.2.3").provenance.method).toBe("bindings");
  });

  it("exits 2 for a directory without bindings", async () => {
    const result = await runCli(["schema", "extract", "test/fixtures/bindings"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cdktf-schema-check: .*no CDKTF bindings found.*\n$/);
  });
});

describe.skipIf(!terraform)("schema fetch (terraform init + terraform providers schema -json)", () => {
  const schemaFile = path.join(scratch, "served.json");
  const pluginDir = path.join(scratch, "plugins");
  beforeAll(() => {
    writeFileSync(schemaFile, JSON.stringify(demoProviderSchema));
    installInPluginDir(pluginDir, DEMO_ADDRESS, "1.4.2", terraform!.platform);
  });
  const serve = () => {
    for (const [key, value] of Object.entries(serverEnv({ address: DEMO_ADDRESS, schemaFile }))) vi.stubEnv(key, value!);
  };

  it.each([["--plugin-dir"], ["--mirror"]])("stores exactly the schema Terraform reports, installing with %s", async (flag) => {
    serve();
    const out = path.join(scratch, `out${flag}`);
    const result = await runCli(["schema", "fetch", "hashicorp/demo@~> 1.4", flag, pluginDir, "--out", out]);
    expect(result.stderr).toContain("Terraform has been successfully initialized!");
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^registry\.terraform\.io\/hashicorp\/demo 1\.4\.2: \d+ resources/) });
    const snapshot = new SchemaStore(out).open("hashicorp/demo", "1.4.2");
    expect(snapshot.provenance).toMatchObject({ method: "terraform", from: "terraform 1.11.4" });
    expect(snapshot.resource("demo_subnet_group")?.block.attributes?.name).toEqual({ type: "string", required: true });
  });

  it("exits 2 with Terraform's own reason when the version is not available", async () => {
    serve();
    const result = await runCli(["schema", "fetch", "hashicorp/demo@2.0.0", "--plugin-dir", pluginDir, "--out", path.join(scratch, "none")]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n").at(-1)).toMatch(/^cdktf-schema-check: terraform init -backend=false -plugin-dir=\S+: Failed to query available provider packages/);
  });
});

describe("schema fetch --from-file", () => {
  it("stores a saved `terraform providers schema -json` output under the version given", async () => {
    const file = path.join(scratch, "saved.json");
    writeFileSync(file, JSON.stringify({ format_version: "1.0", provider_schemas: { [DEMO_ADDRESS]: demoProviderSchema } }));
    const out = path.join(scratch, "from-file");
    expect((await runCli(["schema", "fetch", "demo@1.0.0", "--from-file", file, "--out", out])).code).toBe(0);
    expect(new SchemaStore(out).open("demo", "1.0.0").provenance).toMatchObject({ method: "file", from: file });
  });

  it("needs an exact version, and a readable file", async () => {
    expect((await runCli(["schema", "fetch", "demo@~> 1.0", "--from-file", "x.json"])).stderr).toBe(
      "cdktf-schema-check: --from-file needs an exact version: demo@<version>\n",
    );
    const truncated = path.join(scratch, "truncated.json");
    writeFileSync(truncated, '{"format_version": "1.0", "provider_schemas": {');
    expect((await runCli(["schema", "fetch", "demo@1.0.0", "--from-file", truncated])).stderr).toMatch(/^cdktf-schema-check: .*truncated\.json: not valid JSON .*is it truncated\?\n$/);
  });
});
