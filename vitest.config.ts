import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A cache directory per test file (the checker caches terraform's version and extracted
    // bindings under XDG_CACHE_HOME): tests never touch the user's own, and remove theirs.
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
