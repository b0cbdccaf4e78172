/**
 * Loading the command line's CommonJS bundle with V8's compiled code kept between runs: what
 * Node 22.1+ does itself (`module.enableCompileCache`), done here for Node 20, where compiling
 * the bundle and the functions a check calls cost about 40–50 ms of every run (`npm run bench`).
 *
 * The cache is V8's code cache of the whole script, taken after a check has run, so it holds the
 * functions the check compiled, not only the top level. One file per bundle (its name carries a
 * hash of its content), Node release and architecture, in this user's private cache directory
 * (core/private-cache.ts: `NODE_DISABLE_COMPILE_CACHE` turns it off, `NODE_COMPILE_CACHE` moves
 * it). V8 rejects a cache made by another V8 or flags; a rejected, missing or unreadable cache
 * only means compiling as usual, and the next check writes a new one.
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
  /** Writes V8's code cache of the bundle, as compiled so far, unless one was used or caching is off. */
  saveCache(): void;
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

/** `file`, a CommonJS bundle, loaded through a code cache in `cacheDir` (none: compiled as usual). */
export function loadBundle<Exports>(file: string, cacheDir: string | undefined): LoadedBundle<Exports> {
  const source = readFileSync(file, "utf8");
  const cacheFile = cacheDir && path.join(cacheDir, cacheFileName(file));
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
      markUsed(cacheFile);
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
    saveCache() {
      if (cacheFile && cache !== "used") writeCacheFile(cacheFile, script.createCachedData());
    },
  };
}
