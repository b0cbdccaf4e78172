#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/bundle/cli/ by `npm run build` (scripts/build.ts).
// Node 22.1+ keeps V8's compiled code of the bundle between runs (in the OS temporary directory,
// unless NODE_COMPILE_CACHE says where or NODE_DISABLE_COMPILE_CACHE turns it off); Node 20 has
// no such cache, and this does nothing there.
import module from "node:module";

module.enableCompileCache?.();
import("../dist/bundle/cli/cli.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/bundle/cli/cli.js")) {
    console.error("cdktf-schema-check: not built yet; run `npm run build` in the package directory");
    process.exit(2);
  }
  throw err;
});
