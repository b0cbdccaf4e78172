/**
 * Where the app's own code called into the construct libraries: the first frame of a stack
 * trace outside `node_modules` (cdktf, constructs, provider bindings and this package all live
 * there in an installed app).
 *
 * Capturing is cheap and formatting is not, so a call site keeps V8's captured trace and reads
 * `.stack` only when a finding asks for it. Reading it late is also what maps positions back to
 * TypeScript: ts-node's source-map-support and Node's own source maps (tsx) format traces.
 */
import { fileURLToPath } from "node:url";
import type { SourceLocation } from "../core/diagnostic.js";

/** Frames kept per capture: the construct libraries' own frames come first, typically 5 to 15 of them. */
const FRAMES = 40;

export class CallSite {
  private readonly trace: { stack?: string } = {};
  private located?: SourceLocation | null;

  /** The call stack now, from the caller of `below` (the frames of `below` and what it called are left out). */
  constructor(below: Function) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = FRAMES;
    Error.captureStackTrace(this.trace, below);
    Error.stackTraceLimit = limit;
  }

  /** The first frame outside node_modules, with an absolute file path; undefined when there is none. */
  location(): SourceLocation | undefined {
    // A custom Error.prepareStackTrace may make `stack` anything; only V8's text format is read.
    const { stack } = this.trace;
    if (this.located === undefined) this.located = (typeof stack === "string" ? firstAppFrame(stack) : undefined) ?? null;
    return this.located ?? undefined;
  }
}

/** `    at new MyStack (/app/main.ts:12:5)` or `    at file:///app/main.mjs:3:1` → the first one outside node_modules. */
function firstAppFrame(stack: string): SourceLocation | undefined {
  for (const line of stack.split("\n")) {
    if (line.includes("(eval at ")) continue;
    const frame = /^\s+at (?:.*\((.+)\)|(.+))$/.exec(line);
    const where = frame?.[1] ?? frame?.[2];
    const position = where === undefined ? null : /^(.*):(\d+):(\d+)$/.exec(where);
    if (!position) continue;
    const file = position[1]!.startsWith("file://") ? fileURLToPath(position[1]!) : position[1]!;
    // Only real files: not node:internal frames, evals or native code.
    if (!/^(?:\/|[A-Za-z]:[\\/])/.test(file) || /[\\/]node_modules[\\/]/.test(file)) continue;
    return { file, line: Number(position[2]), column: Number(position[3]) };
  }
  return undefined;
}
