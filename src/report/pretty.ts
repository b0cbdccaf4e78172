/**
 * Human output, grouped by file and then by resource, each finding with its line and column,
 * rule, detail, fix, the line of the app's code that made the value (when SchemaCheck recorded
 * it), and a summary line. Colour is the caller's decision (`color`). Everything taken from the
 * input is shown with its control characters escaped (escape.ts).
 */
import { styleText } from "node:util";
import { describeFix, formatSourceLocation } from "../core/diagnostic.js";
import type { CheckResult, CheckSummary } from "../check/files.js";
import { escapeControl } from "./escape.js";

export interface PrettyOptions {
  color: boolean;
}

type Style = Parameters<typeof styleText>[0];

export function formatPretty(result: CheckResult, options: PrettyOptions): string {
  // The caller has decided about colour (TTY, NO_COLOR); styleText must not second-guess it.
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const lines: string[] = [];
  for (const [file, inFile] of groupBy(result.diagnostics, (d) => d.file)) {
    lines.push(paint("underline", escapeControl(file)));
    for (const [address, inGroup] of groupBy(inFile, (d) => d.address ?? "")) {
      const constructPath = inGroup.find((d) => d.constructPath)?.constructPath;
      if (address) lines.push(`  ${paint("bold", escapeControl(address))}${constructPath ? paint("dim", `  (${escapeControl(constructPath)})`) : ""}`);
      const indent = address ? "    " : "  ";
      for (const d of inGroup) {
        const where = d.line !== undefined ? `${d.line}:${d.column}` : escapeControl(d.pointer) || "/";
        const severity = d.severity === "error" ? paint("red", "error  ") : paint("yellow", "warning");
        lines.push(`${indent}${paint("dim", where.padEnd(7))} ${severity} ${escapeControl(d.message)}  ${paint("dim", d.rule)}`);
        const more = `${indent}${" ".repeat(16)}`;
        if (d.line !== undefined) lines.push(`${more}${paint("dim", `at ${escapeControl(d.pointer)}`)}`);
        if (d.source) lines.push(`${more}source: ${paint("bold", escapeControl(formatSourceLocation(d.source)))}`);
        if (d.detail) lines.push(`${more}${escapeControl(d.detail)}`);
        const fix = describeFix(d);
        if (fix) lines.push(`${more}${paint("green", `fix: ${escapeControl(fix)}`)}`);
      }
    }
    lines.push("");
  }
  lines.push(summaryLine(result.summary, paint));
  lines.push(...checkedAgainstLines(result).map((line) => paint("dim", line)));
  return lines.join("\n") + "\n";
}

/** Which schemas decided the findings, and why those: shown whenever a provider schema was used. */
export function checkedAgainstLines(result: CheckResult): string[] {
  const against = result.checkedAgainst;
  if (!against || against.providers.length === 0) return [];
  const { terraform } = against;
  return [
    "Checked against:",
    ...against.providers.map((p) => escapeControl(`  ${p.address} ${p.version} (schema from ${p.from}): ${p.reason}`)),
    // Absent when no terraform block needed a release (then none was asked for).
    ...(terraform
      ? [escapeControl(`  Terraform ${terraform.version} (${terraform.source}) for the terraform block${terraform.release === terraform.version ? "" : `, with the backend schemas of ${terraform.release}`}`)]
      : []),
  ];
}

/** The closing line without colour, e.g. `3 errors, 2 warnings, 1 suppressed (1 file, 3 resources).` */
export function formatSummary(summary: CheckSummary): string {
  return summaryLine(summary, (_, text) => text);
}

function summaryLine(summary: CheckSummary, paint: (style: Style, text: string) => string): string {
  const counted = `${plural(summary.files, "file")}, ${plural(summary.resources, "resource")}`;
  const suppressed = summary.suppressed ? `${summary.suppressed} suppressed` : "";
  if (summary.errors === 0 && summary.warnings === 0) {
    return paint("green", `No problems found (${counted}${suppressed ? `; ${suppressed}` : ""}).`);
  }
  const found = `${plural(summary.errors, "error")}, ${plural(summary.warnings, "warning")}`;
  return `${paint(summary.errors > 0 ? "red" : "yellow", found)}${suppressed ? `, ${suppressed}` : ""} (${counted}).`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
