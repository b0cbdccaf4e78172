/**
 * What the default command does once its arguments are parsed: settings from the configuration
 * and the flags, the check, suppressions, the report, the exit code. Loaded only when a check
 * runs (check-command.ts), so that `--help` and the `schema` commands do not load the checker.
 */
import { type CheckResult, checkFiles } from "../check/files.js";
import { InputError } from "../check/input-error.js";
import { applySuppressions, loadConfig } from "../config/index.js";
import { resolveSettings } from "../config/settings.js";
import { formatGithub } from "../report/github.js";
import { formatJson } from "../report/json.js";
import { formatPretty } from "../report/pretty.js";
import { formatSarif } from "../report/sarif.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { SchemaFileError } from "../schema/read.js";
import { defaultSchemas, rememberShippedDecodes } from "../schema/store/index.js";
import { escapeControl } from "../report/escape.js";
import type { CheckCommandOptions } from "./check-command.js";

const DEFAULT_PATHS = ["./cdktf.out"];

/** The exit code, and how many resources were checked. */
export async function runCheck(paths: string[], options: CheckCommandOptions): Promise<{ exitCode: number; resources: number }> {
  let result;
  let strict: boolean;
  let saveDecoded: (() => void) | undefined;
  try {
    // Command-line flags override the configuration; data flows check → suppression → report.
    const config = await loadConfig(options.config !== undefined ? { file: options.config } : {});
    const settings = resolveSettings(config, {
      providerVersions: options.providerVersion,
      providerVersionsFrom: "--provider-version",
      strict: options.strict,
      ...(options.terraformVersion !== undefined ? { terraform: { version: options.terraformVersion, source: "--terraform-version" } } : {}),
    });
    strict = settings.strict;
    const checkPaths = paths.length > 0 ? paths : (config.paths ?? DEFAULT_PATHS);
    saveDecoded = rememberShippedDecodes();
    // The Terraform release is asked for only if a document needs it (a backend, cloud or required_version).
    const checked = await checkFiles(checkPaths, { schemas: defaultSchemas(), providerVersions: settings.providerVersions, terraform: settings.terraform });
    result = applySuppressions(checked, settings.suppressions);
  } catch (err) {
    // A corrupt or unreadable schema is unusable input too: never a silent pass, never "internal error".
    if (!(err instanceof InputError || err instanceof SchemaFileError)) throw err;
    process.stderr.write(`cdktf-schema-check: ${escapeControl(err.message)}\n`);
    return { exitCode: EXIT_USAGE, resources: 0 };
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  // Inputs that could not be checked do not hide the findings of the others; they are named
  // after them, and make the exit code 2.
  const unusable = result.unusable ?? [];
  if (unusable.length === 0 || result.summary.files > 0) process.stdout.write(format(result, options.format, color));
  for (const problem of unusable) process.stderr.write(`cdktf-schema-check: ${escapeControl(problem)}\n`);
  // After the report: the next run's time, not this one's.
  saveDecoded?.();
  const failing = result.summary.errors + (strict ? result.summary.warnings : 0);
  return { exitCode: unusable.length > 0 ? EXIT_USAGE : failing > 0 ? EXIT_FINDINGS : EXIT_OK, resources: result.summary.resources };
}

function format(result: CheckResult, name: CheckCommandOptions["format"], color: boolean): string {
  switch (name) {
    case "json":
      return formatJson(result);
    case "sarif":
      return formatSarif(result);
    case "github":
      return formatGithub(result);
    default:
      return formatPretty(result, { color });
  }
}
