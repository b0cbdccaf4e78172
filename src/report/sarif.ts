/**
 * `--format sarif`: one SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) with one
 * run, for GitHub code scanning and other SARIF viewers. The driver lists every rule in RULES with
 * its help text (rule-docs.ts); each diagnostic is one result whose location is the app's line
 * that made the value when SchemaCheck recorded it (code scanning shows alerts on committed
 * files, and cdktf.out is not committed), with the place in the synthesized file as a related
 * location; otherwise the place in the file itself. Files are relative to the working directory,
 * under `%SRCROOT%`; the Terraform address and the cdktf construct path are logical locations.
 */
import { nodeCrypto } from "../core/builtins.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Diagnostic, describeFix } from "../core/diagnostic.js";
import { pathBelow, type ReportBase, reportBase } from "../core/paths.js";
import type { CheckResult } from "../check/files.js";
import { RULE_DOCS, ruleHelp } from "../core/rule-docs.js";
import { RULES, type RuleId } from "../core/rules.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const INFORMATION_URI = "https://www.npmjs.com/package/cdktf-schema-check";
const SRCROOT = "%SRCROOT%";

export interface SarifOptions {
  /** Paths are relative to this directory and made relative to it (`%SRCROOT%`); by default the workspace (`GITHUB_WORKSPACE` in GitHub Actions), else the process's working directory. */
  cwd?: string;
  /** The tool version to report; this package's by default. */
  toolVersion?: string;
}

export function formatSarif(result: CheckResult, options: SarifOptions = {}): string {
  const base = reportBase(options.cwd);
  const ruleIds = Object.keys(RULES) as RuleId[];
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "cdktf-schema-check",
            version: options.toolVersion ?? packageVersion(),
            informationUri: INFORMATION_URI,
            rules: ruleIds.map(describeRule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(base.root) } },
        columnKind: "utf16CodeUnits",
        results: result.diagnostics.map((d) => toResult(d, ruleIds.indexOf(d.rule as RuleId), base)),
        // Which provider schemas and Terraform release the files were checked against, and why.
        ...(result.checkedAgainst ? { properties: { checkedAgainst: result.checkedAgainst } } : {}),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

function describeRule(id: RuleId) {
  const doc = RULE_DOCS[id];
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: RULES[id] },
    fullDescription: { text: doc.help },
    help: ruleHelp(id),
    defaultConfiguration: { level: doc.severity },
  };
}

function toResult(d: Diagnostic, ruleIndex: number, base: ReportBase) {
  const fix = describeFix(d);
  // First line: the message and the fix ("… — did you mean `name`?"); viewers show it as the summary.
  const text = [fix ? `${d.message} — ${fix}` : d.message, d.detail].filter((line) => line !== undefined).join("\n");
  const logicalLocations = [
    ...(d.address ? [{ name: d.address.split(".").pop(), fullyQualifiedName: d.address, kind: "resource" }] : []),
    ...(d.constructPath ? [{ name: d.constructPath.split("/").pop(), fullyQualifiedName: d.constructPath, kind: "object" }] : []),
  ];
  const artifactLocation = artifactLocationOf(d.file, base);
  const generated = { artifactLocation, ...region(d) };
  return {
    ruleId: d.rule,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: d.severity,
    message: { text },
    locations: [
      {
        physicalLocation: d.source ? { artifactLocation: artifactLocationOf(d.source.file, base), ...region(d.source) } : generated,
        ...(logicalLocations.length > 0 ? { logicalLocations } : {}),
      },
    ],
    ...(d.source
      ? { relatedLocations: [{ id: 1, physicalLocation: generated, message: { text: `The synthesized value: ${d.pointer || "/"} in ${path.basename(d.file)}` } }] }
      : {}),
    // Stable across edits that move lines: the same finding at the same place is the same alert.
    partialFingerprints: {
      "cdktfSchemaCheck/v1": nodeCrypto().createHash("sha256").update([d.rule, artifactLocation.uri, d.pointer, d.message].join("\0")).digest("hex"),
    },
    properties: {
      pointer: d.pointer,
      ...(d.address ? { address: d.address } : {}),
      ...(d.constructPath ? { constructPath: d.constructPath } : {}),
      ...(d.suggestions.length > 0 ? { suggestions: d.suggestions } : {}),
    },
  };
}

/** `region` of a place with a known line (and column). */
function region(at: { line?: number | undefined; column?: number | undefined }) {
  return at.line !== undefined ? { region: { startLine: at.line, ...(at.column !== undefined ? { startColumn: at.column } : {}) } } : {};
}

/** Relative to `%SRCROOT%` when the file is under it, otherwise an absolute file URI. */
function artifactLocationOf(file: string, base: ReportBase): { uri: string; uriBaseId?: string } {
  const relative = pathBelow(base.root, file, base.from);
  if (relative === undefined) return { uri: pathToFileURL(path.resolve(base.from, file)).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith("/") ? href : `${href}/`;
}

let cachedVersion: string | undefined;

function packageVersion(): string {
  // src/report/ and dist/report/ are both two levels below the package root.
  cachedVersion ??= (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return cachedVersion;
}
