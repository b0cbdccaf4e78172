/** File paths as reports show them. */
import path from "node:path";

/**
 * `file` relative to `dir` when it lies below it (`cdktf.out/x.json`), else undefined; a
 * relative `file` is taken from `from` (by default `dir`).
 */
export function pathBelow(dir: string, file: string, from = dir): string | undefined {
  const relative = path.relative(dir, path.resolve(from, file));
  if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return relative;
}

/** Where a report's paths start (`root`) and where the input's relative paths are resolved (`from`). */
export interface ReportBase {
  root: string;
  from: string;
}

/**
 * A directory given (both), else: paths from `GITHUB_WORKSPACE` (the checked-out repository) in
 * GitHub Actions, where the checker may run in a project's subdirectory, so that GitHub finds
 * the files; else from the working directory, where relative paths are resolved.
 */
export function reportBase(dir?: string): ReportBase {
  if (dir !== undefined) return { root: path.resolve(dir), from: path.resolve(dir) };
  return { root: path.resolve(process.env.GITHUB_WORKSPACE || process.cwd()), from: process.cwd() };
}
