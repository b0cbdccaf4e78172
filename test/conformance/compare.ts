/**
 * One configuration, both judges: Terraform's errors (mapped to JSON Pointers) and the checker's.
 * They agree when they name the same error locations, where a checker location inside a value
 * Terraform rejects as a whole (`element 0: string required` at the list) counts as the same.
 * When Terraform stopped at loading the configuration it reports only loading errors, so there
 * the checker agrees when it reports at least those. Where Terraform's message says "Did you mean
 * "x"?", the checker's error at that place must suggest x too. Differences that are deliberate
 * (see differences.ts) are set apart, never silently dropped.
 */
import type { Diagnostic } from "../../src/core/diagnostic.js";
import { type Finding, deliberateDifference } from "./differences.js";
import type { TerraformVerdict } from "./terraform-validate.js";

export interface Comparison {
  name: string;
  label: string;
  agree: boolean;
  stoppedEarly: boolean;
  /** Locations only one side reported, not explained by a deliberate difference. */
  onlyTerraform: Finding[];
  onlyChecker: Finding[];
  /** Differences explained by a deliberate choice, by id. */
  deliberate: (Finding & { id: string; side: "terraform" | "checker" })[];
  /** Places where Terraform suggests a name the checker's error there does not. */
  missedSuggestions: { pointer: string; terraform: string; checker: string[] }[];
}

const VALUE_TYPE_ERROR = "Incorrect attribute value type";
const SUGGESTION = /Did you mean "([^"]+)"\?/;

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer + "/");

export function compare(
  c: { name: string; label: string; text: string },
  terraform: TerraformVerdict,
  checker: readonly Diagnostic[],
): Comparison {
  const tf: (Finding & { summary: string })[] = terraform.errors.map((e) => ({ pointer: e.pointer, summary: e.summary, message: `${e.summary}: ${e.detail}` }));
  const ours: Finding[] = checker
    .filter((d) => d.severity === "error")
    .map((d) => ({ pointer: d.pointer, message: `[${d.rule}] ${d.message}${d.detail ? `: ${d.detail}` : ""}` }));
  const same = (t: (typeof tf)[number], o: Finding) => o.pointer === t.pointer || (t.summary.startsWith(VALUE_TYPE_ERROR) && within(o.pointer, t.pointer));
  const document: unknown = JSON.parse(c.text);
  const deliberate: Comparison["deliberate"] = [];
  const unexplained = (side: "terraform" | "checker") => (f: Finding) => {
    const difference = deliberateDifference(side, f, { document, terraform: tf });
    if (difference) deliberate.push({ ...f, id: difference.id, side });
    return !difference;
  };
  const onlyTerraform = dedupe(tf.filter((t) => !ours.some((o) => same(t, o)))).filter(unexplained("terraform"));
  const onlyChecker = terraform.stoppedEarly ? [] : dedupe(ours.filter((o) => !tf.some((t) => same(t, o)))).filter(unexplained("checker"));
  const missedSuggestions = missed(tf, checker);
  const agree = onlyTerraform.length === 0 && onlyChecker.length === 0 && missedSuggestions.length === 0;
  return { name: c.name, label: c.label, agree, stoppedEarly: terraform.stoppedEarly, onlyTerraform, onlyChecker, deliberate, missedSuggestions };
}

/** Terraform's "Did you mean" names that the checker's errors at the same place do not suggest. */
function missed(terraform: readonly Finding[], checker: readonly Diagnostic[]): Comparison["missedSuggestions"] {
  return terraform.flatMap((t) => {
    const name = SUGGESTION.exec(t.message)?.[1];
    const ours = checker.filter((d) => d.severity === "error" && d.pointer === t.pointer);
    if (name === undefined || ours.length === 0 || ours.some((d) => d.suggestions.includes(name))) return [];
    return [{ pointer: t.pointer, terraform: name, checker: ours.flatMap((d) => d.suggestions) }];
  });
}

/** Terraform repeats some diagnostics (once per decode pass); one per location and message. */
function dedupe<T extends Finding>(findings: T[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .map(({ pointer, message }) => ({ pointer, message }))
    .filter((f) => !seen.has(f.pointer + "\0" + f.message) && (seen.add(f.pointer + "\0" + f.message), true));
}
