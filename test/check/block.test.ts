/**
 * `checkBlock`, the entry point other checks reuse (backends, the cloud block): any body against
 * any SchemaBlock, at any pointer, with no resource assumptions.
 */
import { describe, expect, it } from "vitest";
import { checkBlock } from "../../src/check/block.js";
import { ExactNumber } from "../../src/core/exact-number.js";
import type { SchemaBlock } from "../../src/schema/format.js";
import { bodySchema } from "../../src/validators/block.js";

const s3Backend: SchemaBlock = {
  attributes: {
    bucket: { type: "string", required: true },
    key: { type: "string", required: true },
    encrypt: { type: "bool", optional: true },
    use_lockfile: { type: "bool", optional: true },
    endpoint: { type: "string", optional: true, deprecated: true },
    assume_role: { type: ["object", { role_arn: "string", session_name: "string" }, ["session_name"]], optional: true },
  },
};
const where = { file: "cdk.tf.json", pointer: "/terraform/backend/s3", name: 'backend "s3"' };

describe("checkBlock", () => {
  it("reports at pointers below the base pointer, without resource meta-arguments", () => {
    const diagnostics = checkBlock({ bucket: "b", key: "k", use_lock_file: true, encrypt: "yes", count: 1 }, s3Backend, where);
    expect(diagnostics.map((d) => [d.rule, d.pointer, d.message, d.suggestions])).toEqual([
      ["type-mismatch", "/terraform/backend/s3/encrypt", 'Inappropriate value for "encrypt": a bool is required, got the string "yes"', []],
      ["unknown-argument", "/terraform/backend/s3/use_lock_file", 'Unsupported argument "use_lock_file": backend "s3" has no argument or block of that name', ["use_lockfile"]],
      ["unknown-argument", "/terraform/backend/s3/count", 'Unsupported argument "count": backend "s3" has no argument or block of that name', []],
    ]);
    expect(diagnostics.every((d) => d.file === "cdk.tf.json" && d.address === undefined)).toBe(true);
  });

  it("reports inside nested blocks and a dynamic block's content, which run their body's check directly", () => {
    const rules: SchemaBlock = {
      attributes: { name: { type: "string", required: true } },
      block_types: { rule: { nesting_mode: "list", block: { attributes: { port: { type: "number", required: true }, note: { type: "string", optional: true } } } } },
    };
    const body = { name: "n", rule: [{ port: "eighty" }, { prt: 1 }], dynamic: { rule: { for_each: "${var.r}", content: { port: 1, nte: "x" } } } };
    const diagnostics = checkBlock(body, rules, { file: "main.tf.json", pointer: "/resource/demo_rules/a", name: "demo_rules" });
    expect(diagnostics.map((d) => [d.severity, d.rule, d.pointer, d.message, d.suggestions])).toEqual([
      ["error", "type-mismatch", "/resource/demo_rules/a/rule/0/port", 'Inappropriate value for "port": a number is required, got the string "eighty"', []],
      ["error", "unknown-argument", "/resource/demo_rules/a/rule/1/prt", 'Unsupported argument "prt": demo_rules.rule has no argument or block of that name', ["port"]],
      ["error", "missing-argument", "/resource/demo_rules/a/rule/1", 'Missing required argument "port" in demo_rules.rule', ["port"]],
      ["error", "unknown-argument", "/resource/demo_rules/a/dynamic/rule/content/nte", 'Unsupported argument "nte": demo_rules.dynamic.rule.content has no argument or block of that name', ["note"]],
    ]);
  });

  it("accepts a correct body, including cdktf's // comments", () => {
    expect(checkBlock({ "//": "note", bucket: "b", key: "k", assume_role: { role_arn: "arn" } }, s3Backend, where)).toEqual([]);
  });

  it("reports deprecated arguments and object attributes given as blocks the wrong way", () => {
    const diagnostics = checkBlock({ bucket: "b", key: "k", endpoint: "http://x", assume_role: "arn" }, s3Backend, where);
    expect(diagnostics.map((d) => `${d.severity} ${d.rule} ${d.pointer}`)).toEqual([
      "error type-mismatch /terraform/backend/s3/assume_role",
      "warning deprecated /terraform/backend/s3/endpoint",
    ]);
  });

  it("rejects a body that is not an object", () => {
    expect(checkBlock("s3", s3Backend, where).map((d) => d.message)).toEqual([
      'backend "s3" is a block: expected an object, got the string "s3"',
    ]);
  });

  it("rejects a number too exact for a double (an ExactNumber) as a body, as it rejects any number", () => {
    const result = bodySchema(s3Backend, { kind: "block", name: 'backend "s3"' }).safeParse(new ExactNumber("1e400"));
    expect(result.success ? [] : result.error.issues.map((i) => [i.code, i.path])).toEqual([["invalid_type", []]]);
  });

  it("sees only the body's own keys: an argument named like an Object.prototype member is unset until the body sets it", () => {
    // Parsed, as a schema file is: JSON gives these names no special meaning.
    const prototypeNames = JSON.parse(
      '{"attributes": {"toString": {"type": "string", "required": true}, "constructor": {"type": "number", "optional": true}, "valueOf": {"type": "bool", "optional": true}}}',
    ) as SchemaBlock;
    const brief = (body: object) => checkBlock(body, prototypeNames, where).map((d) => `${d.severity} ${d.rule} ${d.pointer}: ${d.message}`);
    expect(brief({})).toEqual(['error missing-argument /terraform/backend/s3: Missing required argument "toString" in backend "s3"']);
    expect(brief({ toString: "x", constructor: 1 })).toEqual([]);
    expect(brief({ toString: "x", valueOf: "maybe" })).toEqual(['error type-mismatch /terraform/backend/s3/valueOf: Inappropriate value for "valueOf": a bool is required, got the string "maybe"']);
  });

  it("compiles a block's validator once and reuses it", () => {
    const context = { kind: "block", name: 'backend "s3"' } as const;
    expect(bodySchema(s3Backend, context)).toBe(bodySchema(s3Backend, context));
  });
});

describe("collection and object values", () => {
  const values: SchemaBlock = {
    attributes: {
      ports: { type: ["list", "number"], optional: true },
      labels: { type: ["map", "string"], optional: true },
      routes: { type: ["map", ["object", { to: "string" }]], optional: true },
      targets: { type: ["list", ["object", { id: "string" }]], optional: true },
      owner: { type: ["object", { id: "string" }], optional: true },
    },
  };

  it("checks every element and value, each at its own pointer; a map's __proto__ key is left out, as zod's record leaves it out", () => {
    // JSON.parse makes `__proto__` an own key, as the checker reads files.
    const body = JSON.parse(
      '{"ports": [1, "x", "2"], "labels": {"a": true, "__proto__": 5}, "routes": {"r": {"to": 1}, "__proto__": {"to": []}}, "targets": [{"id": "a"}, {}], "owner": {"id": [], "__proto__": {"x": 1}}}',
    ) as Record<string, unknown>;
    const diagnostics = checkBlock(body, values, { file: "main.tf.json", pointer: "/resource/demo_values/v", name: "demo_values" });
    // The same as before elements were checked in a loop rather than by z.array and z.record (compared against 13fbc6d).
    expect(diagnostics.map((d) => `${d.severity} ${d.rule} ${d.pointer}: ${d.message}`)).toEqual([
      'error type-mismatch /resource/demo_values/v/ports/1: Inappropriate value for "ports": a number is required, got the string "x"',
      'warning type-mismatch /resource/demo_values/v/ports/2: elements of "ports" are numbers: Terraform converts the string "2" to 2',
      'warning type-mismatch /resource/demo_values/v/labels/a: elements of "labels" are strings: Terraform converts the bool true to "true"',
      'warning type-mismatch /resource/demo_values/v/routes/r/to: "routes.to" is a string argument: Terraform converts the number 1 to "1"',
      'error missing-argument /resource/demo_values/v/targets/1: Inappropriate value for attribute "targets": element 1: attribute "id" is required',
      'error type-mismatch /resource/demo_values/v/owner/id: Inappropriate value for "owner.id": a string is required, got an array',
    ]);
  });
  it("reads an object value without a __proto__ key, as zod's record did (JSON.parse makes it an own key)", () => {
    // A computed key: `__proto__:` in a literal would set the prototype instead.
    const proto: SchemaBlock = { attributes: { o: { type: ["object", { ["__proto__"]: "number", id: "string" }], optional: true } } };
    const body = JSON.parse('{"o": {"__proto__": 1, "id": "x"}}') as Record<string, unknown>;
    const diagnostics = checkBlock(body, proto, { file: "main.tf.json", pointer: "/resource/demo_values/v", name: "demo_values" });
    expect(diagnostics.map((d) => `${d.rule} ${d.pointer}: ${d.message}`)).toEqual([
      'missing-argument /resource/demo_values/v/o: Inappropriate value for attribute "o": attribute "__proto__" is required',
    ]);
  });

  it("takes a hole in an array given through the API as undefined, as zod's array did", () => {
    const diagnostics = checkBlock({ targets: [, { id: 1 }] }, values, { file: "main.tf.json", pointer: "/resource/demo_values/v", name: "demo_values" });
    expect(diagnostics.map((d) => `${d.severity} ${d.rule} ${d.pointer}`)).toEqual(["warning type-mismatch /resource/demo_values/v/targets/1/id"]);
  });
});

describe("attributes as blocks (Terraform's blocktoattr)", () => {
  // aws_default_security_group.ingress: a legacy-SDK attribute of type set(object).
  const securityGroup: SchemaBlock = {
    attributes: {
      ingress: {
        type: ["set", ["object", { from_port: "number", to_port: "number", protocol: "string", description: "string" }]],
        optional: true,
        computed: true,
      },
      arn: { type: ["list", ["object", { id: "string" }]], computed: true },
    },
  };
  const at = { file: "main.tf.json", pointer: "/resource/aws_default_security_group/this", name: "aws_default_security_group" };

  // Terraform 1.11.4's verdicts, recorded in test/conformance/regressions.test.ts.
  it("reads a plain property as the attribute: every object needs every field, null leaves one unset", () => {
    const rows = (body: object) => checkBlock(body, securityGroup, at).map((d) => `${d.rule} ${d.pointer}: ${d.message}`);
    expect(rows({ ingress: [{ from_port: 0, to_port: 0, protocol: "-1", description: null }] })).toEqual([]);
    expect(rows({ ingress: [{ from_port: 0, to_port: 0, protocol: "-1", description: "x" }, { from_port: 0 }] })).toEqual([
      'missing-argument /resource/aws_default_security_group/this/ingress/1: Inappropriate value for attribute "ingress": element 1: attributes "description", "protocol", and "to_port" are required',
    ]);
  });

  it("reads dynamic blocks as blocks, whose fields are optional", () => {
    const body = { dynamic: { ingress: { for_each: "${var.rules}", content: { from_port: "${ingress.value.port}", description: "x" } } } };
    expect(checkBlock(body, securityGroup, at)).toEqual([]);
  });

  it("rejects dynamic blocks next to the plain property, which makes the name an attribute", () => {
    const body = {
      ingress: [{ from_port: 0, to_port: 0, protocol: "-1", description: null }],
      dynamic: { ingress: { for_each: "${var.rules}", content: { fromPort: 1 } } },
    };
    expect(checkBlock(body, securityGroup, at).map((d) => `${d.rule} ${d.pointer}`)).toEqual(["block-shape /resource/aws_default_security_group/this/dynamic/ingress"]);
  });

  it("still checks field names and types inside both forms", () => {
    expect(checkBlock({ ingress: [{ from_port: "any", to_port: 0, protocol: "-1", description: null }] }, securityGroup, at).map((d) => `${d.rule} ${d.pointer}`)).toEqual([
      "type-mismatch /resource/aws_default_security_group/this/ingress/0/from_port",
    ]);
    expect(checkBlock({ dynamic: { ingress: { for_each: [1], content: { fromPort: 1 } } } }, securityGroup, at).map((d) => `${d.rule} ${d.pointer} ${d.suggestions}`)).toEqual([
      "unknown-argument /resource/aws_default_security_group/this/dynamic/ingress/content/fromPort from_port",
    ]);
  });

  it("does not apply to computed-only attributes", () => {
    expect(checkBlock({ dynamic: { arn: { for_each: [], content: {} } } }, securityGroup, at).map((d) => d.rule)).toEqual(["unknown-argument"]);
  });
});
