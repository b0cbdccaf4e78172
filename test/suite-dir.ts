/**
 * A temporary directory for one suite: made before its tests run and removed after them. A
 * directory made while vitest collects the tests would stay behind when the suite is skipped
 * (no terraform on PATH, say): vitest runs no hooks for a skipped suite.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

/** The suite's directory, named `<prefix>XXXXXX`; call the result inside its tests. */
export function suiteDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => dir!;
}
