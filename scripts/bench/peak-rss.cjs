// Loaded with `node --require` by the benchmark: the process's peak RSS (KiB) on fd 3 at exit, whatever it runs.
process.on("exit", () => {
  try {
    require("node:fs").writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    // fd 3 is not open: not run by the benchmark.
  }
});
