/**
 * The command line's code cache (src/cli/code-cache.ts): a bundle loaded the first
 * time compiles and leaves a cache; loaded again, V8 takes the cache, which a much bigger check
 * takes again; a damaged cache is rejected and replaced; caching is off when asked, or when the
 * directory is not this user's alone.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheFileName, loadBundle } from "../../src/cli/code-cache.js";
import { privateCacheDirectory } from "../../src/core/private-cache.js";

const scratch = mkdtempSync(path.join(tmpdir(), "code-cache-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A CommonJS bundle that uses what a module has: require, module, __dirname. */
function bundle(name: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, 'const path = require("node:path");\nmodule.exports = { add: (a, b) => a + b, dir: path.basename(__dirname) };\n');
  return file;
}

type Exports = { add(a: number, b: number): number; dir: string };

describe("loadBundle", () => {
  it("compiles without a cache, writes one after the run, and uses it the next time", () => {
    const file = bundle("cli-AAAA.cjs");
    const dir = path.join(scratch, "cache-1");
    mkdirSync(dir, { mode: 0o700 });
    const first = loadBundle<Exports>(file, dir);
    expect([first.cache, first.exports.add(2, 3), first.exports.dir]).toEqual(["none", 5, path.basename(scratch)]);
    first.saveCache(1);
    const files = readdirSync(dir);
    expect(files).toEqual([cacheFileName(file)]);
    expect(files[0]).toMatch(new RegExp(`^cli-AAAA\\.cjs-${process.version}-${process.arch}(-[0-9a-f]{12})?\\.cache$`));
    expect(statSync(path.join(dir, files[0]!)).mode & 0o777).toBe(0o600);

    const second = loadBundle<Exports>(file, dir);
    expect([second.cache, second.exports.add(1, 1)]).toEqual(["used", 2]);
  });

  it("is taken again by a check much bigger than the one that took it (twice the resources, and 20 more)", () => {
    const file = bundle("cli-FFFF.cjs");
    const dir = path.join(scratch, "cache-6");
    mkdirSync(dir, { mode: 0o700 });
    const cacheFile = path.join(dir, cacheFileName(file));
    const takenBy = () => readFileSync(cacheFile).readUInt32LE(0);
    loadBundle<Exports>(file, dir).saveCache(1);
    expect(takenBy()).toBe(1);
    // 20 is twice 1 but not 20 more; a first check of one resource is taken again by one of 21.
    for (const [resources, after] of [[20, 1], [21, 21], [41, 21], [42, 42], [1_000, 1_000], [1_999, 1_000]]) {
      const loaded = loadBundle<Exports>(file, dir);
      expect(loaded.cache).toBe("used");
      loaded.saveCache(resources!);
      expect(takenBy(), `after a check of ${resources}`).toBe(after);
    }
  });

  it("is not taken by a check of nothing (a path that is not there), which compiled little of a check", () => {
    const file = bundle("cli-GGGG.cjs");
    const dir = path.join(scratch, "cache-7");
    mkdirSync(dir, { mode: 0o700 });
    loadBundle<Exports>(file, dir).saveCache(0);
    expect(readdirSync(dir)).toEqual([]);
    loadBundle<Exports>(file, dir).saveCache(1);
    expect(readdirSync(dir)).toEqual([cacheFileName(file)]);
  });

  it("a cache used by a run counts as used (see private-cache.test.ts): its time moves to now", () => {
    const file = bundle("cli-EEEE.cjs");
    const dir = path.join(scratch, "cache-5");
    mkdirSync(dir, { mode: 0o700 });
    loadBundle<Exports>(file, dir).saveCache(1);
    const cacheFile = path.join(dir, cacheFileName(file));
    const monthAgo = Date.now() / 1000 - 30 * 24 * 60 * 60;
    utimesSync(cacheFile, monthAgo, monthAgo);
    expect(loadBundle<Exports>(file, dir).cache).toBe("used");
    expect(Date.now() - statSync(cacheFile).mtimeMs).toBeLessThan(60_000);
  });

  it("a damaged cache is rejected, the bundle still runs, and the next save replaces the cache", () => {
    const file = bundle("cli-BBBB.cjs");
    const dir = path.join(scratch, "cache-2");
    mkdirSync(dir, { mode: 0o700 });
    const cacheFile = path.join(dir, cacheFileName(file));
    writeFileSync(cacheFile, "not a code cache");
    const loaded = loadBundle<Exports>(file, dir);
    expect([loaded.cache, loaded.exports.add(2, 2)]).toEqual(["rejected", 4]);
    loaded.saveCache(1);
    expect(readFileSync(cacheFile, "utf8")).not.toBe("not a code cache");
    expect(loadBundle<Exports>(file, dir).cache).toBe("used");
  });

  it("runs under other V8 flags (NODE_OPTIONS) keep a cache of their own: V8 would reject the other's", () => {
    const file = bundle("cli-DDDD.cjs");
    const dir = path.join(scratch, "cache-4");
    mkdirSync(dir, { mode: 0o700 });
    loadBundle<Exports>(file, dir).saveCache(1);
    const plain = cacheFileName(file);
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = "--max-old-space-size=4096";
    try {
      const flagged = loadBundle<Exports>(file, dir);
      expect(flagged.cache).toBe("none");
      flagged.saveCache(1);
      expect(cacheFileName(file)).not.toBe(plain);
      expect(readdirSync(dir).sort()).toEqual([plain, cacheFileName(file)].sort());
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
    expect(loadBundle<Exports>(file, dir).cache).toBe("used");
  });

  it("without a directory it compiles as usual and saves nothing", () => {
    const loaded = loadBundle<Exports>(bundle("cli-CCCC.cjs"), undefined);
    loaded.saveCache(1);
    expect([loaded.cache, loaded.exports.add(1, 2)]).toEqual(["none", 3]);
  });
});

describe("privateCacheDirectory", () => {
  it("is this user's directory under NODE_COMPILE_CACHE, made private", () => {
    const dir = privateCacheDirectory({ NODE_COMPILE_CACHE: path.join(scratch, "node-cache") });
    expect(dir).toBe(path.join(scratch, "node-cache", `cdktf-schema-check-${process.getuid!()}`));
    expect(statSync(dir!).mode & 0o777).toBe(0o700);
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE", () => {
    expect(privateCacheDirectory({ NODE_DISABLE_COMPILE_CACHE: "1", NODE_COMPILE_CACHE: path.join(scratch, "off") })).toBeUndefined();
  });

  it.runIf(process.getuid?.() === 0)("is off when another user owns the directory (needs root to give it away)", () => {
    const base = path.join(scratch, "theirs");
    const dir = privateCacheDirectory({ NODE_COMPILE_CACHE: base })!;
    chownSync(dir, 65534, 65534);
    expect(privateCacheDirectory({ NODE_COMPILE_CACHE: base })).toBeUndefined();
  });

  it("is off when the directory is a link, even to a directory of this user's (it is not followed)", () => {
    const base = path.join(scratch, "linked");
    const target = path.join(scratch, "elsewhere");
    mkdirSync(base);
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, path.join(base, `cdktf-schema-check-${process.getuid!()}`));
    expect(privateCacheDirectory({ NODE_COMPILE_CACHE: base })).toBeUndefined();
  });

  it("is off when others may write to the directory (they could plant code)", () => {
    const base = path.join(scratch, "shared");
    const dir = privateCacheDirectory({ NODE_COMPILE_CACHE: base })!;
    chmodSync(dir, 0o777);
    expect(privateCacheDirectory({ NODE_COMPILE_CACHE: base })).toBeUndefined();
  });
});
