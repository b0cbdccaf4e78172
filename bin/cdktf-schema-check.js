#!/usr/bin/env node
// Thin launcher, CommonJS (bin/package.json): the command line is bundled into dist/bundle/cli/
// by `npm run build` (scripts/build.ts); src/cli/launch.ts loads it, and src/cli/exit.ts ends the run.
let launch, exitWhenWritten;
try {
  ({ launch, exitWhenWritten } = require("../dist/bundle/cli/launch.cjs"));
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes("launch.cjs")) {
    console.error("cdktf-schema-check: not built yet; run `npm run build` in the package directory");
    process.exit(2);
  }
  throw err;
}
launch(process.argv.slice(2)).then(
  // A dist/ built before src/cli/exit.ts existed (a checkout not rebuilt) still ends with its code.
  exitWhenWritten ??
    ((code) => {
      process.exitCode = code;
    }),
  // The command line could not be loaded (a partial build, say): one line and exit code 2, as for any unusable run.
  (err) => {
    console.error(`cdktf-schema-check: cannot start: ${err && err.message ? err.message : String(err)}`);
    if (process.env.CDKTF_SCHEMA_CHECK_DEBUG) console.error(err);
    process.exitCode = 2;
  },
);
