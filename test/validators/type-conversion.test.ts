/**
 * Type-to-type conversion verdicts (cty's rules, as Terraform applies them to a referenced value):
 * always, maybe (the value decides), never. terraform validate 1.11.4 agrees where it can tell:
 * given typed input variables (unknown values of their type), it fails with "Inappropriate value
 * for attribute" exactly on the "never" pairs (checked with `npm run conformance -- --cases` on a
 * variable of each first type set where the second is needed; the suites judge list(string) where
 * a string is needed on every case that mutates so).
 */
import { describe, expect, it } from "vitest";
import type { CtyType } from "../../src/schema/format.js";
import { convertibility } from "../../src/validators/type-conversion.js";

const cases: [CtyType, CtyType, "always" | "maybe" | "never"][] = [
  ["string", "string", "always"],
  ["number", "string", "always"],
  ["bool", "string", "always"],
  ["string", "number", "maybe"],
  ["string", "bool", "maybe"],
  ["bool", "number", "never"],
  ["number", "bool", "never"],
  [["list", "string"], "string", "never"],
  ["string", ["set", "string"], "never"],
  [["list", "string"], ["set", "string"], "always"],
  [["set", "number"], ["list", "string"], "always"],
  [["list", "string"], ["list", "number"], "maybe"],
  [["tuple", ["string", "number"]], ["list", "string"], "always"],
  [["tuple", ["string", "bool"]], ["list", "number"], "never"],
  [["object", { a: "string", b: "number" }], ["map", "string"], "always"],
  [["map", "string"], ["object", { a: "string" }], "maybe"],
  [["object", { a: "string", extra: "bool" }], ["object", { a: "string" }], "always"],
  [["object", { a: "string" }], ["object", { a: "string", b: "number" }], "never"],
  [["object", { a: "string" }], ["object", { a: "string", b: "number" }, ["b"]], "always"],
  [["map", "string"], ["list", "string"], "never"],
  ["dynamic", "number", "always"],
  [["list", "string"], "dynamic", "always"],
];

describe("convertibility", () => {
  it.each(cases)("%j to %j: %s", (from, to, verdict) => {
    expect(convertibility(from, to)).toBe(verdict);
  });
});
