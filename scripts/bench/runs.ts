/**
 * Cold runs of whole processes, paired: the commands of one comparison run in turn, round after
 * round (after one unmeasured round that fills the file cache and the caches of tsx and of the
 * checker's `terraform version`), so that the load of a shared machine falls on all of them
 * alike. Each run's wall time is measured here, its peak RSS by the process itself
 * (peak-rss.cjs, on fd 3).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";

const PEAK_RSS = path.join(import.meta.dirname, "peak-rss.cjs");

export interface Command {
  /** Node's arguments: options, then the script and its arguments. */
  node: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Measured {
  /** Milliseconds, one per round. */
  wall: number[];
  /** MB, one per round. */
  rss: number[];
}

export function pairedRuns(commands: readonly Command[], rounds: number): Measured[] {
  const measured = commands.map((): Measured => ({ wall: [], rss: [] }));
  for (let round = -1; round < rounds; round++) {
    commands.forEach((command, i) => {
      const started = performance.now();
      const result = spawnSync(process.execPath, ["--require", PEAK_RSS, ...command.node], {
        cwd: command.cwd,
        env: { ...process.env, ...command.env },
        stdio: ["ignore", "ignore", "pipe", "pipe"],
        encoding: "utf8",
        maxBuffer: 1 << 26,
      });
      const wall = performance.now() - started;
      if (result.error) throw result.error;
      const kib = Number(result.output[3]);
      if (!Number.isFinite(kib) || kib === 0) throw new Error(`node ${command.node.join(" ")} died without reporting its peak RSS (exit ${result.status}):\n${result.stderr}`);
      if (round < 0) return;
      measured[i]!.wall.push(wall);
      measured[i]!.rss.push(kib / 1024);
    });
  }
  return measured;
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Max − min of the rounds. */
export function spread(samples: readonly number[]): number {
  return Math.max(...samples) - Math.min(...samples);
}
