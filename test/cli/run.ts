/** Runs the CLI in-process, capturing what it prints and its exit code. */
import { vi } from "vitest";
import { main } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { cwd?: string } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const cwd = process.cwd();
  if (options.cwd) process.chdir(options.cwd);
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
    vi.restoreAllMocks();
    process.exitCode = undefined;
  }
}
