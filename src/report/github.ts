/**
 * `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
 * annotations on the run and on the pull request's diff:
 *
 *   ::error file=main.ts,line=14,col=6,title=unknown-argument::Unsupported argument …
 *
 * then the summary line as plain log output. A finding lands on the app's line that made the
 * value when SchemaCheck recorded it (cdktf.out is not committed, so annotations on it would
 * show on no diff), and its message names the place in the synthesized file; otherwise it lands
 * on that place. Control characters from the input are escaped first (escape.ts), so only the
 * lines the message is made of are lines; then the command's own escaping, as @actions/core
 * does it: in the message `%`, CR and LF; in property values also `:` and `,`.
 */
import path from "node:path";
import { type Diagnostic, describeFix } from "../core/diagnostic.js";
import type { CheckResult } from "../check/files.js";
import { pathBelow, type ReportBase, reportBase } from "../core/paths.js";
import { escapeControl } from "./escape.js";
import { formatSummary } from "./pretty.js";

export interface GithubOptions {
  /** File paths are relative to this directory and made relative to it; by default the workspace (`GITHUB_WORKSPACE` in GitHub Actions), else the process's working directory. */
  cwd?: string;
}

export function formatGithub(result: CheckResult, options: GithubOptions = {}): string {
  const base = reportBase(options.cwd);
  const lines = result.diagnostics.map((d) => annotation(d, base));
  lines.push(`cdktf-schema-check: ${formatSummary(result.summary)}`);
  return lines.join("\n") + "\n";
}

function annotation(d: Diagnostic, base: ReportBase): string {
  const generated = `${workspacePath(d.file, base)}${d.line !== undefined ? `:${d.line}:${d.column}` : ""}`;
  const at = d.source ?? { file: d.file, line: d.line, column: d.column };
  const properties: [string, string | number | undefined][] = [
    ["file", workspacePath(at.file, base)],
    ["line", at.line],
    ["col", at.line !== undefined ? at.column : undefined],
    ["title", d.rule],
  ];
  const fix = describeFix(d);
  const message = [
    d.message,
    d.detail,
    fix ? `Fix: ${fix}` : undefined,
    d.source ? `At ${d.pointer} in ${generated}` : undefined,
  ].filter((line) => line !== undefined);
  const props = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(escapeControl(String(value)))}`)
    .join(",");
  return `::${d.severity} ${props}::${escapeData(message.map(escapeControl).join("\n"))}`;
}

/** Relative to the workspace with `/` separators when the file is inside it, as GitHub expects. */
function workspacePath(file: string, base: ReportBase): string {
  const relative = pathBelow(base.root, file, base.from);
  return relative === undefined ? path.resolve(base.from, file) : relative.split(path.sep).join("/");
}

/** A workflow command's message (`escapeData` in @actions/core). */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value (`escapeProperty` in @actions/core). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
