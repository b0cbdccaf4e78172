/**
 * The contract between the validators and the checker: every problem a validator finds is a zod
 * custom issue whose `params` say which rule it breaks, how severe it is, and how to fix it. The
 * checker turns these into diagnostics; a zod message never reaches the user as such. Validators
 * written as code record them (and the issues of the validators they call) with the helpers here.
 */
import { z } from "../zod.js";
import type { Severity } from "../core/diagnostic.js";
import type { RuleId } from "../core/rules.js";
import type { PathSegment } from "../core/pointer.js";

export interface FindingParams {
  rule: RuleId;
  severity: Severity;
  detail?: string;
  suggestions?: string[];
}

export interface Finding extends FindingParams {
  message: string;
  /** Relative to the value being checked; empty for the value itself. */
  path?: PathSegment[];
}

export function isFindingParams(params: unknown): params is FindingParams {
  return typeof params === "object" && params !== null && "rule" in params && "severity" in params;
}

/** Records a finding on the value a zod check is looking at. */
export function addFinding(payload: z.core.ParsePayload, finding: Finding): void {
  const { message, path, ...params } = finding;
  payload.issues.push({ code: "custom", message, input: payload.value, path: path ?? [], params, continue: true });
}

export type Payload = z.core.ParsePayload;

/**
 * What validators written as code refine: one schema, made once (zod schemas are immutable). A
 * check makes thousands of validators, and making this base each time was half the cost of each.
 */
export const ANY_VALUE = z.unknown();

/** A validator written as code: `run` records findings (and nested validators' issues) itself. */
export function custom(run: (value: unknown, payload: Payload) => void): z.ZodType {
  return ANY_VALUE.check((payload) => {
    if (payload.value !== undefined) run(payload.value, payload);
  });
}

/**
 * What a body runs on a member's value (and a collection on its elements, byKind on a value of a
 * kind it routes): a zod schema, or the check a zod schema made of a check would run
 * (`ANY_VALUE.check(run)`), called as it is. Primitive arguments are most members, and a zod
 * schema costs more to make (about 10 µs) than a check of a few values costs to run: a check of
 * 240 types made over a thousand of them, once per argument name.
 */
export type Validator = z.ZodType | ValueCheck;
export type ValueCheck = (payload: Payload) => void;

/** The context of a synchronous run, shared: zod only reads it. */
const SYNC = { async: false } as const;

/**
 * Runs `schema` on `value` as a zod schema runs the schemas inside it: no safeParse per value
 * (most values pass), the raw issues (finalized once, by the parse that started it all).
 */
function runSchema(schema: Validator, value: unknown): z.core.$ZodRawIssue[] {
  if (typeof schema === "function") {
    const payload: Payload = { value, issues: [] };
    schema(payload);
    return payload.issues;
  }
  return (schema._zod.run({ value, issues: [] }, SYNC) as Payload).issues;
}

/**
 * Validates `value` with `schema` and records its issues on `payload`, below `at` (a path, or one
 * segment: a body's member, which is most calls, and most values have no issues to place).
 */
export function forward(payload: Payload, schema: Validator, value: unknown, at: PathSegment | readonly PathSegment[]): void {
  const issues = runSchema(schema, value) as { path?: PropertyKey[] }[];
  if (issues.length === 0) return;
  const path = Array.isArray(at) ? at : [at];
  for (const issue of issues) {
    issue.path = issue.path ? [...path, ...issue.path] : [...path];
    payload.issues.push(issue as z.core.$ZodRawIssue);
  }
}
