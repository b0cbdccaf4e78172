/**
 * `cdktf-schema-check`: one binary for checking (`cdktf-schema-check [paths…]`) and for managing
 * schemas (`cdktf-schema-check schema …`). Each command family lives in its own module, which
 * defines its commands here and loads what they do only when one runs: `--help` loads neither
 * the checker nor the schema tools.
 */
import { Command, CommanderError } from "commander";
import { registerCheckCommand } from "./check-command.js";
import { registerSchemaCommands } from "./schema-commands.js";
import { EXIT_USAGE } from "./exit-codes.js";
import { escapeControl } from "../report/escape.js";

/** What the launcher (launch.ts) hears of a run. */
export interface RunHooks {
  /** After a check of `resources` resources has run (the moment to keep the compiled code of a check: code-cache.ts). */
  afterCheck?: (resources: number) => void;
}

function buildProgram(hooks: RunHooks = {}): Command {
  const program = new Command("cdktf-schema-check")
    .description("Check cdk.tf.json (and *.tf.json) against Terraform provider schemas")
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`cdktf-schema-check: ${usageReason(str)}\n`) });
  registerCheckCommand(program, hooks.afterCheck);
  registerSchemaCommands(program);
  return program;
}

export async function main(argv: string[], hooks: RunHooks = {}): Promise<number> {
  try {
    await buildProgram(hooks).parseAsync(argv, { from: "user" });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    throw err;
  }
}

/**
 * Commander's usage error as every other reason reads: one line, `unknown option '--x' (Did you
 * mean --strict?)`, with the user's own text (the option quoted) escaped.
 */
function usageReason(message: string): string {
  return escapeControl(message.replace(/^error: /, "").replace(/\n$/, "").replace(/\n(?=\(Did you mean)/, " "));
}

/**
 * The report cannot be written. A reader that stops early (`… | head`) closes the pipe: the rest
 * has nowhere to go, which is no failure of the check. Anything else (a full disk) leaves the
 * report incomplete, which must not pass for a finished run: one line and exit code 2, never
 * Node's unhandled-error stack trace (whose exit code 1 reads as "findings").
 */
function outputFailed(err: NodeJS.ErrnoException): void {
  if (err.code === "EPIPE") return;
  process.stderr.write(`cdktf-schema-check: cannot write the report: ${escapeControl(err.message)}\n`);
  process.exit(EXIT_USAGE);
}

/**
 * Messages that cannot be written (stderr closed, or a full disk) have nowhere else to go: the
 * exit code stays the run's verdict, not Node's 1 for an unhandled stream error.
 */
function messagesFailed(): void {}

/** The process's run: `main`, and a bug of ours still one line on stderr, never a stack trace, unless asked for. */
export async function run(argv: string[], hooks: RunHooks = {}): Promise<number> {
  if (!process.stdout.listeners("error").includes(outputFailed)) process.stdout.on("error", outputFailed);
  if (!process.stderr.listeners("error").includes(messagesFailed)) process.stderr.on("error", messagesFailed);
  try {
    return await main(argv, hooks);
  } catch (err) {
    console.error(`cdktf-schema-check: internal error: ${escapeControl(err instanceof Error ? err.message : String(err))}`);
    if (process.env.CDKTF_SCHEMA_CHECK_DEBUG) console.error(err);
    return EXIT_USAGE;
  }
}
