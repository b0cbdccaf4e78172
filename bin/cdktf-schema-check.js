#!/usr/bin/env node
// Thin launcher, CommonJS (bin/package.json): the command line is bundled into dist/bundle/cli/
// by `npm run build` (scripts/build.ts); src/cli/launch.ts loads it.
let launch;
try {
  ({ launch } = require("../dist/bundle/cli/launch.cjs"));
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes("launch.cjs")) {
    console.error("cdktf-schema-check: not built yet; run `npm run build` in the package directory");
    process.exit(2);
  }
  throw err;
}
launch(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
