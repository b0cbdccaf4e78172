/** Variables' type constraints read back into cty types, as Terraform's typeexpr reads them. */
import { describe, expect, it } from "vitest";
import { parseTypeConstraint, typeExpression } from "../../src/schema/type-expression.js";

describe("parseTypeConstraint", () => {
  it("reads keywords and constructor calls, optional attributes and their defaults included", () => {
    expect(parseTypeConstraint("string")).toBe("string");
    expect(parseTypeConstraint("any")).toBe("dynamic");
    expect(parseTypeConstraint("list(map(number))")).toEqual(["list", ["map", "number"]]);
    expect(parseTypeConstraint('map(object({\n  name = string\n  port = optional(number, 80)\n  tags = optional(map(string), {})\n}))')).toEqual([
      "map",
      ["object", { name: "string", port: "number", tags: ["map", "string"] }, ["port", "tags"]],
    ]);
    expect(parseTypeConstraint("tuple([string, bool])")).toEqual(["tuple", ["string", "bool"]]);
    expect(parseTypeConstraint("set(any)")).toEqual(["set", "dynamic"]);
  });

  it("round-trips what typeExpression writes", () => {
    for (const text of ["string", "list(string)", "map(set(number))", "object({a=string, b=optional(bool)})", "tuple([string, number])"]) {
      expect(typeExpression(parseTypeConstraint(text)!)).toBe(text);
    }
  });

  it("knows nothing of what is no type constraint (Terraform rejects it: Invalid type specification)", () => {
    for (const text of ["${string}", "str", "list(strng)", "list(string, number)", "object(string)", "list", ""]) {
      expect(parseTypeConstraint(text), text).toBeUndefined();
    }
  });
});
