/**
 * `--format json`: exactly one object, `{"diagnostics":[…],"summary":{…}}`. Every diagnostic has
 * the same keys in the same order; `address` and `constructPath` are null when they do not apply,
 * `line`/`column` when the position is unknown, `source` (`{file, line, column}` of the app's
 * code that made the value, recorded by SchemaCheck in synth) when it was not recorded. The summary counts files, resources, errors and
 * warnings, and (from the command line, which applies the configuration's suppressions) `suppressed`.
 * `checkedAgainst` names the provider schemas and Terraform release used, and why.
 */
import type { CheckResult } from "../check/files.js";

export function formatJson(result: CheckResult): string {
  const diagnostics = result.diagnostics.map((d) => ({
    severity: d.severity,
    rule: d.rule,
    file: d.file,
    pointer: d.pointer,
    line: d.line ?? null,
    column: d.column ?? null,
    address: d.address ?? null,
    message: d.message,
    detail: d.detail ?? null,
    suggestions: d.suggestions,
    constructPath: d.constructPath ?? null,
    source: d.source ?? null,
  }));
  return JSON.stringify({ diagnostics, summary: result.summary, checkedAgainst: result.checkedAgainst ?? null }, null, 2) + "\n";
}
