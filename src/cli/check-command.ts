/**
 * The default command: `cdktf-schema-check [paths…]`. Exit codes (public API): 0 nothing failing,
 * 1 findings that fail (errors; warnings too with --strict), 2 unusable input or usage, always
 * with a one-line reason on stderr.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { type CheckResult, checkFiles } from "../check/files.js";
import { InputError } from "../check/input-error.js";
import type { SchemaSource } from "../check/providers.js";
import { applySuppressions, loadConfig, type ResolvedConfig } from "../config/index.js";
import { formatGithub } from "../report/github.js";
import { formatJson } from "../report/json.js";
import { formatPretty } from "../report/pretty.js";
import { formatSarif } from "../report/sarif.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { defaultSchemas } from "../schema/store/index.js";
import { compareVersions, normalizeVersion } from "../schema/versions.js";
import { shippedTerraformSchemas } from "../terraform/backends.js";
import { terraformOnPathWhenNeeded } from "../terraform/version.js";

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
      parseTerraformVersion,
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
    strict = options.strict ?? config.strict ?? false;
    const terraform = options.terraformVersion
      ? { version: options.terraformVersion, source: "--terraform-version" }
      : config.terraformVersion !== undefined
        ? { version: configuredTerraformVersion(config), source: `terraformVersion in ${config.file}` }
        : terraformOnPathWhenNeeded();
    const providerVersions = { ...config.providerVersions, ...options.providerVersion };
    const checkPaths = paths.length > 0 ? paths : (config.paths ?? DEFAULT_PATHS);
    const checked = await checkFiles(checkPaths, { schemas: dependencies.schemas(), providerVersions, ...(terraform ? { terraform } : {}) });
    result = applySuppressions(checked, config.suppressions);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`cdktf-schema-check: ${err.message}\n`);
    return EXIT_USAGE;
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  // Inputs that could not be checked do not hide the findings of the others; they are named
  // after them, and make the exit code 2.
  const unusable = result.unusable ?? [];
  if (unusable.length === 0 || result.summary.files > 0) process.stdout.write(format(result, options.format, color));
  for (const problem of unusable) process.stderr.write(`cdktf-schema-check: ${problem}\n`);
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

/** The configuration's terraformVersion, held to the same rules as --terraform-version. */
function configuredTerraformVersion(config: ResolvedConfig): string {
  try {
    return parseTerraformVersion(config.terraformVersion!);
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw new InputError(`${config.file}: terraformVersion: ${err.message}`);
    throw err;
  }
}

function parseTerraformVersion(value: string): string {
  const version = normalizeVersion(value.replace(/^v/, ""));
  const releases = shippedTerraformSchemas().releases();
  if (!version) throw new InvalidArgumentError(`expected a Terraform version such as 1.11.4, got "${value}"`);
  if (compareVersions(version, releases[0]!) < 0) {
    throw new InvalidArgumentError(`Terraform ${version} is older than the oldest release with known backend schemas (${releases[0]})`);
  }
  return version;
}

function parseProviderVersion(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([a-z0-9][a-z0-9_-]*)=(\S+)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected NAME=VERSION, e.g. aws=6.25.0, got "${value}"`);
  return { ...previous, [match[1]!]: match[2]! };
}
