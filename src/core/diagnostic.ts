/**
 * A finding, shaped like Terraform's own diagnostics: a severity, a one-line summary, an
 * optional detail, and an exact location in the file as written (an RFC 6901 JSON Pointer).
 * Everything that checks something (resources, the terraform block, backends) produces these;
 * everything that reports (pretty, json, sarif, github) consumes them.
 */
export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. `unknown-argument`; see rules.ts. */
  rule: string;
  /** The file as the user named it (relative paths stay relative). */
  file: string;
  /** RFC 6901 pointer into the file as written. */
  pointer: string;
  /** Terraform address when the finding belongs to one, e.g. `aws_elasticache_subnet_group.sg`. */
  address?: string;
  /** One line, like Terraform's diagnostic summary. */
  message: string;
  /** Longer explanation (why, what Terraform will do). */
  detail?: string;
  /** Concrete replacements, best first (argument names, values). */
  suggestions: string[];
  /** cdktf construct path from the `//` metadata, when present. */
  constructPath?: string;
  /** 1-based line and column of `pointer` in the file, when it was checked from its text. */
  line?: number;
  column?: number;
  /**
   * Where the app's own code made the value (a TypeScript/JavaScript app under `SchemaCheck`):
   * the `addOverride` call that set it, else the line that created its construct. Absent for
   * output of other languages, which keep the construct path and the position in the file.
   */
  source?: SourceLocation;
}

/** A place in a source file: 1-based line and column, as editors and stack traces count them. */
export interface SourceLocation {
  /** Relative to the working directory when the file is below it, otherwise absolute. */
  file: string;
  line: number;
  column: number;
}

/** `main.ts:14:6`, as compilers print places. */
export function formatSourceLocation(source: SourceLocation): string {
  return `${source.file}:${source.line}:${source.column}`;
}

/** The fix as a person would say it: "did you mean `name`?", "add `rule`", "write `"true"`". */
export function describeFix(d: Diagnostic): string | undefined {
  if (d.suggestions.length === 0) return undefined;
  const names = d.suggestions.map((s) => `\`${s}\``).join(" or ");
  switch (d.rule) {
    case "unknown-argument":
    case "unknown-type":
    case "unknown-function":
    case "invalid-reference":
      return `did you mean ${names}?`;
    case "missing-argument":
      return `add ${names}`;
    case "deprecated":
      return `use ${names} instead`;
    default:
      return `write ${names}`;
  }
}
