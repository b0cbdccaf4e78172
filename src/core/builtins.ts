/**
 * Node built-ins that take milliseconds to load (crypto about 4 ms, v8 2.5, child_process with
 * net and dgram 1.5), loaded when first called: most checks never hash a source map or a SARIF
 * fingerprint, nor read a file big enough to run short of memory, nor start a process (the
 * Terraform release is cached, bindings are extracted once). A check of a small stack takes
 * about 100 ms in all. (The command line's bundle gives commander the same lazy child_process:
 * scripts/build.ts.)
 */
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

export const nodeCrypto = (): typeof import("node:crypto") => load("node:crypto");
export const nodeV8 = (): typeof import("node:v8") => load("node:v8");
export const nodeChildProcess = (): typeof import("node:child_process") => load("node:child_process");
