/**
 * `npm run build` (and `npm pack`, through `prepack`): the package as it ships.
 *
 *   dist/        ES modules and their declarations, compiled by tsc (the CLI, `import` users)
 *   dist/cjs/    the same modules as CommonJS, for `require` users: the `cdktf init` TypeScript
 *                template (module CommonJS, ts-node) and jest, which cannot load ES modules
 *
 * tsc cannot emit one source as both formats (the ES build locates shipped schemas with
 * `import.meta.url`, a syntax error in CommonJS), so esbuild converts each compiled ES module,
 * replacing `import.meta.url` with the URL of the module's ES twin (dist/x/y.js for
 * dist/cjs/x/y.js), so paths relative to it reach the same files. Programs run as processes (the
 * CLI, the bindings extractor's child) stay ES-only: the CommonJS modules start their ES twins.
 * No source maps: the package does not ship the TypeScript sources they would point at.
 *
 *   tsx scripts/build.ts [--out DIR]     (default: dist)
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { transformSync } from "esbuild";

const root = path.join(import.meta.dirname, "..");
const { values } = parseArgs({ options: { out: { type: "string", default: "dist" } } });
const out = path.resolve(root, values.out);
const cjs = path.join(out, "cjs");

rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", out], { stdio: "inherit" });

const META_URL = "__cdktfSchemaCheckModuleUrl";
/** Programs node runs as processes of their own (the CLI, the bindings extractor's child): ES only, nobody requires them. */
const PROCESS_ENTRIES = [`cli${path.sep}`, path.join("schema", "bindings", "extract-main.")];
for (const file of filesUnder(out)) {
  const relative = path.relative(out, file);
  if (PROCESS_ENTRIES.some((entry) => relative.startsWith(entry))) continue;
  const target = path.join(cjs, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  if (file.endsWith(".d.ts")) {
    copyFileSync(file, target);
  } else if (file.endsWith(".js")) {
    const source = readFileSync(file, "utf8");
    const usesMetaUrl = source.includes("import.meta.url");
    const up = "../".repeat(relative.split(path.sep).length - 1);
    const twin = `require("node:path").resolve(__dirname, ${JSON.stringify(`${up}..`)}, ${JSON.stringify(relative.split(path.sep).join("/"))})`;
    const { code } = transformSync(source, {
      format: "cjs",
      platform: "node",
      target: "node20",
      sourcefile: relative,
      ...(usesMetaUrl
        ? { define: { "import.meta.url": META_URL }, banner: `const ${META_URL} = require("node:url").pathToFileURL(${twin}).href;` }
        : {}),
    });
    writeFileSync(target, code);
  }
}
// Node and TypeScript read .js and .d.ts files below dist/cjs as CommonJS.
writeFileSync(path.join(cjs, "package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}
