/**
 * Terraform's implicit conversions, as `terraform console` (Terraform 1.11.4) shows them for a
 * variable default of the given type written in JSON. `converted` is the value Terraform ends up
 * with; `rejected` means Terraform refuses the value. `terraform-console.test.ts` re-asks
 * Terraform for every row where it is installed.
 */
import type { CtyType } from "../../src/schema/format.js";

export interface ConversionRow {
  /** The type as Terraform's type constraint syntax writes it. */
  type: string;
  value: unknown;
  outcome: { exact: true } | { converted: unknown } | { rejected: true };
}

export const PRIMITIVE_CONVERSIONS: ConversionRow[] = [
  { type: "string", value: "x", outcome: { exact: true } },
  { type: "string", value: true, outcome: { converted: "true" } },
  { type: "string", value: false, outcome: { converted: "false" } },
  { type: "string", value: 5.5, outcome: { converted: "5.5" } },
  { type: "string", value: 1e21, outcome: { converted: "1000000000000000000000" } },
  { type: "string", value: 0.1, outcome: { converted: "0.1" } },
  { type: "bool", value: true, outcome: { exact: true } },
  { type: "bool", value: "true", outcome: { converted: true } },
  { type: "bool", value: "false", outcome: { converted: false } },
  { type: "bool", value: "1", outcome: { converted: true } },
  { type: "bool", value: "0", outcome: { converted: false } },
  { type: "bool", value: "True", outcome: { rejected: true } },
  { type: "bool", value: "yes", outcome: { rejected: true } },
  { type: "bool", value: 1, outcome: { rejected: true } },
  { type: "number", value: 5, outcome: { exact: true } },
  { type: "number", value: "1e3", outcome: { converted: 1000 } },
  { type: "number", value: "1E3", outcome: { converted: 1000 } },
  { type: "number", value: "+5", outcome: { converted: 5 } },
  { type: "number", value: "-5.5", outcome: { converted: -5.5 } },
  { type: "number", value: ".5", outcome: { converted: 0.5 } },
  { type: "number", value: "5.", outcome: { converted: 5 } },
  { type: "number", value: "0x10", outcome: { rejected: true } },
  { type: "number", value: " 5", outcome: { rejected: true } },
  { type: "number", value: "5 ", outcome: { rejected: true } },
  { type: "number", value: "1_000", outcome: { rejected: true } },
  { type: "number", value: "NaN", outcome: { rejected: true } },
  { type: "number", value: "Infinity", outcome: { rejected: true } },
  { type: "number", value: true, outcome: { rejected: true } },
];

/** Collections convert element-wise; a single value never becomes a collection. */
export const COLLECTION_CONVERSIONS: ConversionRow[] = [
  { type: "list(string)", value: [true, 1, "x"], outcome: { converted: ["true", "1", "x"] } },
  { type: "list(string)", value: "abc", outcome: { rejected: true } },
  { type: "list(string)", value: { a: "b" }, outcome: { rejected: true } },
  { type: "set(number)", value: ["1", "2"], outcome: { converted: [1, 2] } },
  { type: "map(string)", value: { a: true, b: 2 }, outcome: { converted: { a: "true", b: "2" } } },
  { type: "map(string)", value: ["a"], outcome: { rejected: true } },
  { type: "map(string)", value: { a: { b: 1 } }, outcome: { rejected: true } },
  { type: "string", value: { a: 1 }, outcome: { rejected: true } },
  { type: "string", value: [1], outcome: { rejected: true } },
  { type: "object({a=bool})", value: { a: "true" }, outcome: { converted: { a: true } } },
  { type: "object({a=string, b=string})", value: { a: "x" }, outcome: { rejected: true } },
  // Extra attributes are dropped by the conversion, not rejected.
  { type: "object({a=string})", value: { a: "x", b: "y" }, outcome: { converted: { a: "x" } } },
];

/** The rows' types in the cty JSON form provider schemas use. */
export const CTY_TYPES: Record<string, CtyType> = {
  string: "string",
  bool: "bool",
  number: "number",
  "list(string)": ["list", "string"],
  "set(number)": ["set", "number"],
  "map(string)": ["map", "string"],
  "object({a=bool})": ["object", { a: "bool" }],
  "object({a=string, b=string})": ["object", { a: "string", b: "string" }],
  "object({a=string})": ["object", { a: "string" }],
};
