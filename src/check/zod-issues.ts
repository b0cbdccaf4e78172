/**
 * zod issues → diagnostics. Validators report through custom issues carrying `FindingParams`
 * (see `validators/findings.ts`); the few issues zod raises itself get our own wording here,
 * so no zod message reaches the user.
 */
import type { z } from "../zod.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { joinPointer } from "../core/pointer.js";
import { isFindingParams } from "../validators/findings.js";

/** Where the validated value sits and what it belongs to. */
export interface IssueContext {
  file: string;
  /** Pointer of the validated value; issue paths are relative to it. */
  pointer: string;
  address?: string;
  constructPath?: string;
}

export function diagnosticsFromIssues(issues: readonly z.core.$ZodIssue[], context: IssueContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const issue of issues) {
    const located = {
      file: context.file,
      pointer: joinPointer(context.pointer, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))),
      ...(context.address !== undefined ? { address: context.address } : {}),
      ...(context.constructPath !== undefined ? { constructPath: context.constructPath } : {}),
    };
    const params = issue.code === "custom" ? issue.params : undefined;
    if (isFindingParams(params)) {
      diagnostics.push({
        severity: params.severity,
        rule: params.rule,
        ...located,
        message: issue.message,
        ...(params.detail !== undefined ? { detail: params.detail } : {}),
        suggestions: params.suggestions ?? [],
      });
    } else {
      diagnostics.push({ severity: "error", rule: "type-mismatch", ...located, message: ownWording(issue), suggestions: [] });
    }
  }
  return diagnostics;
}

function ownWording(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_small":
      return `Inappropriate value: at least ${String(issue.minimum)} elements are required`;
    case "too_big":
      return `Inappropriate value: at most ${String(issue.maximum)} elements are allowed`;
    case "invalid_type":
      return `Inappropriate value: ${issue.expected === "array" ? "an array" : `a value of type ${issue.expected}`} is required`;
    default:
      return "Inappropriate value for this argument";
  }
}
