/**
 * Every disagreement the conformance run (or a review) found, as a fixed case: the configuration, Terraform
 * 1.11.4's verdict (recorded; re-checked live where terraform is on PATH), and whether the
 * checker agrees. "known" cases are checker disagreements not fixed yet (known-disagreements.ts):
 * their test asserts the disagreement, so fixing the checker makes it fail, and the case moves to
 * "agrees".
 */
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import { demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";
import { compare } from "./compare.js";
import { demoTerraformEnv } from "./terraform-env.js";
import { type TerraformFinding, terraformValidate } from "./terraform-validate.js";
import { terraformForTests } from "../terraform-on-path.js";
import { suiteDir } from "../suite-dir.js";

interface Regression {
  name: string;
  document: object;
  /** Terraform's errors: pointer, summary, and the name its detail suggests ("Did you mean …?"), if any. */
  terraform: [pointer: string, summary: string, suggestion?: string][];
  checker: "agrees" | "agrees-with-deliberate-difference" | "known-disagreement";
}

const resource = (type: string, body: object) => ({ variable: { v: {} }, resource: { [type]: { this: body } } });
const plan = (body: object) => resource("demo_plan", { name: "n", rule: [{ rule_name: "r" }], ...body });

const REGRESSIONS: Regression[] = [
  {
    // Found in review, not by a run: the checker took the constructor every JavaScript object inherits for the argument.
    name: "a required argument named constructor, left out",
    document: resource("demo_constructor", { name: "n" }),
    terraform: [["/resource/demo_constructor/this", "Missing required argument"]],
    checker: "agrees",
  },
  {
    name: "a list of objects for a set of strings: Terraform blames the attribute, the checker the element",
    document: resource("demo_subnet_group", { name: "n", subnet_ids: [{ name: "a" }] }),
    terraform: [["/resource/demo_subnet_group/this/subnet_ids", "Incorrect attribute value type"]],
    checker: "agrees",
  },
  {
    name: "an unknown provider argument (Terraform checks only provider configurations a resource uses)",
    document: { provider: { demo: { regino: "x" } }, ...resource("demo_subnet_group", { name: "n", subnet_ids: ["a"] }) },
    terraform: [["/provider/demo/regino", "Extraneous JSON object property", "region"]],
    checker: "agrees",
  },
  {
    name: "a transposed provider argument, `regoin` (one swap, two Levenshtein edits: the checker once suggested nothing)",
    document: { provider: { demo: { regoin: "x" } }, ...resource("demo_subnet_group", { name: "n", subnet_ids: ["a"] }) },
    terraform: [["/provider/demo/regoin", "Extraneous JSON object property", "region"]],
    checker: "agrees",
  },
  {
    name: "a transposed resource type",
    document: { variable: { v: {} }, resource: { demo_subnet_gorup: { this: { name: "n", subnet_ids: ["a"] } } } },
    terraform: [["/resource/demo_subnet_gorup", "Invalid resource type", "demo_subnet_group"]],
    checker: "agrees",
  },
  {
    name: "a set-of-objects attribute HCL may write as blocks, as a JSON property with fields left out (the checker once took them as optional)",
    document: resource("demo_security_group", { ingress: [{ from_port: 443, to_port: 443, protocol: "tcp" }] }),
    terraform: [["/resource/demo_security_group/this/ingress", "Incorrect attribute value type"]],
    checker: "agrees",
  },
  {
    name: "the same with camelCased fields (the checker once only warned)",
    document: resource("demo_security_group", { ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"], description: null, ipv6CidrBlocks: null, prefixListIds: null, securityGroups: null, selfAttribute: null }] }),
    terraform: [["/resource/demo_security_group/this/ingress", "Incorrect attribute value type"]],
    checker: "agrees",
  },
  {
    name: "the same with every field set, null where unused",
    document: resource("demo_security_group", { ingress: [{ from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: null, description: null, ipv6_cidr_blocks: null, prefix_list_ids: null, security_groups: null, self: null }] }),
    terraform: [],
    checker: "agrees",
  },
  {
    name: "the same as a dynamic block with fields left out",
    document: resource("demo_security_group", { dynamic: { ingress: { for_each: ["a"], content: { from_port: 443, to_port: 443, protocol: "tcp" } } } }),
    terraform: [],
    checker: "agrees",
  },
  {
    name: "the same as a property and a dynamic block",
    document: resource("demo_security_group", { ingress: [], dynamic: { ingress: { for_each: ["a"], content: { from_port: 443 } } } }),
    terraform: [["/resource/demo_security_group/this/dynamic/ingress", "Unsupported block type"]],
    checker: "agrees",
  },
  {
    name: "static blocks after a dynamic block of their type with an unknown for_each",
    document: resource("demo_plan", { name: "n", dynamic: { rule: { for_each: "${var.v}", content: { rule_name: "r" } } }, rule: [{ rule_name: "r", no_such_argument: 1 }] }),
    terraform: [],
    checker: "agrees-with-deliberate-difference",
  },
  {
    name: "a value of the wrong type in the content of a dynamic block with an unknown for_each",
    document: resource("demo_plan", { name: "n", dynamic: { rule: { for_each: "${var.v}", content: { rule_name: ["r"] } } } }),
    terraform: [],
    checker: "agrees-with-deliberate-difference",
  },
  {
    name: "null for a required argument",
    document: resource("demo_subnet_group", { name: null, subnet_ids: ["a"] }),
    terraform: [],
    checker: "agrees-with-deliberate-difference",
  },
  {
    name: "a list literal interpolated into a string argument",
    document: resource("demo_subnet_group", { name: '${["a"]}', subnet_ids: ["a"] }),
    terraform: [["/resource/demo_subnet_group/this/name", "Incorrect attribute value type"]],
    checker: "agrees-with-deliberate-difference",
  },
  {
    name: "an undeclared reference hides the resource's other errors from Terraform",
    document: resource("demo_subnet_group", { name: "${var.undeclared}", subnet_ids: [{ a: 1 }] }),
    terraform: [["/resource/demo_subnet_group/this/name", "Reference to undeclared input variable"]],
    checker: "agrees-with-deliberate-difference",
  },
  {
    name: "dynamic in a nested block that has no block types",
    document: resource("demo_replication_group", { timeouts: { dynamic: { create: { for_each: ["a"], content: {} } } } }),
    terraform: [["/resource/demo_replication_group/this/timeouts/dynamic/create", "Unsupported block type"]],
    checker: "agrees",
  },
  {
    name: "more blocks than max_items",
    document: resource("demo_replication_group", { log_delivery_configuration: [{ destination: "a" }, { destination: "b" }, { destination: "c" }] }),
    terraform: [["/resource/demo_replication_group/this/log_delivery_configuration/2", "Too many log_delivery_configuration blocks"]],
    checker: "agrees",
  },
  {
    name: "a map-nested block given an empty object",
    document: plan({ setting: {} }),
    terraform: [["/resource/demo_plan/this/setting", "Missing block label"]],
    checker: "agrees",
  },
  {
    name: "a map-nested block given null",
    document: plan({ setting: null }),
    terraform: [["/resource/demo_plan/this/setting", "Missing block label"]],
    checker: "agrees",
  },
  {
    name: "a dynamic map-nested block without labels",
    document: plan({ dynamic: { setting: { for_each: { a: "b" }, content: { value: "v" } } } }),
    terraform: [["/resource/demo_plan/this/dynamic/setting", "Missing required argument"]],
    checker: "agrees",
  },
  {
    name: "a block with min_items given true",
    document: resource("demo_plan", { name: "n", rule: true }),
    terraform: [
      ["/resource/demo_plan/this", "Insufficient rule blocks"],
      ["/resource/demo_plan/this/rule", "Incorrect JSON value type"],
    ],
    checker: "agrees",
  },
  {
    name: "a single block given a list of strings",
    document: resource("demo_replication_group", { timeouts: ["a", "b"] }),
    terraform: [["/resource/demo_replication_group/this/timeouts/0", "Incorrect JSON value type"], ["/resource/demo_replication_group/this/timeouts", "Duplicate timeouts block"]],
    checker: "agrees",
  },
  {
    name: "a single block given an object, then a string (Terraform decodes only the first)",
    document: resource("demo_replication_group", { timeouts: [{}, "a"] }),
    terraform: [["/resource/demo_replication_group/this/timeouts", "Duplicate timeouts block"]],
    checker: "agrees",
  },
  {
    name: "null in an array of blocks is a block with an empty body",
    document: resource("demo_plan", { name: "n", rule: [null] }),
    terraform: [["/resource/demo_plan/this/rule/0", "Missing required argument"]],
    checker: "agrees",
  },
  {
    name: "a map-nested block's label given twice",
    document: plan({ setting: [{ k: { value: "a" } }, { k: { value: "b" } }] }),
    terraform: [["/resource/demo_plan/this/setting/1/k", "Duplicate setting block"]],
    checker: "agrees",
  },
  {
    name: "a map-nested block's label given null (no block)",
    document: plan({ setting: { k: null } }),
    terraform: [],
    checker: "agrees",
  },
  {
    name: "a dynamic block with an empty literal for_each generates no block",
    document: resource("demo_plan", { name: "n", dynamic: { rule: { for_each: [], content: { rule_name: "r" } } } }),
    terraform: [["/resource/demo_plan/this", "Insufficient rule blocks"]],
    checker: "agrees",
  },
  {
    name: "a dynamic block's content of the wrong kind",
    document: plan({ rule: null, dynamic: { rule: { for_each: ["a"], content: "x" } } }),
    terraform: [
      ["/resource/demo_plan/this", "Insufficient rule blocks"],
      ["/resource/demo_plan/this/dynamic/rule/content", "Incorrect JSON value type"],
    ],
    checker: "agrees",
  },
  {
    name: "a dynamic block for a provider argument (a provider block without block types)",
    document: { provider: { demo: { dynamic: { region: { for_each: ["a"], content: {} } } } }, ...resource("demo_subnet_group", { name: "n", subnet_ids: ["a"] }) },
    terraform: [["/provider/demo/dynamic/region", "Unsupported block type"]],
    checker: "agrees",
  },
  {
    name: "an empty dynamic",
    document: resource("demo_replication_group", { dynamic: {} }),
    terraform: [["/resource/demo_replication_group/this/dynamic", "Missing block label"]],
    checker: "agrees",
  },
  {
    name: "labels in a dynamic block of a block type without labels",
    document: plan({ dynamic: { rule: { for_each: ["a"], labels: ["a"], content: { rule_name: "r" } } } }),
    terraform: [["/resource/demo_plan/this/dynamic/rule/labels", "Extraneous JSON object property"]],
    checker: "agrees",
  },
  {
    name: "two labels in a dynamic map-nested block",
    document: plan({ dynamic: { setting: { for_each: { a: "b" }, labels: ["a", "b"], content: { value: "v" } } } }),
    terraform: [["/resource/demo_plan/this/dynamic/setting/labels/1", "Extraneous dynamic block label"]],
    checker: "agrees",
  },
  {
    name: "a dynamic block with a literal for_each going over max_items",
    document: resource("demo_replication_group", {
      log_delivery_configuration: [{ destination: "a" }, { destination: "b" }],
      dynamic: { log_delivery_configuration: { for_each: ["c"], content: { destination: "c" } } },
    }),
    terraform: [["/resource/demo_replication_group/this/dynamic/log_delivery_configuration/content", "Too many log_delivery_configuration blocks"]],
    checker: "agrees",
  },
  {
    name: "a template that does not parse",
    document: resource("demo_subnet_group", { name: "${{for k, v in var.v : k v}}", subnet_ids: ["a"] }),
    terraform: [["/resource/demo_subnet_group/this/name", "Invalid 'for' expression"]],
    checker: "agrees",
  },
  {
    name: "a call to an unknown function",
    document: resource("demo_subnet_group", { name: "${upperr(var.v)}", subnet_ids: ["a"] }),
    terraform: [["/resource/demo_subnet_group/this/name", "Call to unknown function", "upper"]],
    checker: "agrees",
  },
  {
    name: "a computed-only attribute set from an expression that may be null",
    document: { variable: { v: {} }, data: { demo_policy_document: { this: { json: "${try(var.v, null)}" } } } },
    terraform: [],
    checker: "agrees",
  },
  {
    name: "a broken template in a dynamic block whose for_each is unknown (validate does not evaluate its content)",
    document: resource("demo_replication_group", { dynamic: { log_delivery_configuration: { for_each: "${var.v}", content: { destination: "${var.v" } } } }),
    terraform: [],
    checker: "agrees-with-deliberate-difference",
  },
  {
    name: "a block after a dynamic block of its type whose for_each is unknown (validate stops at the dynamic block)",
    document: resource("demo_replication_group", {
      dynamic: { log_delivery_configuration: { for_each: "${var.v}", content: { destination: "x" } } },
      log_delivery_configuration: [{ destination: { a: "b" } }],
    }),
    terraform: [],
    checker: "agrees-with-deliberate-difference",
  },
  {
    name: "a block before a dynamic block of its type whose for_each is unknown",
    document: resource("demo_replication_group", {
      log_delivery_configuration: [{ destination: { a: "b" } }],
      dynamic: { log_delivery_configuration: { for_each: "${var.v}", content: { destination: "x" } } },
    }),
    terraform: [["/resource/demo_replication_group/this/log_delivery_configuration/0/destination", "Incorrect attribute value type"]],
    checker: "agrees",
  },
];

const schemas = memorySchemas(demoSnapshot());
const text = (r: Regression) => JSON.stringify(r.document, null, 2) + "\n";
const verdict = (r: Regression) => ({
  stoppedEarly: false,
  errors: r.terraform.map(([pointer, summary, suggestion]): TerraformFinding => ({ pointer, summary, detail: suggestion ? `Did you mean "${suggestion}"?` : "" })),
});

describe("conformance regressions: the checker against Terraform's recorded verdict", () => {
  for (const r of REGRESSIONS) {
    it(`${r.name}: ${r.checker}`, () => {
      const { diagnostics } = checkDocument(text(r), { file: "main.tf.json", schemas });
      const result = compare({ name: r.name, label: r.name, text: text(r) }, verdict(r), diagnostics);
      if (r.checker === "known-disagreement") expect(result.agree).toBe(false);
      else {
        expect({ onlyTerraform: result.onlyTerraform, onlyChecker: result.onlyChecker }).toEqual({ onlyTerraform: [], onlyChecker: [] });
        expect(result.deliberate.length > 0).toBe(r.checker === "agrees-with-deliberate-difference");
      }
    });
  }
});

const hasTerraform = terraformForTests("test/conformance/regressions: re-checking the recorded verdicts with Terraform") !== undefined;

/** A finding as the cases record it: pointer, summary, and the suggested name if the detail has one. */
function recorded(e: TerraformFinding): Regression["terraform"][number] {
  const suggestion = /Did you mean "([^"]+)"\?/.exec(e.detail)?.[1];
  return suggestion ? [e.pointer, e.summary, suggestion] : [e.pointer, e.summary];
}

describe.skipIf(!hasTerraform)("the recorded verdicts are what Terraform says", () => {
  const dir = suiteDir("conformance-regressions-");

  it("for every regression case", async () => {
    const env = demoTerraformEnv(dir());
    const cases = REGRESSIONS.map((r, i) => ({ name: `r${i}`, text: text(r), variables: ["v"] }));
    const verdicts = await terraformValidate(env, cases);
    const seen = REGRESSIONS.map((r, i) => ({
      name: r.name,
      terraform: [...new Set(verdicts.get(`r${i}`)!.errors.map((e) => JSON.stringify(recorded(e))))].map((s) => JSON.parse(s)).sort(),
    }));
    expect(seen).toEqual(REGRESSIONS.map((r) => ({ name: r.name, terraform: [...r.terraform].sort() })));
  }, 60_000);
});
