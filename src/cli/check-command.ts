/**
 * The default command: `cdktf-schema-check [paths…]`. Exit codes (public API): 0 nothing failing,
 * 1 findings that fail (errors; warnings too with --strict), 2 unusable input or usage, always
 * with a one-line reason on stderr.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { type CheckResult, checkFiles } from "../check/files.js";
import { InputError } from "../check/input-error.js";
import type { SchemaSource } from "../check/providers.js";
import { applySuppressions, loadConfig } from "../config/index.js";
import { parseTerraformVersion, resolveSettings } from "../config/settings.js";
import { formatGithub } from "../report/github.js";
import { formatJson } from "../report/json.js";
import { formatPretty } from "../report/pretty.js";
import { formatSarif } from "../report/sarif.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { SchemaFileError } from "../schema/read.js";
import { defaultSchemas } from "../schema/store/index.js";
import { escapeControl } from "../report/escape.js";

interface CheckCommandOptions {
  providerVersion: Record<string, string>;
  terraformVersion?: string;
  format: "pretty" | "json" | "sarif" | "github";
  strict?: boolean;
  config?: string;
}

const DEFAULT_PATHS = ["./cdktf.out"];

export interface CheckCommandDependencies {
  /** Where schemas come from; the shipped snapshots unless a caller (a test) says otherwise. */
  schemas: () => SchemaSource;
}

export function registerCheckCommand(program: Command, dependencies: CheckCommandDependencies = { schemas: () => defaultSchemas() }): void {
  program
    .argument("[paths...]", 'cdk.tf.json / *.tf.json files, or directories to search for them (default: the configuration\'s "paths", else ./cdktf.out)')
    .option(
      "--provider-version <NAME=VERSION>",
      "check provider NAME against schema VERSION instead of what required_providers asks for (repeatable)",
      parseProviderVersion,
      {},
    )
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json", "sarif", "github"]).default("pretty"))
    .option("--strict", "warnings fail too (exit code 1)")
    .option("--no-strict", "warnings do not fail, whatever the configuration says")
    .option("--config <file>", 'settings from FILE instead of ./cdktf-schema-check.json or the "schemaCheck" key of ./cdktf.json')
    .option(
      "--terraform-version <version>",
      "check the terraform block against this Terraform release (default: the terraform on PATH, else the newest supported)",
      parseTerraformOption,
    )
    .action(async (paths: string[], options: CheckCommandOptions) => {
      process.exitCode = await runCheck(paths, options, dependencies);
    });
}

async function runCheck(paths: string[], options: CheckCommandOptions, dependencies: CheckCommandDependencies): Promise<number> {
  let result;
  let strict: boolean;
  try {
    // Command-line flags override the configuration; data flows check → suppression → report.
    const config = await loadConfig(options.config !== undefined ? { file: options.config } : {});
    const settings = resolveSettings(config, {
      providerVersions: options.providerVersion,
      providerVersionsFrom: "--provider-version",
      strict: options.strict,
      ...(options.terraformVersion ? { terraform: { version: options.terraformVersion, source: "--terraform-version" } } : {}),
    });
    strict = settings.strict;
    const checkPaths = paths.length > 0 ? paths : (config.paths ?? DEFAULT_PATHS);
    // The Terraform release is asked for only if a document needs it (a backend, cloud or required_version).
    const checked = await checkFiles(checkPaths, { schemas: dependencies.schemas(), providerVersions: settings.providerVersions, terraform: settings.terraform });
    result = applySuppressions(checked, settings.suppressions);
  } catch (err) {
    // A corrupt or unreadable schema is unusable input too: never a silent pass, never "internal error".
    if (!(err instanceof InputError || err instanceof SchemaFileError)) throw err;
    process.stderr.write(`cdktf-schema-check: ${escapeControl(err.message)}\n`);
    return EXIT_USAGE;
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  // Inputs that could not be checked do not hide the findings of the others; they are named
  // after them, and make the exit code 2.
  const unusable = result.unusable ?? [];
  if (unusable.length === 0 || result.summary.files > 0) process.stdout.write(format(result, options.format, color));
  for (const problem of unusable) process.stderr.write(`cdktf-schema-check: ${escapeControl(problem)}\n`);
  if (unusable.length > 0) return EXIT_USAGE;
  const failing = result.summary.errors + (strict ? result.summary.warnings : 0);
  return failing > 0 ? EXIT_FINDINGS : EXIT_OK;
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

/** --terraform-version, held to the same rules as the configuration's terraformVersion. */
function parseTerraformOption(value: string): string {
  try {
    return parseTerraformVersion(value);
  } catch (err) {
    if (err instanceof RangeError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

function parseProviderVersion(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([a-z0-9][a-z0-9_-]*)=(\S+)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected NAME=VERSION, e.g. aws=6.25.0, got "${value}"`);
  return { ...previous, [match[1]!]: match[2]! };
}
