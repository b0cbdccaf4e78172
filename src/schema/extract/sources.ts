/**
 * Where bindings are and what form they take: a package with a jsii assembly (an unpacked npm
 * package, or a tarball: the npm `.tgz` or the `.jsii.tgz` that Python, Java, C# and Go packages
 * embed), or the TypeScript tree `cdktf get` writes for TypeScript projects
 * (`.gen/providers/<name>/<module>/index.ts`), which has no assembly.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

export class BindingsLayoutError extends Error {}

export type BindingsForm = { kind: "tarball"; file: string } | { kind: "package"; dir: string } | { kind: "typescript"; dir: string };

export async function bindingsForm(target: string): Promise<BindingsForm> {
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new BindingsLayoutError(`${target}: no such file or directory`);
  if (info.isFile()) {
    if (/\.t(ar\.)?gz$/.test(target)) return { kind: "tarball", file: target };
    throw new BindingsLayoutError(`${target}: expected a package tarball (.tgz) or a directory of bindings`);
  }
  if (existsSync(path.join(target, ".jsii"))) return { kind: "package", dir: target };
  return { kind: "typescript", dir: target };
}

export interface ModuleSource {
  /** Directory of the module (`…/backup-plan`). */
  dir: string;
  read(): Promise<string>;
}

/** The `<module>/index.ts` files of a `cdktf get` TypeScript tree. */
export async function typeScriptModules(dir: string): Promise<ModuleSource[]> {
  const root = path.resolve(dir);
  const entries = await readdir(root, { withFileTypes: true });
  const modules: ModuleSource[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory()) continue;
    const file = path.join(root, entry.name, "index.ts");
    if (existsSync(file)) modules.push({ dir: path.join(root, entry.name), read: () => readFile(file, "utf8") });
  }
  if (modules.length === 0) {
    throw new BindingsLayoutError(
      `${dir}: no CDKTF bindings found (expected a provider package with a .jsii assembly, a package tarball, or a \`cdktf get\` output such as .gen/providers/aws with <module>/index.ts)`,
    );
  }
  return modules;
}
