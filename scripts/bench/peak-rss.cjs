// Loaded with `node --require` by the benchmark: the process's peak RSS (KiB) on fd 3 at exit, whatever it runs.
// Worker threads load it too (they inherit the options): the process's figure is the main thread's to give.
if (require("node:worker_threads").isMainThread) {
  process.on("exit", () => {
    try {
      require("node:fs").writeSync(3, String(process.resourceUsage().maxRSS));
    } catch {
      // fd 3 is not open: not run by the benchmark.
    }
  });
}
