/**
 * What bin/cdktf-schema-check.js starts: the command line, one CommonJS bundle beside this file
 * (scripts/build.ts names it, with a hash of its content, in `CLI_BUNDLE`), loaded with its
 * compiled code kept between runs: by Node itself from 22.1, by code-cache.ts before.
 */
import module, { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { cacheDirectory, loadBundle } from "./code-cache.js";
import type { run } from "./main.js";

declare const CLI_BUNDLE: string;

export async function launch(argv: string[]): Promise<number> {
  const file = fileURLToPath(new URL(CLI_BUNDLE, import.meta.url));
  const { enableCompileCache } = module as { enableCompileCache?: () => unknown };
  if (enableCompileCache) {
    enableCompileCache();
    const cli = createRequire(import.meta.url)(file) as { run: typeof run };
    return cli.run(argv);
  }
  const cli = loadBundle<{ run: typeof run }>(file, cacheDirectory());
  return cli.exports.run(argv, { afterCheck: cli.saveCache });
}
