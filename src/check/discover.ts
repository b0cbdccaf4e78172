/**
 * Which files to check: files named on the command line as they are; directories searched for
 * `**\/cdk.tf.json` (cdktf's `cdktf.out/stacks/<stack>/cdk.tf.json`) and the `*.tf.json` directly
 * inside them (hand-written configurations), skipping `node_modules` and `.terraform`.
 *
 * Symbolic links are followed, as Terraform follows them, each directory entered once per named
 * directory (by its real path, which also ends link loops); a file reached under two names is
 * checked once. A directory inside one named before is searched again when named itself: the
 * first search wanted only its `cdk.tf.json` files, not the `*.tf.json` directly inside it. What
 * cannot be read (a missing path, a directory without permission, a dangling link named like a
 * configuration) does not stop the search: it is returned as a problem, and the rest is found.
 *
 * Synchronous, as reading the files is (files.ts): each promise of node:fs/promises waited for
 * the event loop and libuv's threads, and finding the 50 stacks of a cdktf.out took 17–24 ms.
 */
import { type Dirent, type Stats, lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";

const SKIPPED = new Set(["node_modules", ".terraform"]);

export interface FoundDocuments {
  files: string[];
  /** One line each: what could not be searched or read, and why. */
  problems: string[];
}

/** `realpath`, or the path itself when it has none (a dangling link, a race with its removal). */
function realOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function findDocuments(paths: readonly string[]): FoundDocuments {
  const files: string[] = [];
  const problems: string[] = [];
  const seenFiles = new Set<string>();
  /** Named directories, by real path: naming one again finds nothing new. */
  const named = new Set<string>();
  const addFile = (path: string) => {
    const real = realOr(path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };
  for (const path of paths) {
    let info: Stats;
    try {
      info = statSync(path);
    } catch (err) {
      problems.push(`${path}: ${whyUnreadable(path, err)}`);
      continue;
    }
    if (info.isFile()) addFile(path);
    else if (info.isDirectory()) {
      const real = realOr(path);
      if (named.has(real)) continue;
      named.add(real);
      const problemsBefore = problems.length;
      const found = searchDirectory(path, { addFile, problems });
      if (found === 0 && problems.length === problemsBefore) problems.push(`${path}: no cdk.tf.json or *.tf.json files in this directory`);
    } else problems.push(`${path}: not a file or directory`);
  }
  return { files, problems };
}

interface Search {
  addFile: (path: string) => void;
  problems: string[];
}

/**
 * Depth first, entries in name order, with an explicit stack (directory trees can be deep).
 * Returns how many configuration files it met, those found before under another name included.
 */
function searchDirectory(root: string, search: Search): number {
  const entered = new Set<string>();
  let found = 0;
  const stack: { dir: string; top: boolean; entries?: Dirent[]; next: number }[] = [{ dir: root, top: true, next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (!frame.entries) {
      const real = realOr(frame.dir);
      // Entered before (a link to it, or a link loop back up): nothing new below.
      if (entered.has(real)) {
        stack.pop();
        continue;
      }
      entered.add(real);
      try {
        frame.entries = readdirSync(frame.dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (err) {
        search.problems.push(`${frame.dir}: cannot read this directory: ${describeError(err)}`);
        stack.pop();
        continue;
      }
    }
    if (frame.next >= frame.entries.length) {
      stack.pop();
      continue;
    }
    const entry = frame.entries[frame.next++]!;
    const name = entry.name;
    const path = join(frame.dir, name);
    const wanted = name === "cdk.tf.json" || (frame.top && name.endsWith(".tf.json"));
    let info: Dirent | Stats = entry;
    if (entry.isSymbolicLink()) {
      try {
        // A linked stack directory or file counts like a real one.
        info = statSync(path);
      } catch (err) {
        if (wanted) search.problems.push(`${path}: cannot read: ${describeError(err)}`);
        continue;
      }
    }
    if (info.isDirectory()) {
      if (!SKIPPED.has(name)) stack.push({ dir: path, top: false, next: 0 });
    } else if (info.isFile() && wanted) {
      found++;
      search.addFile(path);
    }
  }
  return found;
}

/** Why a path cannot be used; for a missing one, whether it is really missing or hidden behind a parent we may not enter. */
function whyUnreadable(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    // A dangling symbolic link is a link to nothing, not nothing.
    let link: string | undefined;
    try {
      realpathSync(path);
    } catch (e) {
      link = (e as NodeJS.ErrnoException).code;
    }
    let isLink = false;
    try {
      isLink = lstatSync(path).isSymbolicLink();
    } catch {
      // Not even the link is there.
    }
    return link === "ENOENT" && isLink ? "a symbolic link to a path that does not exist" : "no such file or directory";
  }
  // stat needs to enter every directory on the way: EACCES here means one of them refuses.
  if (code === "EACCES" || code === "EPERM") return `cannot read: ${describeError(err)}: a directory on the way to it cannot be entered`;
  return `cannot read: ${describeError(err)}`;
}

export function describeError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return `permission denied (${code})`;
    case "ENOENT":
      return "no such file or directory";
    case "ENOTDIR":
      return "a part of the path is a file, not a directory (ENOTDIR)";
    case "ELOOP":
      return "too many levels of symbolic links (ELOOP)";
    case "EISDIR":
      return "is a directory";
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}
