import { describe, expect, it } from "vitest";
import { type JsonPrimitive, type PrimitiveType, convertPrimitive, describeType, formatNumber } from "../../src/validators/conversion.js";
import { PRIMITIVE_CONVERSIONS } from "./conversion-table.js";

describe("convertPrimitive follows Terraform's conversions (table verified with terraform console)", () => {
  for (const row of PRIMITIVE_CONVERSIONS) {
    it(`${JSON.stringify(row.value)} as ${row.type}`, () => {
      const result = convertPrimitive(row.value as JsonPrimitive, row.type as PrimitiveType);
      if ("exact" in row.outcome) expect(result).toEqual({ kind: "exact" });
      else if ("converted" in row.outcome) expect(result).toEqual({ kind: "converted", to: row.outcome.converted });
      else expect(result.kind).toBe("rejected");
    });
  }

  it("explains why a string is not a bool, like Terraform does", () => {
    expect(convertPrimitive("True", "bool")).toEqual({
      kind: "rejected",
      reason: 'to convert from string, use lowercase "true"',
      suggestion: true,
    });
    expect(convertPrimitive("yes", "bool")).toEqual({
      kind: "rejected",
      reason: 'only the strings "true", "false", "1" and "0" convert to a bool, not "yes"',
    });
  });
});

describe("describing types and numbers in Terraform's words", () => {
  it("names collection types by their element type", () => {
    expect(describeType(["set", "string"])).toBe("set of string");
    expect(describeType(["map", ["list", "number"]])).toBe("map of list of number");
    expect(describeType(["object", { a: "string" }])).toBe("object");
  });

  it("prints numbers without exponents, as Terraform converts them to strings", () => {
    expect(formatNumber(1e21)).toBe("1000000000000000000000");
    expect(formatNumber(5.5)).toBe("5.5");
    expect(formatNumber(-0.25)).toBe("-0.25");
  });
});
