/**
 * Terraform's implicit conversions between primitive values (cty's `convert` package), as
 * `terraform console` on Terraform 1.11.4 shows them:
 *  - bool and number convert to string (`true` → "true", `5.50` → "5.5");
 *  - a string converts to bool only when it is exactly "true", "false", "1" or "0";
 *  - a string converts to number only when it is a decimal number ("1e3", "+5", ".5"; not "0x10",
 *    " 5", "1_000", "NaN");
 *  - bool never converts to number, nor number to bool.
 */
import { ExactNumber, isFaithfulDouble, isJsonNumber, isJsonNumberText, plainDecimal } from "../core/exact-number.js";
import type { CtyType } from "../schema/format.js";

export type PrimitiveType = "string" | "number" | "bool";
/** A number a double cannot hold (`1e400`) comes as an ExactNumber. */
export type JsonPrimitive = string | number | boolean | ExactNumber;

export type Conversion =
  | { readonly kind: "exact" }
  | { readonly kind: "converted"; readonly to: JsonPrimitive }
  | { readonly kind: "rejected"; readonly reason: string; readonly suggestion?: JsonPrimitive };

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOL_STRINGS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false };

/** One object for every exact value: most values are, and a check converts one per primitive argument. */
const EXACT: Conversion = Object.freeze({ kind: "exact" });

export function convertPrimitive(value: JsonPrimitive, type: PrimitiveType): Conversion {
  if (typeof value === type || (type === "bool" && typeof value === "boolean") || (type === "number" && value instanceof ExactNumber)) return EXACT;
  switch (type) {
    case "string":
      return { kind: "converted", to: isJsonNumber(value) ? formatNumber(value) : String(value) };
    case "number":
      if (typeof value === "boolean") return { kind: "rejected", reason: "Terraform never converts a bool to a number" };
      if (DECIMAL.test(value as string)) return { kind: "converted", to: decimalNumber(value as string) };
      return { kind: "rejected", reason: `the string ${JSON.stringify(value)} is not a decimal number` };
    case "bool":
      if (isJsonNumber(value)) {
        return {
          kind: "rejected",
          reason: "Terraform never converts a number to a bool",
          ...(value === 1 || value === 0 ? { suggestion: value === 1 } : {}),
        };
      }
      if (Object.hasOwn(BOOL_STRINGS, value as string)) return { kind: "converted", to: BOOL_STRINGS[value as string]! };
      if (Object.hasOwn(BOOL_STRINGS, (value as string).toLowerCase())) {
        return {
          kind: "rejected",
          reason: `to convert from string, use lowercase ${JSON.stringify((value as string).toLowerCase())}`,
          suggestion: BOOL_STRINGS[(value as string).toLowerCase()]!,
        };
      }
      return {
        kind: "rejected",
        reason: `only the strings "true", "false", "1" and "0" convert to a bool, not ${JSON.stringify(value)}`,
      };
  }
}

/** The number a decimal string means, exactly, as JSON writes it (`"1e400"` stays `1e400`, `"+.5"` is `0.5`). */
function decimalNumber(text: string): number | ExactNumber {
  const json = isJsonNumberText(text) ? text : plainDecimal(text.replace(/^\+/, ""));
  return isFaithfulDouble(json) ? Number(json) : new ExactNumber(json);
}

/** Numbers as Terraform prints them: exact, never in exponent notation (but for absurd exponents). */
export function formatNumber(n: number | ExactNumber): string {
  if (typeof n === "number") return Number.isFinite(n) ? plainDecimal(String(n)) : String(n);
  return plainDecimal(n.text);
}

/** A value as JSON text; numbers exactly as they are (`1e400` stays `1e400`). */
export function jsonLiteral(value: JsonPrimitive | JsonPrimitive[]): string {
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(",")}]`;
  return value instanceof ExactNumber ? value.text : JSON.stringify(value);
}

/** Terraform's words for a type: "string", "list of string", "map of object"… */
export function describeType(type: CtyType): string {
  if (typeof type === "string") return type;
  switch (type[0]) {
    case "list":
    case "set":
    case "map":
      return `${type[0]} of ${describeType(type[1] as CtyType)}`;
    case "object":
      return "object";
    case "tuple":
      return "tuple";
  }
}

/** "a string", "an object"… for the value the user wrote. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof ExactNumber) return `the number ${value.text}`;
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value)}`;
    case "number":
      return `the number ${formatNumber(value)}`;
    case "boolean":
      return `the bool ${value}`;
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

export function withArticle(words: string): string {
  return (/^[aeiou]/.test(words) ? "an " : "a ") + words;
}
