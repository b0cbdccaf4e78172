/**
 * Where a run keeps what it worked out for the next run: the command line's compiled code
 * (cli/code-cache.ts) and the schema bodies it decoded (schema/store/history.ts). A directory
 * only this user can write to, since a code cache is code this process runs and a decoded
 * schema decides what passes. `NODE_DISABLE_COMPILE_CACHE` turns it off and `NODE_COMPILE_CACHE`
 * says where it goes, as for Node's own compile cache. On Windows, whose file modes do not say
 * who may write, it stays off.
 *
 * Every upgrade, Node release or copy of the package leaves files for a build no run will use
 * again (a code cache is about 600 KB). A file's modification time says when a run last used it
 * (refreshed at most once a day, `markUsed`), and a run, the first time it writes a cache file,
 * removes those no run has used for `UNUSED_DAYS`.
 */
import { lstatSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomically } from "./atomic-write.js";

/** This user's cache directory, or undefined when caching is off or the directory is not safely ours. */
export function privateCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
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
 * Writes a cache file aside and renames it into place, so that a run started meanwhile reads a
 * whole file or none. A cache is an optimisation: a read-only or full disk only costs the next
 * run its work. Then removes, in one pass, those the new one `supersedes` (other names with that
 * prefix: an earlier content's) and, the first time in a process, those no run has used for
 * UNUSED_DAYS.
 */
export function writeCacheFile(file: string, data: string | NodeJS.ArrayBufferView, supersedes?: string): void {
  try {
    writeFileAtomically(file, data, 0o600);
  } catch {
    // See above: the next run does the work again.
  }
  removeUnused(file, supersedes);
}

/** How long a cache file may go unused before a run that writes one removes it. */
export const UNUSED_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Records that this run used a cache file: its modification time, moved to now when a day old. */
export function markUsed(file: string): void {
  try {
    const now = Date.now();
    if (now - statSync(file).mtimeMs > DAY_MS) utimesSync(file, now / 1000, now / 1000);
  } catch {
    // Gone meanwhile, or not ours to change: at worst it is removed and made again.
  }
}

/** Directories this process has looked through for unused files: once is enough (a run may write several). */
const swept = new Set<string>();

/** Removes the files beside `written` (in this user's private directory) that are superseded, or (once per process) unused. */
function removeUnused(written: string, supersedes: string | undefined): void {
  const dir = path.dirname(written);
  const sweep = !swept.has(dir);
  if (!sweep && supersedes === undefined) return;
  swept.add(dir);
  const before = Date.now() - UNUSED_DAYS * DAY_MS;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // Left for the next run that writes.
  }
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    if (!entry.isFile() || file === written) continue;
    try {
      const superseded = supersedes !== undefined && entry.name.startsWith(supersedes);
      if (superseded || (sweep && statSync(file).mtimeMs < before)) rmSync(file, { force: true });
    } catch {
      // Renamed or removed meanwhile by another run: the others are still looked at.
    }
  }
}
