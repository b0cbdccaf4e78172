/**
 * Loading the command line's CommonJS bundle with V8's compiled code kept between runs: what
 * Node 22.1+ does itself (`module.enableCompileCache`), done here for Node 20, where compiling
 * the bundle and the functions a check calls cost about 40–50 ms of every run (`npm run bench`).
 *
 * The cache is V8's code cache of the whole script, taken after a check has run, so it holds the
 * functions the check compiled, not only the top level. One file per bundle (its name carries a
 * hash of its content), Node release and architecture, in a directory only this user can write:
 * a code cache is code this process runs. V8 rejects a cache made by another V8 or flags; a
 * rejected, missing or unreadable cache only means compiling as usual, and the next check writes
 * a new one. `NODE_DISABLE_COMPILE_CACHE` turns it off, `NODE_COMPILE_CACHE` says where it goes,
 * as for Node's own cache. On Windows, whose file modes do not say who may write, it stays off.
 */
import { nodeCrypto } from "../core/builtins.js";
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";

export interface LoadedBundle<Exports> {
  exports: Exports;
  /** What became of the cache: compiled without one (`none`: none yet, or caching off), used, or rejected by V8. */
  cache: "none" | "used" | "rejected";
  /** Writes V8's code cache of the bundle, as compiled so far, unless one was used or caching is off. */
  saveCache(): void;
}

/** The directory of this user's code caches, or undefined when caching is off or the directory is not safely ours. */
export function codeCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  // Windows file modes do not say who may write (Node 22's own cache still works there).
  if (env.NODE_DISABLE_COMPILE_CACHE || process.platform === "win32") return undefined;
  const uid = process.getuid!();
  const dir = path.join(env.NODE_COMPILE_CACHE || os.tmpdir(), `cdktf-schema-check-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Not followed if a link: another user's directory, or one others may write to, could hand us their code.
    const stat = lstatSync(dir);
    return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
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
      if (!cacheFile || cache === "used") return;
      // Written aside and renamed, so a run started meanwhile reads a whole cache or none.
      const aside = `${cacheFile}.${process.pid}`;
      try {
        writeFileSync(aside, script.createCachedData(), { mode: 0o600 });
        renameSync(aside, cacheFile);
      } catch {
        // A cache is an optimisation: a read-only or full disk only costs the next run its compile.
        rmSync(aside, { force: true });
      }
    },
  };
}
