/**
 * Finds the generated TypeScript of every binding module in a directory: either an installed
 * prebuilt package (`@cdktf/provider-aws`: compiled `lib/<module>/index.js`, whose inline source
 * map carries the original TypeScript with all the generator's comments), or the tree
 * `cdktf get` writes (`.gen/providers/<name>/<module>/index.ts`).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

export interface ModuleSource {
  /** Directory of the module (`…/lib/backup-plan`). */
  dir: string;
  read(): Promise<string>;
}

export interface BindingsLayout {
  /** `@cdktf/provider-aws@21.22.1` for a package, else the directory. */
  origin: string;
  modules: ModuleSource[];
}

export class BindingsLayoutError extends Error {}

const INLINE_SOURCE_MAP = "//# sourceMappingURL=data:application/json;base64,";

export async function findBindings(dir: string): Promise<BindingsLayout> {
  const root = path.resolve(dir);
  const manifest = await readJson(path.join(root, "package.json"));
  if (manifest && (await isDirectory(path.join(root, "lib")))) {
    return {
      origin: `${String(manifest["name"])}@${String(manifest["version"])}`,
      modules: await modulesWith(path.join(root, "lib"), "index.js", compiledSource),
    };
  }
  const modules = await modulesWith(root, "index.ts", (file) => readFile(file, "utf8"));
  if (modules.length === 0) {
    throw new BindingsLayoutError(
      `${dir}: no CDKTF bindings found (expected a provider package with lib/<module>/index.js, or a \`cdktf get\` output such as .gen/providers/aws with <module>/index.ts)`,
    );
  }
  return { origin: root, modules };
}

async function modulesWith(parent: string, fileName: string, load: (file: string) => Promise<string>): Promise<ModuleSource[]> {
  const entries = await readdir(parent, { withFileTypes: true });
  const modules: ModuleSource[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(parent, entry.name);
    const file = path.join(dir, fileName);
    if (await exists(file)) modules.push({ dir, read: () => load(file) });
  }
  return modules;
}

/** The TypeScript a compiled module was built from, out of its inline source map. */
async function compiledSource(file: string): Promise<string> {
  const js = await readFile(file, "utf8");
  const at = js.lastIndexOf(INLINE_SOURCE_MAP);
  if (at < 0) {
    throw new BindingsLayoutError(`${file}: no inline source map; the extractor reads the generated TypeScript it embeds`);
  }
  const end = js.indexOf("\n", at);
  const encoded = js.slice(at + INLINE_SOURCE_MAP.length, end < 0 ? undefined : end);
  const map = JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as { sourcesContent?: (string | null)[] };
  const source = map.sourcesContent?.[0];
  if (typeof source !== "string") throw new BindingsLayoutError(`${file}: the source map carries no sourcesContent`);
  return source;
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined)) !== undefined;
}
