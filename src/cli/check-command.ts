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

export function registerCheckCommand(program: Command, afterCheck?: (resources: number) => void): void {
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
    .option("--terraform-version <version>", "check the terraform block against this Terraform release (default: the terraform on PATH, else the newest supported)")
    .action(async (paths: string[], options: CheckCommandOptions) => {
      const { runCheck } = await import("./run-check.js");
      const { exitCode, resources } = await runCheck(paths, options);
      process.exitCode = exitCode;
      afterCheck?.(resources);
    });
}

function parseProviderVersion(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([a-z0-9][a-z0-9_-]*)=(\S+)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected NAME=VERSION, e.g. aws=6.25.0, got "${value}"`);
  return { ...previous, [match[1]!]: match[2]! };
}
