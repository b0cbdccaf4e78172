/**
 * Suppressions sit between checking and reporting: document + schema → diagnostics →
 * suppression → report. A diagnostic that a suppression selects (same rule, matching address)
 * is dropped and counted as `suppressed`; a suppression that selected nothing becomes an
 * `unused-suppression` warning at the place it is written, so stale ones do not pile up.
 */
import type { Diagnostic } from "../core/diagnostic.js";
import { type CheckResult, summarize } from "../check/files.js";
import type { Suppression } from "./load.js";

export function applySuppressions(result: CheckResult, suppressions: readonly Suppression[]): CheckResult {
  const used = new Set<Suppression>();
  const kept = suppress(result.diagnostics, suppressions, used);
  const diagnostics = [...kept, ...unusedSuppressions(suppressions, used)];
  const { files, resources } = result.summary;
  return {
    ...result,
    diagnostics,
    summary: { ...result.summary, ...summarize(diagnostics, files, resources), suppressed: result.diagnostics.length - kept.length },
  };
}

/**
 * The diagnostics that no suppression selects; each suppression that selected one is added to
 * `used`. For checks in parts (synth checks stack by stack), the same `used` across the parts.
 */
export function suppress(diagnostics: readonly Diagnostic[], suppressions: readonly Suppression[], used: Set<Suppression>): Diagnostic[] {
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const matching = suppressions.filter((s) => s.rule === d.rule && s.matches(d));
    if (matching.length === 0) kept.push(d);
    for (const s of matching) used.add(s);
  }
  return kept;
}

/** An `unused-suppression` warning for each suppression not in `used`. */
export function unusedSuppressions(suppressions: readonly Suppression[], used: ReadonlySet<Suppression>): Diagnostic[] {
  return suppressions.filter((s) => !used.has(s)).map(unusedSuppression);
}

function unusedSuppression(s: Suppression): Diagnostic {
  const selects = s.address === undefined ? "anywhere" : `at "${s.address}"`;
  return {
    severity: "warning",
    rule: "unused-suppression",
    file: s.file,
    pointer: s.pointer,
    message: `Unused suppression: no ${s.rule} finding ${selects}`,
    detail: `It was added because: ${s.reason.replace(/[.\s]+$/, "")}. Remove it, or correct its rule or address, so that it cannot hide a new finding later.`,
    suggestions: [],
    line: s.line,
    column: s.column,
  };
}
