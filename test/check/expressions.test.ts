/**
 * The expression rules (invalid-expression, unknown-function) and read-only attributes set from
 * expressions, on cdktf's own output: a stack synthesized here with the typed aws bindings and
 * Fn.* (as cdktf renders them), escape-hatch mistakes added with addOverride; and rule by rule on
 * the demo provider schema.
 */
import { Fn, TerraformIterator, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { Instance } from "@cdktf/provider-aws/lib/instance/index.js";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group/index.js";
import { Subnet } from "@cdktf/provider-aws/lib/subnet/index.js";
import { Vpc } from "@cdktf/provider-aws/lib/vpc/index.js";
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import type { ProviderSchema } from "../../src/schema/format.js";
import { snapshotFromProviderSchema } from "../../src/schema/memory.js";
import { shippedSchemas } from "../../src/schema/store/index.js";
import { DEMO_ADDRESS, demoProviderSchema, demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";
import { suiteDir } from "../suite-dir.js";

const TERRAFORM = { version: "1.11.4", source: "--terraform-version" };
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.severity} ${d.rule} ${d.pointer}: ${d.message}`);

// Testing.app() makes a temporary output directory of its own per app, and leaves it behind.
const outdir = suiteDir("expressions-");

/** A stack as cdktf writes one: references, Fn.* calls, iterators, dynamic blocks, locals and outputs. */
function synthesize(mistakes: (stack: { instance: Instance; subnets: Subnet }) => void = () => {}): object {
  const stack = new TerraformStack(Testing.app({ outdir: outdir() }), "expressions");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const names = new TerraformVariable(stack, "names", { type: "list(string)" });
  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
  const each = TerraformIterator.fromList(names.listValue);
  const subnets = new Subnet(stack, "subnets", { forEach: each, vpcId: vpc.id, cidrBlock: Fn.cidrsubnet(vpc.cidrBlock, 8, 1), tags: { Name: each.value } });
  const counted = new Subnet(stack, "counted", { count: 2, vpcId: vpc.id, cidrBlock: "10.0.9.0/24" });
  const instance = new Instance(stack, "web", {
    ami: "ami-123",
    instanceType: "t3.micro",
    subnetId: Fn.element(Fn.tolist(Fn.lookupNested(subnets, ["*", "id"])), 0),
    userData: Fn.jsonencode({ vpc: vpc.id, subnets: Fn.join(",", Fn.lookupNested(counted, ["*", "id"])), home: Fn.rawString("${HOME}") }),
    tags: { Tier: Fn.conditional(Fn.lengthOf(names.listValue), "web", "none") },
  });
  const rules = TerraformIterator.fromList(names.listValue);
  new SecurityGroup(stack, "web-sg", { vpcId: vpc.id, ingress: rules.dynamic({ from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: [rules.value] }) });
  new TerraformLocal(stack, "ids", Fn.join(",", Fn.lookupNested(counted, ["*", "id"])));
  new TerraformOutput(stack, "first", { value: Fn.one(Fn.lookupNested(subnets, ["*", "id"])) });
  mistakes({ instance, subnets });
  return JSON.parse(Testing.synth(stack)) as object;
}

const checkStack = (document: object) => checkDocument(document, { file: "cdk.tf.json", schemas: shippedSchemas(), terraform: TERRAFORM }).diagnostics;

describe("expressions in a synthesized cdktf stack", () => {
  it("accepts what cdktf renders: references, splats, for_each iterators, Fn.* calls, raw strings, dynamic blocks", () => {
    expect(brief(checkStack(synthesize()))).toEqual([]);
  });

  it("reports escape-hatch expressions that do not parse or call unknown functions, once each, where they are", () => {
    const ds = checkStack(
      synthesize(({ instance, subnets }) => {
        subnets.addOverride("for_each", "${{for n in var.names : n n}}");
        instance.addOverride("user_data", '${base64encode(file("init.sh")}');
        instance.addOverride("tags.Owner", "${lenth(var.names)}");
      }),
    );
    expect(brief(ds)).toEqual([
      'error unknown-function /resource/aws_instance/web/tags/Owner: Call to unknown function "lenth"',
      'error invalid-expression /resource/aws_instance/web/user_data: Missing argument separator in the template "${base64encode(file(\\"init.sh\\")}"',
      'error invalid-expression /resource/aws_subnet/subnets/for_each: Invalid \'for\' expression in the template "${{for n in var.names : n n}}"',
    ]);
    expect(ds.map((d) => d.suggestions)).toEqual([["length"], [], []]);
    expect(ds[2]!.detail).toBe("Extra characters after the end of the 'for' expression. At `n` (character 27). HCL reports 1 more error in this string.");
    expect(ds[2]!.address).toBe("aws_subnet.subnets");
  });
});

const demo = memorySchemas(demoSnapshot());
const check = (document: object, terraform = TERRAFORM, schemas = demo) => checkDocument(document, { file: "main.tf.json", schemas, terraform }).diagnostics;
const subnetGroup = (body: object) => ({ variable: { names: {} }, resource: { demo_subnet_group: { sg: { name: "sg", subnet_ids: ["subnet-1"], ...body } } } });

describe("invalid-expression", () => {
  it("reports HCL's message for a broken template, wherever Terraform evaluates one", () => {
    const ds = check({
      ...subnetGroup({ description: "${var.names", tags: { "${upper(var.names)": "x" }, lifecycle: { replace_triggered_by: ["${demo_subnet_group.other}"] } }),
      locals: { broken: "%{ if true }yes" },
      output: { o: { value: "${1 +}" } },
    });
    expect(brief(ds)).toEqual([
      'error invalid-expression /resource/demo_subnet_group/sg/description: Unclosed template interpolation sequence in the template "${var.names"',
      'error invalid-expression /resource/demo_subnet_group/sg/tags/${upper(var.names): Unclosed template interpolation sequence in the object key "${upper(var.names)"',
      'error invalid-expression /resource/demo_subnet_group/sg/lifecycle/replace_triggered_by/0: Invalid character in the expression "${demo_subnet_group.other}"',
      'error invalid-expression /locals/broken: Unexpected end of template in the template "%{ if true }yes"',
      'error invalid-expression /output/o/value: Invalid expression in the template "${1 +}"',
    ]);
    expect(ds[0]!.detail).toBe(
      "There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression. At `${` (character 1).",
    );
    expect(ds[3]!.address).toBe("local.broken");
  });

  it("accepts escapes, directives, strip markers and plain strings that merely look odd", () => {
    expect(check(subnetGroup({ description: "cost: 100% of $5, ${var.names[0]}, $${literal} %%{literal} %{ for n in var.names ~} ${n} %{~ endfor }" }))).toEqual([]);
  });

  it("reads depends_on, provider and ignore_changes entries as references, not templates: a \"${…}\" there is an invalid reference", () => {
    expect(brief(check(subnetGroup({ depends_on: ["${demo_subnet_group.other}"], lifecycle: { ignore_changes: ["tags"] } })))).toEqual([
      "error invalid-reference /resource/demo_subnet_group/sg/depends_on/0: Invalid expression: ${demo_subnet_group.other}",
    ]);
  });
});

describe("unknown-function", () => {
  it("reports a function Terraform does not have, with close spellings", () => {
    const [d] = check(subnetGroup({ description: "${uper(var.names[0])}" }));
    expect(brief([d!])).toEqual(['error unknown-function /resource/demo_subnet_group/sg/description: Call to unknown function "uper"']);
    expect(d!.detail).toBe('There is no function named "uper" in Terraform 1.11.4 (--terraform-version).');
    expect(d!.suggestions).toEqual(["upper"]);
  });

  it("names the release that added a function the release checked against lacks", () => {
    const document = subnetGroup({ description: '${templatestring(var.names[0], {})}', tags: { a: "${core::upper(var.names[0])}", b: "${ephemeralasnull(var.names)}" } });
    expect(check(document)).toEqual([]);
    expect(brief(check(document, { version: "1.7.5", source: "terraform on PATH" }))).toEqual([
      'error unknown-function /resource/demo_subnet_group/sg/description: Function "templatestring" needs Terraform ≥ 1.9; you are checking against Terraform 1.7.5 (terraform on PATH)',
      'error unknown-function /resource/demo_subnet_group/sg/tags/a: "core::" function names need Terraform ≥ 1.8; you are checking against Terraform 1.7.5 (terraform on PATH)',
      'error unknown-function /resource/demo_subnet_group/sg/tags/b: Function "ephemeralasnull" needs Terraform ≥ 1.10; you are checking against Terraform 1.7.5 (terraform on PATH)',
    ]);
  });

  const declared = (body: object) => ({ terraform: { required_providers: { demo: { source: "hashicorp/demo" } } }, ...subnetGroup(body) });

  it("checks provider functions against the functions the provider's schema lists", () => {
    const withFunctions: ProviderSchema = { ...demoProviderSchema, functions: { arn_parse: {}, arn_build: {} } };
    const schemas = memorySchemas(snapshotFromProviderSchema(DEMO_ADDRESS, "1.0.0", withFunctions, { method: "terraform", from: "terraform 1.11.4", createdAt: "" }));
    const ds = check(declared({ description: "${provider::demo::arn_parse(var.names[0]).region}", tags: { a: "${provider::demo::arn_pars(var.names[0])}" } }), TERRAFORM, schemas);
    expect(brief(ds)).toEqual(['error unknown-function /resource/demo_subnet_group/sg/tags/a: Unknown provider function "provider::demo::arn_pars"']);
    expect(ds[0]!.detail).toBe('The function "arn_pars" is not available from the provider "demo" (registry.terraform.io/hashicorp/demo 1.0.0).');
    expect(ds[0]!.suggestions).toEqual(["provider::demo::arn_parse"]);
  });

  it("reports a provider function of a provider required_providers does not declare, and leaves unlisted ones unchecked", () => {
    const ds = check(declared({ description: "${provider::aws::arn_parse(var.names[0])}", tags: { a: "${provider::demo::anything(1)}" } }));
    expect(brief(ds)).toEqual([
      'error unknown-function /resource/demo_subnet_group/sg/description: Unknown provider function "provider::aws::arn_parse": provider "aws" is not declared in required_providers',
    ]);
  });
});

describe("read-only attributes set from expressions", () => {
  const policy = (json: unknown) => ({ variable: { maybe: {} }, data: { demo_policy_document: { p: { for_each: "${var.maybe}", json } } } });

  it("is an error for a literal, nothing for null or an expression that may be null, a warning for one that cannot be", () => {
    expect(brief(check(policy("{}")))).toEqual([
      'error unknown-argument /data/demo_policy_document/p/json: "json" is read-only: data.demo_policy_document computes it, so it cannot be set',
    ]);
    for (const nullable of [null, "${var.maybe}", "${try(var.maybe.json, null)}", "${var.maybe == null ? null : var.maybe}", "${each.value.json}"]) {
      expect(check(policy(nullable))).toEqual([]);
    }
    for (const known of ["${jsonencode(var.maybe)}", "prefix-${var.maybe}"]) {
      expect(brief(check(policy(known)))).toEqual([
        'warning unknown-argument /data/demo_policy_document/p/json: "json" is read-only: data.demo_policy_document computes it, and the provider rejects any value but null',
      ]);
    }
  });
});
