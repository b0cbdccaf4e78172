/**
 * Node built-ins that take milliseconds to load (crypto about 4 ms, v8 2.5), loaded when first
 * called: most checks never hash a source map or a SARIF fingerprint, nor read a file big enough
 * to run short of memory. A check of a small stack takes about 100 ms in all. (child_process
 * would be another 2 ms, but commander loads it anyway.)
 */
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

export const nodeCrypto = (): typeof import("node:crypto") => load("node:crypto");
export const nodeV8 = (): typeof import("node:v8") => load("node:v8");
