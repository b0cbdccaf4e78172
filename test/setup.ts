/**
 * Every test file gets its own cache directory: the checker remembers `terraform version` answers
 * in $XDG_CACHE_HOME/cdktf-schema-check, and its compiled code and decoded schemas under
 * $NODE_COMPILE_CACHE (else $TMPDIR); tests must neither read nor write the user's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const cache = mkdtempSync(join(tmpdir(), "cdktf-schema-check-cache-"));
process.env.XDG_CACHE_HOME = cache;
process.env.NODE_COMPILE_CACHE = cache;
afterAll(() => rmSync(cache, { recursive: true, force: true }));
