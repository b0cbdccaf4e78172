/**
 * Every rule, with input that breaks it and input that does not, on a small provider schema
 * (test/fixtures/demo-provider.ts). Diagnostics are reduced to severity, rule, pointer and message
 * unless the test is about suggestions or details.
 */
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import { demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";

const schemas = memorySchemas(demoSnapshot("1.0.0"));

function check(document: object, providerVersions?: Record<string, string>): Diagnostic[] {
  return checkDocument(document, { file: "main.tf.json", schemas, ...(providerVersions ? { providerVersions } : {}) }).diagnostics;
}

const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.severity} ${d.rule} ${d.pointer}: ${d.message}`);

const subnetGroup = { name: "cache", subnet_ids: ["subnet-1"] };

describe("unknown-type", () => {
  it("accepts the types the provider has", () => {
    expect(check({ resource: { demo_subnet_group: { sg: subnetGroup } }, data: { demo_policy_document: { p: {} } } })).toEqual([]);
  });

  it("reports a type the provider lacks at /resource/<type>, once, with close spellings", () => {
    const ds = check({ resource: { demo_subnet_grup: { a: {}, b: {} } } });
    expect(brief(ds)).toEqual([
      'error unknown-type /resource/demo_subnet_grup: Unknown resource type "demo_subnet_grup": registry.terraform.io/hashicorp/demo 1.0.0 has no resource type of that name',
    ]);
    expect(ds[0]!.suggestions).toEqual(["demo_subnet_group"]);
  });

  it("says so when a data source is declared as a resource", () => {
    const [d] = check({ resource: { demo_policy_document: { p: {} } } });
    expect(d!.detail).toBe('"demo_policy_document" is a data source: declare it under "data".');
  });
});

describe("unknown-argument", () => {
  it("accepts cdktf's // metadata and every meta-argument", () => {
    const body = {
      ...subnetGroup,
      "//": { metadata: { path: "stack/sg", uniqueId: "sg" } },
      count: 2,
      depends_on: ["demo_plan.p"],
      provider: "demo.west",
      lifecycle: { create_before_destroy: true, ignore_changes: ["tags"], precondition: [{ condition: "${true}", error_message: "x" }] },
      provisioner: [{ "local-exec": { command: "echo" } }],
      connection: { type: "ssh" },
    };
    // What the meta-arguments refer to is declared: the references are checked too (invalid-reference).
    const declared = { provider: { demo: [{ alias: "west" }] }, resource: { demo_plan: { p: { name: "p", rule: [{ rule_name: "r" }] } } } };
    expect(check({ ...declared, resource: { ...declared.resource, demo_subnet_group: { sg: body } } })).toEqual([]);
    expect(check({ variable: { groups: {} }, resource: { demo_subnet_group: { sg: { ...subnetGroup, for_each: "${var.groups}" } } } })).toEqual([]);
  });

  it("rejects a name the schema lacks, suggesting the owner's own argument", () => {
    const ds = check({ resource: { demo_subnet_group: { sg: { ...subnetGroup, subnet_group_name: "x" } } } });
    expect(brief(ds)).toEqual([
      'error unknown-argument /resource/demo_subnet_group/sg/subnet_group_name: Unsupported argument "subnet_group_name": demo_subnet_group has no argument or block of that name',
    ]);
    expect(ds[0]!.suggestions).toEqual(["name"]);
    expect(ds[0]!.address).toBe("demo_subnet_group.sg");
  });

  it("suggests what Terraform suggests, a swap of two letters counting as one edit", () => {
    // Terraform 1.11.4: `No argument or block type is named "regoin". Did you mean "region"?`
    const ds = check({ provider: { demo: { regoin: "eu-west-1" } } });
    expect(brief(ds)).toEqual(['error unknown-argument /provider/demo/regoin: Unsupported argument "regoin": provider "demo" has no argument or block of that name']);
    expect(ds[0]!.suggestions).toEqual(["region"]);
  });

  it("suggests the snake_case name for a camelCase key", () => {
    const [d] = check({ resource: { demo_subnet_group: { sg: { name: "x", subnet_ids: [], subnetIds: ["a"] } } } });
    expect(d!.suggestions).toEqual(["subnet_ids"]);
  });

  it("rejects read-only (computed) attributes", () => {
    expect(brief(check({ data: { demo_policy_document: { d: { json: "{}" } } } }))).toEqual([
      'error unknown-argument /data/demo_policy_document/d/json: "json" is read-only: data.demo_policy_document computes it, so it cannot be set',
    ]);
  });

  it("rejects unknown top-level keys", () => {
    const ds = check({ resources: {} });
    expect(brief(ds)).toEqual([
      'error unknown-argument /resources: Unsupported top-level key "resources": a Terraform JSON document has no block type of that name',
    ]);
    expect(ds[0]!.suggestions).toEqual(["resource"]);
  });

  it("rejects meta-arguments where Terraform has none (data sources have no provisioner)", () => {
    expect(brief(check({ data: { demo_policy_document: { d: { provisioner: [] } } } }))).toEqual([
      'error unknown-argument /data/demo_policy_document/d/provisioner: Unsupported argument "provisioner": data.demo_policy_document has no argument or block of that name',
    ]);
  });

  it("only warns about unknown attributes inside object values: Terraform's conversion drops them", () => {
    const ds = check({ resource: { demo_endpoint: { e: { assume_role: { role_arn: "x", rolearn: "y" } } } } });
    expect(brief(ds)).toEqual([
      'warning unknown-argument /resource/demo_endpoint/e/assume_role/rolearn: Unexpected attribute "rolearn" in "assume_role": Terraform ignores it',
    ]);
    expect(ds[0]!.suggestions).toEqual(["role_arn"]);
  });

  it("checks the block types named in dynamic blocks", () => {
    const plan = { name: "p", dynamic: { rules: { for_each: "${var.rules}", content: { rule_name: "x" } } } };
    const ds = check({ variable: { rules: {} }, resource: { demo_plan: { p: plan } } });
    expect(brief(ds)).toEqual([
      'error unknown-argument /resource/demo_plan/p/dynamic/rules: Unsupported dynamic block "rules": demo_plan has no block type of that name',
      'error missing-argument /resource/demo_plan/p: Missing required block "rule" in demo_plan: at least 1 is required',
    ]);
    expect(ds[0]!.suggestions).toEqual(["rule"]);
  });
});

describe("attributes HCL may write as blocks (a security group's ingress), written as JSON properties", () => {
  // Terraform's blocktoattr reads a JSON property as the attribute, a set of objects: every
  // object needs every field. Terraform 1.11.4 on the first case: `Inappropriate value for
  // attribute "ingress": element 0: attributes "description", "ipv6_cidr_blocks",
  // "prefix_list_ids", "security_groups", and "self" are required.`
  const group = (ingress: unknown, extra: object = {}) => check({ variable: { rules: {} }, resource: { demo_security_group: { db: { name: "db", ingress, ...extra } } } });
  const rule = { cidr_blocks: ["10.0.0.0/8"], from_port: 5432, to_port: 5432, protocol: "tcp" };

  it("rejects objects that leave fields out, as a raw Python dict does (hashicorp/terraform-cdk#2878), naming the fix", () => {
    expect(group([rule])).toEqual([
      {
        severity: "error",
        rule: "missing-argument",
        file: "main.tf.json",
        pointer: "/resource/demo_security_group/db/ingress/0",
        address: "demo_security_group.db",
        message: 'Inappropriate value for attribute "ingress": element 0: attributes "description", "ipv6_cidr_blocks", "prefix_list_ids", "security_groups", and "self" are required',
        detail:
          'Written as a JSON property, "ingress" is the attribute itself (Terraform\'s blocks-as-attributes rule), not blocks: every object needs all its attributes; ' +
          'set the ones you do not use to null. Only "dynamic": {"ingress": …} generates blocks, which may leave attributes out.',
        suggestions: ['"description": null, "ipv6_cidr_blocks": null, "prefix_list_ids": null, "security_groups": null, "self": null'],
      },
    ]);
  });

  it("rejects camelCase keys as errors naming their snake_case names (hashicorp/terraform-cdk#517)", () => {
    const escapeHatch = {
      cidrBlocks: ["0.0.0.0/0"],
      description: "Allow access to database",
      fromPort: 3306,
      ipv6CidrBlocks: [],
      prefixListIds: [],
      protocol: "tcp",
      securityGroups: [],
      selfAttribute: false,
      toPort: 3306,
    };
    const ds = group([escapeHatch]);
    expect(brief(ds)).toEqual([
      'error missing-argument /resource/demo_security_group/db/ingress/0: Inappropriate value for attribute "ingress": element 0: attributes "cidr_blocks", "from_port", "ipv6_cidr_blocks", "prefix_list_ids", "security_groups", "self", and "to_port" are required',
      'error unknown-argument /resource/demo_security_group/db/ingress/0/cidrBlocks: Unexpected attribute "cidrBlocks" in "ingress": Terraform ignores it, and the required "cidr_blocks" is missing',
      'error unknown-argument /resource/demo_security_group/db/ingress/0/fromPort: Unexpected attribute "fromPort" in "ingress": Terraform ignores it, and the required "from_port" is missing',
      'error unknown-argument /resource/demo_security_group/db/ingress/0/ipv6CidrBlocks: Unexpected attribute "ipv6CidrBlocks" in "ingress": Terraform ignores it, and the required "ipv6_cidr_blocks" is missing',
      'error unknown-argument /resource/demo_security_group/db/ingress/0/prefixListIds: Unexpected attribute "prefixListIds" in "ingress": Terraform ignores it, and the required "prefix_list_ids" is missing',
      'error unknown-argument /resource/demo_security_group/db/ingress/0/securityGroups: Unexpected attribute "securityGroups" in "ingress": Terraform ignores it, and the required "security_groups" is missing',
      'error unknown-argument /resource/demo_security_group/db/ingress/0/selfAttribute: Unexpected attribute "selfAttribute" in "ingress": Terraform ignores it, and the required "self" is missing',
      'error unknown-argument /resource/demo_security_group/db/ingress/0/toPort: Unexpected attribute "toPort" in "ingress": Terraform ignores it, and the required "to_port" is missing',
    ]);
    expect(ds.slice(1).map((d) => d.suggestions)).toEqual([["cidr_blocks"], ["from_port"], ["ipv6_cidr_blocks"], ["prefix_list_ids"], ["security_groups"], ["self"], ["to_port"]]);
    // Every missing field is written under its binding's name: the fix is the renames, not nulls.
    expect(ds[0]!.suggestions).toEqual([]);
    // Fields written under another name are renamed; the ones left out entirely are set to null.
    const partly = group([{ cidrBlocks: ["0.0.0.0/0"], fromPort: 3306, toPort: 3306, protocol: "tcp" }]);
    expect(partly[0]!.suggestions).toEqual(['"description": null, "ipv6_cidr_blocks": null, "prefix_list_ids": null, "security_groups": null, "self": null']);
  });

  it("accepts every field set, null where unused (what cdktf's typed bindings write), and dynamic blocks that leave fields out", () => {
    const complete = { ...rule, description: null, ipv6_cidr_blocks: null, prefix_list_ids: null, security_groups: null, self: null };
    expect(group([complete, { ...complete, from_port: 443, to_port: 443 }])).toEqual([]);
    expect(group(undefined, { dynamic: { ingress: { for_each: "${var.rules}", content: { from_port: "${ingress.value}", to_port: "${ingress.value}", protocol: "tcp" } } } })).toEqual([]);
    // A key Terraform's conversion drops while nothing is missing stays a warning.
    expect(brief(group([{ ...complete, fromPort: 1 }]))).toEqual([
      'warning unknown-argument /resource/demo_security_group/db/ingress/0/fromPort: Unexpected attribute "fromPort" in "ingress": Terraform ignores it',
    ]);
  });

  it("rejects dynamic blocks of the name next to the property (Terraform: Blocks of type \"ingress\" are not expected here)", () => {
    const complete = { ...rule, description: null, ipv6_cidr_blocks: null, prefix_list_ids: null, security_groups: null, self: null };
    expect(brief(group([complete], { dynamic: { ingress: { for_each: [1], content: rule } } }))).toEqual([
      'error block-shape /resource/demo_security_group/db/dynamic/ingress: Unsupported dynamic block "ingress": demo_security_group also sets "ingress" as a property, which makes it the attribute, not blocks',
    ]);
  });
});

describe("missing-argument", () => {
  it("reports an absent required argument at the object that lacks it", () => {
    expect(brief(check({ resource: { demo_subnet_group: { sg: { subnet_ids: [] } } } }))).toEqual([
      'error missing-argument /resource/demo_subnet_group/sg: Missing required argument "name" in demo_subnet_group',
    ]);
  });

  it("treats null as unset", () => {
    expect(brief(check({ resource: { demo_subnet_group: { sg: { ...subnetGroup, name: null, description: null } } } }))).toEqual([
      'error missing-argument /resource/demo_subnet_group/sg/name: Missing required argument "name" in demo_subnet_group: null means unset',
    ]);
  });

  it("reports a block under its min_items", () => {
    expect(brief(check({ resource: { demo_plan: { p: { name: "p" }, q: { name: "q", rule: [] } } } }))).toEqual([
      'error missing-argument /resource/demo_plan/p: Missing required block "rule" in demo_plan: at least 1 is required',
      'error missing-argument /resource/demo_plan/q: Missing required block "rule" in demo_plan: at least 1 is required',
    ]);
  });

  it("counts a dynamic block as meeting min_items, and checks its content", () => {
    const dynamicRule = { for_each: "${var.rules}", iterator: "r", content: { rule_name: "${r.value}" } };
    expect(check({ variable: { rules: {} }, resource: { demo_plan: { p: { name: "p", dynamic: { rule: dynamicRule } } } } })).toEqual([]);
    expect(brief(check({ resource: { demo_plan: { p: { name: "p", dynamic: { rule: { for_each: ["a"], content: {} } } } } } }))).toEqual([
      'error missing-argument /resource/demo_plan/p/dynamic/rule/content: Missing required argument "rule_name" in demo_plan.dynamic.rule.content',
    ]);
    // As in Terraform, a dynamic block that cannot generate any (empty literal for_each, no content) does not count.
    expect(brief(check({ resource: { demo_plan: { p: { name: "p", dynamic: { rule: { for_each: [], content: { rule_name: "r" } } } } } } }))).toEqual([
      'error missing-argument /resource/demo_plan/p: Missing required block "rule" in demo_plan: at least 1 is required',
    ]);
  });

  it("checks required attributes of nested attribute objects and object types", () => {
    expect(brief(check({ resource: { demo_endpoint: { e: { config: {}, assume_role: { duration: "1h" } } } } }))).toEqual([
      'error missing-argument /resource/demo_endpoint/e/config: Missing required argument "mode" in config',
      // cty's conversion to an object type, in its words (Terraform: "Inappropriate value for attribute …").
      'error missing-argument /resource/demo_endpoint/e/assume_role: Inappropriate value for attribute "assume_role": attribute "role_arn" is required',
    ]);
    // null is a value for an attribute of an object type (how to leave one unset); Terraform accepts it.
    expect(check({ resource: { demo_endpoint: { e: { assume_role: { role_arn: null } } } } })).toEqual([]);
  });
});

describe("type-mismatch", () => {
  it("warns where Terraform converts, explaining the conversion", () => {
    const [d] = check({ resource: { demo_replication_group: { g: { at_rest_encryption_enabled: true } } } });
    expect(d).toMatchObject({
      severity: "warning",
      rule: "type-mismatch",
      pointer: "/resource/demo_replication_group/g/at_rest_encryption_enabled",
      message: '"at_rest_encryption_enabled" is a string argument: Terraform converts the bool true to "true"',
      suggestions: ['"true"'],
    });
    expect(d!.detail).toBe(
      'Terraform accepts true here and converts it to a string, but typed CDKTF bindings (Python, Java, C#, Go) declare "at_rest_encryption_enabled" as a string and reject the bool true. Write "true".',
    );
  });

  it("errs where Terraform cannot convert", () => {
    const [d] = check({ resource: { demo_replication_group: { g: { transit_encryption_enabled: "yes" } } } });
    expect(d).toMatchObject({
      severity: "error",
      rule: "type-mismatch",
      pointer: "/resource/demo_replication_group/g/transit_encryption_enabled",
      message: 'Inappropriate value for "transit_encryption_enabled": a bool is required, got the string "yes"',
      detail: 'Terraform cannot convert the string "yes" to a bool: only the strings "true", "false", "1" and "0" convert to a bool, not "yes".',
    });
  });

  it("errs on a plain string where a list belongs, suggesting the one-element list", () => {
    const [d] = check({ resource: { demo_replication_group: { g: { security_group_ids: "sg-1" } } } });
    expect(d).toMatchObject({
      severity: "error",
      rule: "type-mismatch",
      message: 'Inappropriate value for "security_group_ids": a set of string is required, got the string "sg-1"',
      suggestions: ['["sg-1"]'],
    });
  });

  it("points at the element of a collection that needs converting", () => {
    expect(brief(check({ variable: { x: {} }, resource: { demo_replication_group: { g: { security_group_ids: ["${var.x}", 5] } } } }))).toEqual([
      'warning type-mismatch /resource/demo_replication_group/g/security_group_ids/1: elements of "security_group_ids" are strings: Terraform converts the number 5 to "5"',
    ]);
  });

  it("checks meta-arguments' types too", () => {
    expect(brief(check({ resource: { demo_subnet_group: { sg: { ...subnetGroup, count: true } } } }))).toEqual([
      'error type-mismatch /resource/demo_subnet_group/sg/count: Inappropriate value for "count": a number is required, got the bool true',
    ]);
  });
});

describe("block-shape", () => {
  it("accepts a block as one object or as an array of objects", () => {
    const rule = { rule_name: "daily", copy_action: { destination_vault_arn: "${var.x}", lifecycle: { delete_after: 7 } } };
    expect(check({ variable: { x: {} }, resource: { demo_plan: { a: { name: "a", rule }, b: { name: "b", rule: [rule, rule] } } } })).toEqual([]);
  });

  it("rejects a plain value where a block belongs", () => {
    const rule = { rule_name: "daily", copy_action: [{ destination_vault_arn: "${var.x}", lifecycle: 7 }] };
    const [d] = check({ resource: { demo_plan: { p: { name: "p", rule: [rule] } } } });
    expect(d).toMatchObject({
      severity: "error",
      rule: "block-shape",
      pointer: "/resource/demo_plan/p/rule/0/copy_action/0/lifecycle",
      message: '"lifecycle" is a block: expected an object, got the number 7',
    });
  });

  it("rejects an expression where a block belongs, pointing to dynamic blocks", () => {
    const [d] = check({ resource: { demo_plan: { p: { name: "p", rule: "${var.rules}" } } } });
    expect(d!.message).toBe('"rule" is a block: it cannot be set from an expression');
    expect(d!.detail).toContain('"dynamic": {"rule"');
  });

  it("rejects more blocks than max_items at the first one over, and several of a single block", () => {
    const g = { timeouts: [{}, {}], log_delivery_configuration: [{ destination: "a" }, { destination: "b" }, { destination: "c" }] };
    expect(brief(check({ resource: { demo_replication_group: { g } } }))).toEqual([
      'error block-shape /resource/demo_replication_group/g/timeouts: Too many "timeouts" blocks in demo_replication_group: at most 1 allowed, got 2',
      'error block-shape /resource/demo_replication_group/g/log_delivery_configuration/2: Too many "log_delivery_configuration" blocks in demo_replication_group: at most 2 allowed, got 3',
    ]);
  });

  it("checks map-nested blocks by label", () => {
    expect(check({ resource: { demo_plan: { p: { name: "p", rule: { rule_name: "r" }, setting: { a: { value: "1" } } } } } })).toEqual([]);
    expect(brief(check({ resource: { demo_plan: { p: { name: "p", rule: { rule_name: "r" }, setting: { a: "x" } } } } }))).toEqual([
      'error block-shape /resource/demo_plan/p/setting/a: "setting" is a block: expected an object or an array of objects, got the string "x"',
    ]);
  });

  it("rejects a resource body that is not an object", () => {
    expect(brief(check({ resource: { demo_subnet_group: { sg: ["x"] } } }))).toEqual([
      'error block-shape /resource/demo_subnet_group/sg/0: resource "demo_subnet_group" "sg" is a block: expected an object, got the string "x"',
    ]);
    // Terraform reads a root array as several bodies and rejects each element that is not an object.
    expect(brief(check([1] as object))).toEqual(["error block-shape /0: A Terraform JSON document that is an array holds one object per body, got the number 1"]);
  });
});

describe("deprecated", () => {
  it("warns about deprecated arguments that are set, not about unset ones", () => {
    expect(brief(check({ resource: { demo_subnet_group: { sg: { ...subnetGroup, legacy_mode: true } } } }))).toEqual([
      'warning deprecated /resource/demo_subnet_group/sg/legacy_mode: Argument "legacy_mode" of demo_subnet_group is deprecated',
    ]);
    expect(check({ resource: { demo_subnet_group: { sg: { ...subnetGroup, legacy_mode: null } } } })).toEqual([]);
  });

  it("warns once per deprecated resource type, with the provider's explanation", () => {
    const ds = check({ resource: { demo_legacy: { a: {}, b: {} } } });
    expect(brief(ds)).toEqual([
      'warning deprecated /resource/demo_legacy: The resource type "demo_legacy" is deprecated in registry.terraform.io/hashicorp/demo 1.0.0',
    ]);
    expect(ds[0]!.detail).toBe("Use demo_subnet_group.");
  });

  it("warns about the in-provider-block version constraint", () => {
    expect(brief(check({ provider: { demo: { region: "x", version: "~> 1.0" } } }))).toEqual([
      'warning deprecated /provider/demo/version: Argument "version" of provider "demo" is deprecated',
    ]);
  });
});

describe("schema-unavailable", () => {
  const document = {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "~> 6.0" } } },
    resource: { aws_instance: { a: {} }, aws_s3_bucket: { b: {} }, demo_subnet_group: { sg: { name: "x" } } },
  };

  it("warns once per provider without a schema, skips its resources, and still checks the others", () => {
    const ds = check(document);
    expect(brief(ds)).toEqual([
      'warning schema-unavailable /terraform/required_providers/aws: No schema for provider "aws": its resources and data sources are not checked',
      'error missing-argument /resource/demo_subnet_group/sg: Missing required argument "subnet_ids" in demo_subnet_group',
      'warning undeclared-provider /terraform: Provider "demo" is used but not declared in terraform.required_providers',
    ]);
    expect(ds[0]!.detail).toBe(
      'No schema for registry.terraform.io/hashicorp/aws matching "~> 6.0" is available. Check against a version that is available with --provider-version aws=<version> (`cdktf-schema-check schema list` shows them).',
    );
  });

  it("points at the first use when the provider is not declared", () => {
    expect(brief(check({ resource: { google_compute_instance: { a: {} } } }))).toEqual([
      'warning schema-unavailable /resource/google_compute_instance: No schema for provider "google": its resources and data sources are not checked',
    ]);
  });
});

describe("provider resolution", () => {
  const versions = memorySchemas(demoSnapshot("1.0.0"), demoSnapshot("2.0.0"));
  const run = (document: object, providerVersions?: Record<string, string>) =>
    checkDocument(document, { file: "main.tf.json", schemas: versions, ...(providerVersions ? { providerVersions } : {}) }).diagnostics;
  const unknownType = { resource: { demo_nope: { a: {} } } };

  it("uses the version required_providers asks for", () => {
    const doc = { ...unknownType, terraform: { required_providers: { demo: { source: "hashicorp/demo", version: "1.0.0" } } } };
    expect(run(doc)[0]!.message).toContain("hashicorp/demo 1.0.0 has no resource type");
  });

  it("lets --provider-version override it", () => {
    const doc = { ...unknownType, terraform: { required_providers: { demo: { source: "hashicorp/demo", version: "1.0.0" } } } };
    expect(run(doc, { demo: "2.0.0" })[0]!.message).toContain("hashicorp/demo 2.0.0 has no resource type");
    // A version asked for explicitly that no schema satisfies is unusable input (exit 2), not a pass.
    expect(() => run(doc, { demo: "3.0.0" })).toThrow(
      'provider version demo=3.0.0 (--provider-version or providerVersions) cannot be used: no schema of registry.terraform.io/hashicorp/demo satisfies "3.0.0"; none is available',
    );
  });

  it("follows a resource's provider meta-argument to its local name and source", () => {
    const doc = {
      terraform: { required_providers: { other: { source: "hashicorp/demo", version: "1.0.0" } } },
      provider: { other: { alias: "west" } },
      resource: { demo_subnet_group: { sg: { ...subnetGroup, provider: "other.west", bogus: 1 } } },
    };
    expect(run(doc).map((d) => d.rule)).toEqual(["unknown-argument"]);
  });

  it("checks provider configurations, each alias on its own", () => {
    expect(brief(run({ provider: { demo: [{ region: "x" }, { alias: "west", regio: "y" }] } }))).toEqual([
      'error unknown-argument /provider/demo/1/regio: Unsupported argument "regio": provider "demo" has no argument or block of that name',
    ]);
    expect(run({ provider: { demo: [{ alias: "west", regio: "y" }] } })[0]!.address).toBe("provider.demo.west");
  });
});

describe("Terraform's built-in provider", () => {
  it("checks terraform_data and terraform_remote_state without any snapshot", () => {
    const document = {
      variable: { x: {} },
      resource: { terraform_data: { d: { input: { a: 1 }, triggers_replace: ["${var.x}"] } } },
      data: { terraform_remote_state: { net: { config: { bucket: "b" } } } },
    };
    expect(brief(check(document))).toEqual([
      'error missing-argument /data/terraform_remote_state/net: Missing required argument "backend" in data.terraform_remote_state',
    ]);
  });
});
