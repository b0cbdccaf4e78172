/**
 * `npm run build` (and `npm pack`, through `prepack`): the package as it ships.
 *
 *   dist/          tsc's ES modules and declarations: the types of the entry points, and the
 *                  bindings extractor's child process (schema/bindings/extract-main.js)
 *   dist/bundle/   what `import` loads: `index.js` and `cdktf.js` and the chunk they share,
 *                  bundled by esbuild with zod and semver; in `cli/`, the command line: one
 *                  CommonJS script with commander (`cli-<hash>.cjs`) and `launch.cjs`, which
 *                  bin/ starts and which loads the script with its code cache
 *   dist/cjs/      the same for `require` users (the `cdktf init` TypeScript template, module
 *                  CommonJS with ts-node; jest): `index.js` and `cdktf/index.js` over one CommonJS
 *                  bundle, `bundle.js`, and the declarations
 *
 * Why bundles: Node loads ES modules one by one, resolving, reading and compiling each: a check
 * loaded about 170 (ours and zod's), which took longer than checking a 100-resource stack; a
 * bundle of the parts used, in a few files, loads in a fraction of that (`npm run bench`). The
 * command line is bundled apart from the entry points: split together, they shared code in many
 * small chunks, each a file to load.
 *
 * A module's `import.meta.url` (which finds the shipped schemas, backends.json, functions.json,
 * package.json and the extractor's child, and anchors core/builtins.ts's require) becomes the
 * URL its tsc twin has in dist/, computed from the URL of the bundle it is in, so relative paths
 * reach the same files. Every output of a format sits in one directory, so one relative path
 * works from each of its chunks.
 * No source maps: the package does not ship the TypeScript sources they would point at.
 *
 *   tsx scripts/build.ts [--out DIR]     (default: dist)
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { build, type Plugin } from "esbuild";

const root = path.join(import.meta.dirname, "..");
const src = path.join(root, "src");
const { values } = parseArgs({ options: { out: { type: "string", default: "dist" } } });
const out = path.resolve(root, values.out);
const cjs = path.join(out, "cjs");

rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", out], { stdio: "inherit" });

/** Loaded only by the commands that need them, from the project that has them (see src/schema/extract). */
const external = ["typescript", "tar-stream"];
const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", external, logLevel: "warning" } as const;

/** `import.meta.url` of each source module → the URL of its twin in dist/, from `base` (the bundle's own URL) in `dir`. */
function twinUrls(base: string, dir: string): Plugin {
  return {
    name: "twin-urls",
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        if (!args.path.startsWith(src + path.sep) || !source.includes("import.meta.url")) return { contents: source, loader: "ts" };
        const twin = path.join(out, path.relative(src, args.path)).replace(/\.ts$/, ".js");
        const relative = path.relative(dir, twin).split(path.sep).join("/");
        return { contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, ${base}).href`), loader: "ts" };
      });
    },
  };
}

// ES modules: the import entry points and their shared chunks. An ES module has no `require`: the
// build fails if something bundled (a CommonJS dependency) would call it for a module outside.
const esm = await build({
  ...common,
  entryPoints: { index: "src/index.ts", cdktf: "src/cdktf/index.ts" },
  outdir: path.join(out, "bundle"),
  format: "esm",
  splitting: true,
  chunkNames: "[name]-[hash]",
  metafile: true,
  plugins: [twinUrls("import.meta.url", path.join(out, "bundle"))],
});
const required = Object.values(esm.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.kind === "require-call").map((i) => i.path));
if (required.length > 0) throw new Error(`the import entry points' bundles must not require(): ${required.join(", ")}`);

/**
 * commander's `require("node:child_process")`, answered with the module loaded when first used:
 * commander spawns only for executable subcommands, which the command line has none of, and
 * loading child_process (with net and dgram) cost about 1.5 ms of every run.
 */
const LAZY_CHILD_PROCESS = "lazy-child-process";
const lazyChildProcess: Plugin = {
  name: LAZY_CHILD_PROCESS,
  setup(builder) {
    builder.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}commander${path.sep}`) ? { path: "child_process", namespace: LAZY_CHILD_PROCESS } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: LAZY_CHILD_PROCESS }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_, name) => require("node:child_process")[name] });',
      loader: "js",
    }));
  },
};

// The command line: one CommonJS script, which src/cli/launch.ts loads with V8's code cache
// (code-cache.ts): a script can carry one, an ES module cannot before Node 22. What a command
// needs is still initialised only when it runs (esbuild keeps `import()` lazy); its name carries
// a hash of its content, which keys the cache.
const BUNDLE_URL = "__cdktfSchemaCheckBundleUrl";
/** What a CommonJS bundle knows of its own URL, for the twin URLs (an ES module has `import.meta.url`). */
const BUNDLE_URL_BANNER = `const ${BUNDLE_URL} = require("node:url").pathToFileURL(__filename).href;`;
const cliDir = path.join(out, "bundle", "cli");
const cli = await build({
  ...common,
  entryPoints: { cli: "src/cli/main.ts" },
  entryNames: "[name]-[hash]",
  outExtension: { ".js": ".cjs" },
  outdir: cliDir,
  format: "cjs",
  metafile: true,
  banner: { js: BUNDLE_URL_BANNER },
  plugins: [twinUrls(BUNDLE_URL, cliDir), lazyChildProcess],
});
const [cliOutput, cliMeta] = Object.entries(cli.metafile.outputs)[0]!;
const dynamicImports = cliMeta.imports.filter((i) => i.kind === "dynamic-import").map((i) => i.path);
if (dynamicImports.length > 0) throw new Error(`the command line's bundle must not import() (a script has no loader for it): ${dynamicImports.join(", ")}`);
const cliBundle = path.basename(cliOutput);
await build({
  ...common,
  entryPoints: { launch: "src/cli/launch.ts" },
  outExtension: { ".js": ".cjs" },
  outdir: cliDir,
  format: "cjs",
  define: { CLI_BUNDLE: JSON.stringify(cliBundle) },
  banner: { js: BUNDLE_URL_BANNER },
  plugins: [twinUrls(BUNDLE_URL, cliDir)],
});

// CommonJS: one bundle with both entry points' exports (so that a class is the same class from
// either), and each entry point a view of its part.
await build({
  ...common,
  stdin: { contents: 'export * as main from "./src/index.ts";\nexport * as cdktf from "./src/cdktf/index.ts";\n', resolveDir: root, sourcefile: "cjs-bundle.ts", loader: "ts" },
  outfile: path.join(cjs, "bundle.js"),
  format: "cjs",
  banner: { js: BUNDLE_URL_BANNER },
  plugins: [twinUrls(BUNDLE_URL, cjs)],
});
const view = (part: string, bundle: string) =>
  [
    '"use strict";',
    `// The ${part === "main" ? "main entry point" : `"./${part}" entry point`}: its part of ${bundle} (see scripts/build.ts).`,
    'Object.defineProperty(exports, "__esModule", { value: true });',
    `const part = require(${JSON.stringify(bundle)}).${part};`,
    "for (const name of Object.keys(part)) Object.defineProperty(exports, name, { enumerable: true, get: () => part[name] });",
    "",
  ].join("\n");
writeFileSync(path.join(cjs, "index.js"), view("main", "./bundle.js"));
mkdirSync(path.join(cjs, "cdktf"), { recursive: true });
writeFileSync(path.join(cjs, "cdktf", "index.js"), view("cdktf", "../bundle.js"));
// The declarations, for `require` users' TypeScript; Node and TypeScript read files below dist/cjs as CommonJS.
for (const file of filesUnder(out)) {
  const relative = path.relative(out, file);
  if (!file.endsWith(".d.ts") || relative.startsWith(`cjs${path.sep}`) || relative.startsWith(`bundle${path.sep}`)) continue;
  mkdirSync(path.dirname(path.join(cjs, relative)), { recursive: true });
  copyFileSync(file, path.join(cjs, relative));
}
writeFileSync(path.join(cjs, "package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}
