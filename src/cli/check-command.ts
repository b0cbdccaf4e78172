/**
 * The default command: `cdktf-schema-check [paths…]`. Exit codes (public API): 0 nothing failing,
 * 1 findings that fail (errors; warnings too with --strict), 2 unusable input or usage, always
 * with a one-line reason on stderr.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { checkFiles } from "../check/files.js";
import { InputError } from "../check/input-error.js";
import type { SchemaSource } from "../check/providers.js";
import { formatJson } from "../report/json.js";
import { formatPretty } from "../report/pretty.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { defaultSchemas } from "../schema/store/index.js";

interface CheckCommandOptions {
  providerVersion: Record<string, string>;
  format: "pretty" | "json";
  strict?: boolean;
}

export interface CheckCommandDependencies {
  /** Where schemas come from; the shipped snapshots unless a caller (a test) says otherwise. */
  schemas: () => SchemaSource;
}

export function registerCheckCommand(program: Command, dependencies: CheckCommandDependencies = { schemas: () => defaultSchemas() }): void {
  program
    .argument("[paths...]", "cdk.tf.json / *.tf.json files, or directories to search for them", ["./cdktf.out"])
    .option(
      "--provider-version <NAME=VERSION>",
      "check provider NAME against schema VERSION instead of what required_providers asks for (repeatable)",
      parseProviderVersion,
      {},
    )
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .option("--strict", "warnings fail too (exit code 1)")
    .action(async (paths: string[], options: CheckCommandOptions) => {
      process.exitCode = await runCheck(paths, options, dependencies);
    });
}

async function runCheck(paths: string[], options: CheckCommandOptions, dependencies: CheckCommandDependencies): Promise<number> {
  let result;
  try {
    result = await checkFiles(paths, { schemas: dependencies.schemas(), providerVersions: options.providerVersion });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`cdktf-schema-check: ${err.message}\n`);
    return EXIT_USAGE;
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(options.format === "json" ? formatJson(result) : formatPretty(result, { color }));
  const failing = result.summary.errors + (options.strict ? result.summary.warnings : 0);
  return failing > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function parseProviderVersion(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([a-z0-9][a-z0-9_-]*)=(\S+)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected NAME=VERSION, e.g. aws=6.25.0, got "${value}"`);
  return { ...previous, [match[1]!]: match[2]! };
}
