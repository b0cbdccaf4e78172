#!/usr/bin/env node
// Thin launcher: the command line is bundled into dist/bundle/cli/ by `npm run build`
// (scripts/build.ts); src/cli/launch.ts loads it.
import("../dist/bundle/cli/launch.js").then(
  async ({ launch }) => {
    process.exitCode = await launch(process.argv.slice(2));
  },
  (err) => {
    if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/bundle/cli/launch.js")) {
      console.error("cdktf-schema-check: not built yet; run `npm run build` in the package directory");
      process.exit(2);
    }
    throw err;
  },
);
