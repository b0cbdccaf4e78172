/**
 * Routing a JSON value by its kind. Terraform accepts several shapes in many places (a block is
 * an object or an array of objects; any attribute may be an expression string), so a validator
 * first decides whether the kind is acceptable at all (reporting our own finding when not), then
 * runs the validator for that kind, if any. (A zod union of the kinds did the same, but compiled
 * and ran a schema per kind, and reported every other kind's failure besides.)
 */
import { ExactNumber } from "../core/exact-number.js";
import type { z } from "../zod.js";
import { type Finding, type Validator, addFinding, custom, forward } from "./findings.js";

export type JsonKind = "null" | "string" | "number" | "bool" | "array" | "object";

export function kindOf(value: unknown): JsonKind {
  if (value === null) return "null";
  if (value instanceof ExactNumber) return "number";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "bool";
    default:
      return "object";
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof ExactNumber);
}

/**
 * `routes` gives the validator for each accepted kind (`true`: any value of that kind). `reject`
 * is asked about every value whose kind has no route, and about every string (whether a string
 * is acceptable depends on what it says: an expression is, a literal may not be); it returns the
 * finding to report, or undefined to accept. Absent values (`undefined`) always pass.
 */
export function byKind(
  routes: Partial<Record<JsonKind, Validator | true>>,
  reject: (value: unknown) => Finding | undefined,
): z.ZodType {
  return custom((value, payload) => {
    const route = routes[kindOf(value)];
    if (typeof value === "string" || route === undefined) {
      const finding = reject(value);
      if (finding) return addFinding(payload, { ...finding, path: [] });
    }
    if (route === undefined || route === true) return;
    forward(payload, route, value, []);
  });
}
