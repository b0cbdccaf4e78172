/**
 * `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
 * annotations on the run and on the pull request's diff:
 *
 *   ::error file=cdktf.out/stacks/app/cdk.tf.json,line=12,col=9,title=unknown-argument::Unsupported argument …
 *
 * then the summary line as plain log output. Escaping follows @actions/core: in the message
 * `%`, CR and LF; in property values also `:` and `,`.
 */
import path from "node:path";
import { type Diagnostic, describeFix } from "../core/diagnostic.js";
import type { CheckResult } from "../check/files.js";
import { formatSummary } from "./pretty.js";

export interface GithubOptions {
  /** File paths are made relative to this directory (the workspace); the process's by default. */
  cwd?: string;
}

export function formatGithub(result: CheckResult, options: GithubOptions = {}): string {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const lines = result.diagnostics.map((d) => annotation(d, cwd));
  lines.push(`cdktf-schema-check: ${formatSummary(result.summary)}`);
  return lines.join("\n") + "\n";
}

function annotation(d: Diagnostic, cwd: string): string {
  const properties: [string, string | number | undefined][] = [
    ["file", workspacePath(d.file, cwd)],
    ["line", d.line],
    ["col", d.line !== undefined ? d.column : undefined],
    ["title", d.rule],
  ];
  const fix = describeFix(d);
  const message = [d.message, d.detail, fix ? `Fix: ${fix}` : undefined].filter((line) => line !== undefined).join("\n");
  const props = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${d.severity} ${props}::${escapeData(message)}`;
}

/** Relative to the workspace with `/` separators when the file is inside it, as GitHub expects. */
function workspacePath(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return absolute;
  return relative.split(path.sep).join("/");
}

/** A workflow command's message (`escapeData` in @actions/core). */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value (`escapeProperty` in @actions/core). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
