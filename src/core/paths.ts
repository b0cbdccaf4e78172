/** File paths as reports show them. */
import path from "node:path";

/** `file` relative to `dir` when it lies below it (`cdktf.out/x.json`), else undefined. */
export function pathBelow(dir: string, file: string): string | undefined {
  const relative = path.relative(dir, path.resolve(dir, file));
  if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return relative;
}
