import { renameSync, rmSync, writeFileSync } from "node:fs";

/**
 * Writes `file` aside and renames it into place, so that a reader meanwhile sees the whole file
 * or none; on failure nothing is left aside, and the error is thrown.
 */
export function writeFileAtomically(file: string, data: string | NodeJS.ArrayBufferView, mode?: number): void {
  // Per process and call: threads of one process may write the same file.
  const aside = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}`;
  try {
    writeFileSync(aside, data, mode === undefined ? undefined : { mode });
    renameSync(aside, file);
  } catch (err) {
    rmSync(aside, { force: true });
    throw err;
  }
}
