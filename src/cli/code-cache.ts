/**
 * Loading the command line's CommonJS bundle with V8's compiled code kept between runs: compiling
 * the bundle and the functions a check calls cost about 40–50 ms of every run (`npm run bench`).
 * Node 22.1+ keeps compiled code itself (`module.enableCompileCache`), but only what loading a
 * module compiled, not the functions a check compiles later: on Node 22 this cache is faster too.
 *
 * The cache is V8's code cache of the whole script, taken after a check has run, so it holds the
 * functions the check compiled, not only the top level. A check much bigger than the one that
 * took it (twice the resources, and 20 more) takes it again: a first check of one resource leaves
 * out expressions, references and backends, which every later check of 1,000 resources then
 * compiled anew (about 40 ms). The file starts with the number of resources of the check that
 * took it (4 bytes), then V8's data.
 *
 * One file per bundle (its name carries a hash of its content), Node release and architecture, in
 * this user's private cache directory (core/private-cache.ts: `NODE_DISABLE_COMPILE_CACHE` turns
 * it off, `NODE_COMPILE_CACHE` moves it). V8 rejects a cache made by another V8 or flags; a
 * rejected, missing or unreadable cache only means compiling as usual, and the next check writes
 * a new one.
 */
import { nodeCrypto } from "../core/builtins.js";
import { markUsed, writeCacheFile } from "../core/private-cache.js";
import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

export interface LoadedBundle<Exports> {
  exports: Exports;
  /** What became of the cache: compiled without one (`none`: none yet, or caching off), used, or rejected by V8. */
  cache: "none" | "used" | "rejected";
  /**
   * After a check of `resources` resources: writes V8's code cache of the bundle, as compiled so
   * far, unless caching is off, the check had no resources, or the cache used was taken by a
   * check not much smaller.
   */
  saveCache(resources: number): void;
}

/**
 * The cache's name for `file` in this process: per Node release and architecture, and per V8
 * flags (`--max-old-space-size`, say), under which V8 rejects a cache made without them: runs
 * with and without flags do not replace each other's cache.
 */
export function cacheFileName(file: string): string {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ").trim();
  const flagsKey = flags === "" ? "" : `-${nodeCrypto().createHash("sha256").update(flags).digest("hex").slice(0, 12)}`;
  return `${path.basename(file)}-${process.version}-${process.arch}${flagsKey}.cache`;
}

/** The cache file's header: the resources of the check that took it. */
const HEADER_BYTES = 4;

/** `file`, a CommonJS bundle, loaded through a code cache in `cacheDir` (none: compiled as usual). */
export function loadBundle<Exports>(file: string, cacheDir: string | undefined): LoadedBundle<Exports> {
  const source = readFileSync(file, "utf8");
  const cacheFile = cacheDir && path.join(cacheDir, cacheFileName(file));
  let cachedData: Buffer | undefined;
  let takenBy = 0;
  if (cacheFile) {
    try {
      const data = readFileSync(cacheFile);
      markUsed(cacheFile);
      if (data.length > HEADER_BYTES) {
        takenBy = data.readUInt32LE(0);
        cachedData = data.subarray(HEADER_BYTES);
      }
    } catch {
      // No cache yet.
    }
  }
  // No `importModuleDynamically`: the bundle has no `import()` left (scripts/build.ts makes sure).
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} as Exports };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const cache = cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "used";
  return {
    exports: module.exports,
    cache,
    saveCache(resources) {
      // A check of nothing (a path that is not there, say) compiled little worth keeping.
      if (!cacheFile || resources === 0 || (cache === "used" && resources < Math.max(2 * takenBy, takenBy + 20))) return;
      const header = Buffer.alloc(HEADER_BYTES);
      header.writeUInt32LE(Math.min(resources, 0xffffffff));
      writeCacheFile(cacheFile, Buffer.concat([header, script.createCachedData()]));
    },
  };
}
