/**
 * Issue 14 asks whether checking the stacks of a cdktf.out in worker threads pays on this
 * machine: `node scripts/bench/threads.mjs <cdktf.out> <threads>` checks its stacks split
 * round-robin over that many threads (this one and threads − 1 workers, each loading the checker
 * and the schemas itself, as a threaded command line would), and prints how many findings there
 * were in all, so that a split that lost some shows. The bench times whole processes of it.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const [out, threads] = isMainThread ? [process.argv[2], Number(process.argv[3])] : [workerData.out, workerData.threads];
const share = isMainThread ? 0 : workerData.share;
const dist = (module) => import(pathToFileURL(path.join(import.meta.dirname, "..", "..", "dist", module)).href);

const workers = isMainThread
  ? Array.from({ length: threads - 1 }, (_, i) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { out, threads, share: i + 1 } });
      return new Promise((resolve, reject) => worker.once("message", resolve).once("error", reject));
    })
  : [];
const stacks = readdirSync(path.join(out, "stacks")).sort().map((stack) => path.join(out, "stacks", stack, "cdk.tf.json"));
const mine = stacks.filter((_, i) => i % threads === share);
const [{ checkFiles }, { shippedSchemas }] = await Promise.all([dist("check/files.js"), dist("schema/store/index.js")]);
const { diagnostics, unusable } = await checkFiles(mine, { schemas: shippedSchemas(), terraform: { version: "1.11.4", source: "bench" } });
if (unusable) throw new Error(unusable.join("\n"));
const findings = diagnostics.length;
if (isMainThread) console.log(findings + (await Promise.all(workers)).reduce((a, b) => a + b, 0));
else parentPort.postMessage(findings);
