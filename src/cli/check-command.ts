/**
 * The default command: `cdktf-schema-check [paths…]`. Exit codes (public API): 0 nothing failing,
 * 1 findings that fail (errors; warnings too with --strict), 2 unusable input or usage, always
 * with a one-line reason on stderr. The check itself (run-check.ts) is loaded when it runs.
 */
import { type Command, InvalidArgumentError, Option } from "commander";

export interface CheckCommandOptions {
  providerVersion: Record<string, string>;
  terraformVersion?: string;
  format: "pretty" | "json" | "sarif" | "github";
  strict?: boolean;
  config?: string;
}

export function registerCheckCommand(program: Command, afterCheck?: () => void): void {
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
      const { runCheck } = await import("./run-check.js");
      process.exitCode = await runCheck(paths, options);
      afterCheck?.();
    });
}

/**
 * What --terraform-version's parser needs (the releases with known schemas): commander runs
 * parsers synchronously, so `prepareCheckOptions` loads it before parsing, when the option is
 * given: it is run-check.js, which a check loads anyway.
 */
let settings: Pick<typeof import("./run-check.js"), "parseTerraformVersion"> | undefined;

export async function prepareCheckOptions(argv: readonly string[]): Promise<void> {
  if (argv.some((arg) => arg === "--terraform-version" || arg.startsWith("--terraform-version="))) settings ??= await import("./run-check.js");
}

/** --terraform-version, held to the same rules as the configuration's terraformVersion. */
function parseTerraformOption(value: string): string {
  if (!settings) throw new Error("--terraform-version parsed before prepareCheckOptions loaded its parser");
  try {
    return settings.parseTerraformVersion(value);
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
