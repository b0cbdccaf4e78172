/**
 * Routing a JSON value by its kind. Terraform accepts several shapes in many places (a block is
 * an object or an array of objects; any attribute may be an expression string), and a plain zod
 * union would report the failures of every branch. So a guard decides first whether the kind is
 * acceptable at all (reporting our own finding when not), and the union only ever has one branch
 * that matches the kind; the checker keeps that branch's issues (see `zod-issues.ts`).
 */
import { ExactNumber, isJsonNumber } from "../core/exact-number.js";
import { z } from "../zod.js";
import { type Finding, addFinding } from "./findings.js";

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

const BASE: Record<JsonKind, z.ZodType> = {
  null: z.null(),
  string: z.string(),
  number: z.custom(isJsonNumber),
  bool: z.boolean(),
  array: z.array(z.unknown()),
  object: z.record(z.string(), z.unknown()),
};

/**
 * `routes` gives the schema for each accepted kind (`true`: any value of that kind). `reject`
 * is asked about every value whose kind has no route, and about every string (whether a string
 * is acceptable depends on what it says: an expression is, a literal may not be); it returns the
 * finding to report, or undefined to accept. Absent values (`undefined`) always pass.
 */
export function byKind(
  routes: Partial<Record<JsonKind, z.ZodType | true>>,
  reject: (value: unknown) => Finding | undefined,
): z.ZodType {
  const guard = z.unknown().check((payload) => {
    const value = payload.value;
    if (value === undefined) return;
    if (typeof value !== "string" && routes[kindOf(value)] !== undefined) return;
    const finding = reject(value);
    if (finding) addFinding(payload, { ...finding, path: [] });
  });
  const branches = Object.entries(routes).map(([kind, schema]) => (schema === true ? BASE[kind as JsonKind] : schema));
  return guard.pipe(z.union([z.undefined(), ...branches]));
}
