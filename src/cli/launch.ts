/**
 * What bin/cdktf-schema-check.js starts: the command line, one CommonJS bundle beside this file
 * (scripts/build.ts names it, with a hash of its content, in `CLI_BUNDLE`), loaded with its
 * compiled code kept between runs (code-cache.ts).
 *
 * Built as CommonJS (dist/bundle/cli/launch.cjs), as bin/ is: a process that loads no ES module
 * never starts Node's ES module loader, which costs about 10 ms of every run.
 */
import module from "node:module";
import path from "node:path";
import { privateCacheDirectory } from "../core/private-cache.js";
import { loadBundle } from "./code-cache.js";
import type { run } from "./main.js";

export { exitWhenWritten } from "./exit.js";

declare const CLI_BUNDLE: string;

export async function launch(argv: string[]): Promise<number> {
  const file = path.join(__dirname, CLI_BUNDLE);
  const dir = privateCacheDirectory();
  const { enableCompileCache } = module as { enableCompileCache?: () => unknown };
  // Node's own compile cache (22.1+) keeps what loading the bundle compiled, ours also what a
  // check compiled (Node 22, 100 resources: 120 → 97 ms): Node's only on Windows, where ours is
  // off; elsewhere a directory ours refuses (not this user's alone) is no place for Node's either.
  if (process.platform === "win32" && enableCompileCache) {
    enableCompileCache();
    const cli = require(file) as { run: typeof run };
    return cli.run(argv);
  }
  const cli = loadBundle<{ run: typeof run }>(file, dir);
  return cli.exports.run(argv, { afterCheck: cli.saveCache });
}
