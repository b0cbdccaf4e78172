#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/bundle/ by `npm run build` (scripts/build.ts).
import("../dist/bundle/cli.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/bundle/cli.js")) {
    console.error("cdktf-schema-check: not built yet; run `npm run build` in the package directory");
    process.exit(2);
  }
  throw err;
});
