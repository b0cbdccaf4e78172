/**
 * Keys JavaScript objects hide, read as Terraform 1.11.4 reads them (each case was run through
 * `terraform validate`; test/conformance/json-text.test.ts has Terraform judge them live).
 */
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import { demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";

const schemas = memorySchemas(demoSnapshot());
const check = (input: string | object) =>
  checkDocument(input, { file: "main.tf.json", schemas }).diagnostics.map((d) => `${d.line ?? "-"}:${d.column ?? "-"} ${d.rule} ${d.pointer}: ${d.message}${d.detail ? ` | ${d.detail}` : ""}`);

describe("a key given twice", () => {
  it("is a duplicate argument in a body, citing the first", () => {
    expect(check('{"resource": {"demo_subnet_group": {"s": {"name": "a", "name": "b", "subnet_ids": ["x"]}}}}')).toEqual([
      '1:56 duplicate /resource/demo_subnet_group/s/name: Duplicate argument "name" in demo_subnet_group: it was already set at main.tf.json:1:43 | The argument "name" was already set at main.tf.json:1:43. Each argument may be set only once; Terraform rejects the configuration ("Duplicate argument").',
    ]);
  });

  it("adds blocks when it names a block type: every occurrence is checked, and counts", () => {
    expect(check('{"resource": {"demo_plan": {"p": {"name": "a", "rule": {"rule_name": "x"}, "rule": {"rule_namx": "y"}}}}}')).toEqual([
      '1:76 missing-argument /resource/demo_plan/p/rule: Missing required argument "rule_name" in demo_plan.rule | The argument "rule_name" is required, but no definition was found.',
      '1:85 unknown-argument /resource/demo_plan/p/rule/rule_namx: Unsupported argument "rule_namx": demo_plan.rule has no argument or block of that name | Terraform rejects this with "An argument named "rule_namx" is not expected here."',
    ]);
    expect(check('{"resource": {"demo_replication_group": {"r": {"timeouts": {"create": "1m"}, "timeouts": {"create": "2m"}}}}}')).toEqual([
      '1:78 block-shape /resource/demo_replication_group/r/timeouts: Too many "timeouts" blocks in demo_replication_group: at most 1 allowed, got 2 | "timeouts" is a single block: give one object, not an array of several.',
    ]);
  });

  it("is a duplicate object attribute inside an argument's value", () => {
    expect(check('{"resource": {"demo_endpoint": {"e": {"config": {"mode": "a", "mode": "b"}}}}}')).toEqual([
      '1:63 duplicate /resource/demo_endpoint/e/config/mode: Duplicate object attribute "mode": it was already defined at main.tf.json:1:50 | An attribute named "mode" was already defined at main.tf.json:1:50; Terraform rejects the value ("Duplicate object attribute").',
    ]);
  });

  it("reads every repeated section, and reports a resource declared twice", () => {
    expect(check('{"resource": {"demo_subnet_group": {"s": {"name": "a", "subnet_ids": ["x"]}}},\n "resource": {"demo_subnet_group": {"s": {"namx": "b", "subnet_ids": ["y"]}}}}')).toEqual([
      '2:37 duplicate /resource/demo_subnet_group/s: Duplicate resource "demo_subnet_group" configuration: demo_subnet_group.s is declared more than once | A demo_subnet_group resource named "s" was already declared at main.tf.json:1:37. Resource names must be unique per type in each module.',
      '2:37 missing-argument /resource/demo_subnet_group/s: Missing required argument "name" in demo_subnet_group | The argument "name" is required, but no definition was found.',
      '2:43 unknown-argument /resource/demo_subnet_group/s/namx: Unsupported argument "namx": demo_subnet_group has no argument or block of that name | Terraform rejects this with "An argument named "namx" is not expected here."',
    ]);
  });

  it("cites the other place by pointer in a document given as an object (no positions)", () => {
    expect(check({ resource: { demo_subnet_group: { s: [{ name: "a", subnet_ids: ["x"] }, { name: "b", subnet_ids: ["y"] }] } } })).toEqual([
      '-:- duplicate /resource/demo_subnet_group/s/1: Duplicate resource "demo_subnet_group" configuration: demo_subnet_group.s is declared more than once | A demo_subnet_group resource named "s" was already declared at /resource/demo_subnet_group/s/0. Resource names must be unique per type in each module.',
    ]);
  });
});

describe("__proto__", () => {
  it("is an unsupported argument in a body, though zod drops the key", () => {
    expect(check('{"resource": {"demo_subnet_group": {"s": {"name": "a", "subnet_ids": ["x"], "__proto__": 1}}}}')).toEqual([
      '1:77 unknown-argument /resource/demo_subnet_group/s/__proto__: Unsupported argument "__proto__": demo_subnet_group has no argument or block of that name | Terraform rejects this with "No argument or block type is named "__proto__"."',
    ]);
  });
});
