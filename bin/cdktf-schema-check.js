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

// Ends the process with `code` once stdout and stderr have passed on all that was written to them
// (writes to a pipe may still be queued where they are asynchronous, as on macOS). Left to wind
// down by itself, Node ends only when V8's background work is done too: near the end of a larger
// check V8 has often begun marking the heap, and that marking is finished, and the heap compacted,
// for a process about to end (10–25 ms, `npm run bench`).
function exitWhenWritten(code) {
  let waiting = 1;
  const done = () => {
    if (--waiting === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.writableLength > 0 && !stream.destroyed) {
      waiting++;
      // Called once what was queued before it is written, or with the error that ended the stream.
      stream.write("", done);
    }
  }
  done();
}

launch(process.argv.slice(2)).then(
  exitWhenWritten,
  // The command line could not be loaded (a partial build, say): one line and exit code 2, as for any unusable run.
  (err) => {
    console.error(`cdktf-schema-check: cannot start: ${err && err.message ? err.message : String(err)}`);
    if (process.env.CDKTF_SCHEMA_CHECK_DEBUG) console.error(err);
    process.exitCode = 2;
  },
);
