/**
 * Issue 14 asks whether checking the stacks of a cdktf.out in worker threads pays on this
 * machine: `node scripts/bench/threads.mjs <cdktf.out> <threads>` checks its stacks split
 * round-robin over that many threads (this one and threads − 1 workers, each loading the
 * checker's bundle and the schemas itself, as a threaded command line would), and prints how many
 * findings there were in all, so that a split that lost some shows. The bench times whole
 * processes of it.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const [out, threads] = isMainThread ? [process.argv[2], Number(process.argv[3])] : [workerData.out, workerData.threads];
const share = isMainThread ? 0 : workerData.share;

const workers = isMainThread
  ? Array.from({ length: threads - 1 }, (_, i) => {
      // Without the process's options: the bench's peak-RSS probe is the main thread's alone.
      const worker = new Worker(new URL(import.meta.url), { workerData: { out, threads, share: i + 1 }, execArgv: [] });
      return new Promise((resolve, reject) => worker.once("message", resolve).once("error", reject));
    })
  : [];
const stacks = readdirSync(path.join(out, "stacks")).sort().map((stack) => path.join(out, "stacks", stack, "cdk.tf.json"));
const mine = stacks.filter((_, i) => i % threads === share);
const { checkFiles, defaultSchemas } = await import(pathToFileURL(path.join(import.meta.dirname, "..", "..", "dist", "bundle", "index.js")).href);
const { diagnostics, unusable } = await checkFiles(mine, { schemas: defaultSchemas(), terraform: { version: "1.11.4", source: "bench" } });
if (unusable) throw new Error(unusable.join("\n"));
const findings = diagnostics.length;
if (isMainThread) console.log(findings + (await Promise.all(workers)).reduce((a, b) => a + b, 0));
else parentPort.postMessage(findings);
