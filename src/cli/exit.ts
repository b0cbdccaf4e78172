/**
 * How a run of the command line ends: with its exit code, as soon as stdout and stderr have
 * passed on all that was written to them. Left to wind down by itself, Node ends only when V8's
 * background work is done too: near the end of a larger check V8 has often begun marking the
 * heap, and that marking is finished, and the heap compacted, for a process about to end (1,000
 * resources: 262 → 237 ms, `npm run bench`).
 */

/** Ends the process with `code` once its output is written; a report that cannot be written keeps main.ts's verdict (exit code 2). */
export function exitWhenWritten(code: number): void {
  process.exitCode = code;
  // A failed write to a file is reported a turn later, to main.ts's handler (which ends the
  // process with exit code 2): the decision waits for it.
  setImmediate(() => {
    let waiting = 1;
    const done = (err?: Error | null) => {
      // A write that failed otherwise than by the reader leaving (EPIPE) is the stream's error
      // next, and main.ts's handler ends the process; the event loop ends it if nothing does.
      if (err && (err as NodeJS.ErrnoException).code !== "EPIPE") return;
      if (--waiting === 0) process.exit();
    };
    for (const stream of [process.stdout, process.stderr]) {
      // Writes to a pipe may still be queued where they are asynchronous (macOS; on Linux, past a full pipe).
      if (stream.writableLength > 0 && !stream.destroyed) {
        waiting++;
        stream.write("", done);
      }
    }
    done();
  });
}
