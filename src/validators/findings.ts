/**
 * The contract between the validators and the checker: every problem a validator finds is a zod
 * custom issue whose `params` say which rule it breaks, how severe it is, and how to fix it. The
 * checker turns these into diagnostics; a zod message never reaches the user as such.
 */
import type { z } from "../zod.js";
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
