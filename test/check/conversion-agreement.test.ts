/**
 * The checker against the conversion table (itself verified with terraform console): where
 * Terraform keeps the value, nothing; where it converts, warnings only; where it refuses, an error.
 */
import { describe, expect, it } from "vitest";
import { checkBlock } from "../../src/check/block.js";
import { COLLECTION_CONVERSIONS, CTY_TYPES, PRIMITIVE_CONVERSIONS } from "../validators/conversion-table.js";

function check(type: string, value: unknown) {
  const block = { attributes: { v: { type: CTY_TYPES[type]!, optional: true } } };
  return checkBlock({ v: value }, block, { file: "main.tf.json", pointer: "/resource/t/x", name: "t" });
}

describe("the checker agrees with Terraform's conversions", () => {
  for (const row of [...PRIMITIVE_CONVERSIONS, ...COLLECTION_CONVERSIONS]) {
    const expected = "exact" in row.outcome ? "nothing" : "converted" in row.outcome ? "warnings" : "an error";
    it(`${JSON.stringify(row.value)} as ${row.type}: ${expected}`, () => {
      const severities = new Set(check(row.type, row.value).map((d) => d.severity));
      if (expected === "nothing") expect([...severities]).toEqual([]);
      else if (expected === "warnings") expect([...severities]).toEqual(["warning"]);
      else expect(severities.has("error")).toBe(true);
    });
  }

  it("accepts null for every type: null means unset", () => {
    for (const type of Object.keys(CTY_TYPES)) expect(check(type, null)).toEqual([]);
  });

  it("accepts an interpolation or a directive for every type: its value is unknown until plan", () => {
    for (const type of Object.keys(CTY_TYPES)) {
      expect(check(type, "${var.x}")).toEqual([]);
      expect(check(type, "%{ if var.x }a%{ endif }")).toEqual([]);
    }
  });

  it("treats escaped interpolations as the literal strings they are", () => {
    expect(check("bool", "$${var.x}").map((d) => d.message)).toEqual([
      'Inappropriate value for "v": a bool is required, got the string "$${var.x}"',
    ]);
    expect(check("list(string)", "%%{ x }").map((d) => d.severity)).toEqual(["error"]);
  });

  it("checks expressions inside collections element by element", () => {
    expect(check("list(string)", ["${var.a}", "b"])).toEqual([]);
    expect(check("map(string)", { a: "${var.a}", b: true }).map((d) => d.pointer)).toEqual(["/resource/t/x/v/b"]);
  });
});
