import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Extracted bindings are cached under XDG_CACHE_HOME: tests never touch the user's own cache.
    env: { XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), "cdktf-schema-check-cache-")) },
  },
});
