/**
 * The private cache directory's upkeep (src/core/private-cache.ts): a run that writes a cache
 * file removes the files no run has used for UNUSED_DAYS (the code caches and remembered schemas
 * of builds no longer installed); a run that uses a file moves its time to now, once a day.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { markUsed, UNUSED_DAYS, writeCacheFile } from "../../src/core/private-cache.js";

const DAY_S = 24 * 60 * 60;

/** A file in `dir` last used `days` ago. */
function fileUsed(dir: string, name: string, days: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, name);
  const at = Date.now() / 1000 - days * DAY_S;
  utimesSync(file, at, at);
  return file;
}

const ageInDays = (file: string) => (Date.now() - statSync(file).mtimeMs) / 1000 / DAY_S;

describe("the private cache directory", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "private-cache-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it(`loses, when a run writes a file, the files no run has used for ${UNUSED_DAYS} days`, () => {
    fileUsed(dir, "cli-OLDBUILD.cjs-v20.0.0-x64.cache", UNUSED_DAYS + 1);
    fileUsed(dir, "decoded-registry.terraform.io_hashicorp_aws-00000000-4-00000000-00000000.bodies", UNUSED_DAYS + 30);
    fileUsed(dir, "cli-OTHERCOPY.cjs-v20.0.0-x64.cache", UNUSED_DAYS - 1);
    mkdirSync(path.join(dir, "not-a-file"));
    writeCacheFile(path.join(dir, "cli-NEW.cjs-v20.0.0-x64.cache"), "new");
    expect(readdirSync(dir).sort()).toEqual(["cli-NEW.cjs-v20.0.0-x64.cache", "cli-OTHERCOPY.cjs-v20.0.0-x64.cache", "not-a-file"]);
  });

  it("looks for unused files once per process, however many cache files a run writes", () => {
    writeCacheFile(path.join(dir, "decoded-a.bodies"), "bodies");
    fileUsed(dir, "cli-OLDBUILD.cjs-v20.0.0-x64.cache", UNUSED_DAYS + 1);
    writeCacheFile(path.join(dir, "cli-NEW.cjs-v20.0.0-x64.cache"), "new");
    expect(readdirSync(dir).sort()).toEqual(["cli-NEW.cjs-v20.0.0-x64.cache", "cli-OLDBUILD.cjs-v20.0.0-x64.cache", "decoded-a.bodies"]);
  });

  it("keeps a file a run has just used, however old it was", () => {
    const used = fileUsed(dir, "cli-USED.cjs-v20.0.0-x64.cache", UNUSED_DAYS + 5);
    markUsed(used);
    expect(ageInDays(used)).toBeLessThan(0.01);
    writeCacheFile(path.join(dir, "cli-NEW.cjs-v20.0.0-x64.cache"), "new");
    expect(readdirSync(dir)).toContain("cli-USED.cjs-v20.0.0-x64.cache");
  });

  it("moves a used file's time only once it is a day old (no write on every run)", () => {
    const recent = fileUsed(dir, "recent.cache", 0.5);
    markUsed(recent);
    expect(ageInDays(recent)).toBeCloseTo(0.5, 2);
    const yesterday = fileUsed(dir, "yesterday.cache", 1.5);
    markUsed(yesterday);
    expect(ageInDays(yesterday)).toBeLessThan(0.01);
  });

  it("takes a file that is gone when marked for one that was never there", () => {
    expect(() => markUsed(path.join(dir, "gone.cache"))).not.toThrow();
  });
});
