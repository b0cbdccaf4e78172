/**
 * Running npm, cdktf and cdktn as a user would, outside the repository: commands in fresh
 * directories under the system's temporary directory, with none of the variables `npm test`
 * sets (npm_config_*, which would point npm back at this repository) or vitest sets, and with
 * the user's one npm cache (`--prefer-offline`: what `npm ci` of this repository fetched, and
 * every earlier run, is reused).
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr as printed, without colours. */
  output: string;
}

export const userEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|init_cwd$|vitest|node_env$|node_options$)/i.test(name))),
  CHECKPOINT_DISABLE: "1",
  CI: "true",
  FORCE_COLOR: "0",
  NO_COLOR: "1",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_prefer_offline: "true",
  npm_config_update_notifier: "false",
};

export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? userEnv, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => ((stdout += chunk), (output += chunk)));
    child.stderr.on("data", (chunk: Buffer) => ((stderr += chunk), (output += chunk)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, output: output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "") }));
    child.stdin.end(options.input ?? "");
  });
}

/** Like run, but a failure is an error carrying everything the command printed. */
export async function must(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} (in ${options.cwd}) exited ${result.code}:\n${result.output}`);
  return result;
}

/** Wall-clock seconds of each named step, for the report at the end. */
export const timings: [string, number][] = [];

export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings.push([label, (performance.now() - start) / 1000]);
  }
}
