/**
 * Runs the CLI in a child process, for what an in-process run cannot show: another user's
 * permissions (tests run as root in CI containers, and root reads everything), a small heap.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CliResult } from "./run.js";

const ENTRY = fileURLToPath(new URL("entry.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface SpawnOptions {
  cwd?: string;
  /** Node.js options, e.g. `--max-old-space-size=96`. */
  node?: string[];
  /** Run as this uid (through `setpriv`, so root can test what an ordinary user meets). */
  uid?: number;
  env?: NodeJS.ProcessEnv;
  /** Close the reading end of stdout at once, as `… | head` does early. */
  closeStdout?: boolean;
  /** Write stdout to this file instead of a pipe (e.g. /dev/full, a full disk). */
  stdoutTo?: string;
  /** Write stderr to this file instead of a pipe. */
  stderrTo?: string;
  /** Read nothing of stdout for this long, as a slow reader does: the pipe fills, and writes wait. */
  readAfterMs?: number;
}

export function spawnCli(args: string[], options: SpawnOptions = {}): Promise<CliResult> {
  const command = [process.execPath, ...(options.node ?? []), "--import", TSX, ENTRY, ...args];
  const [file, ...argv] =
    options.uid === undefined ? command : ["setpriv", `--reuid=${options.uid}`, `--regid=${options.uid}`, "--clear-groups", ...command];
  return new Promise((resolve, reject) => {
    // tsx keeps a cache under the temporary directory per user: a dropped user gets its own.
    const stdout = options.stdoutTo === undefined ? "pipe" : openSync(options.stdoutTo, "w");
    const stderrTo = options.stderrTo === undefined ? "pipe" : openSync(options.stderrTo, "w");
    const child = spawn(file!, argv, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", stdout, stderrTo] });
    for (const fd of [stdout, stderrTo]) if (typeof fd === "number") closeSync(fd);
    if (options.closeStdout) child.stdout?.destroy();
    if (options.readAfterMs !== undefined) {
      child.stdout?.pause();
      setTimeout(() => child.stdout?.resume(), options.readAfterMs);
    }
    let output = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => (output += String(chunk)));
    child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout: output, stderr }));
  });
}
