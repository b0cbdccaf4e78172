/**
 * Which files to check: files named on the command line as they are; directories searched for
 * `**\/cdk.tf.json` (cdktf's `cdktf.out/stacks/<stack>/cdk.tf.json`) and the `*.tf.json` directly
 * inside them (hand-written configurations), skipping `node_modules` and `.terraform`.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "./input-error.js";

const SKIPPED = new Set(["node_modules", ".terraform"]);

export async function findDocuments(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new InputError(`${path}: no such file or directory`);
    if (info.isFile()) found.push(path);
    else if (info.isDirectory()) {
      const inside = await searchDirectory(path, true);
      if (inside.length === 0) throw new InputError(`${path}: no cdk.tf.json or *.tf.json files in this directory`);
      found.push(...inside);
    } else throw new InputError(`${path}: not a file or directory`);
  }
  return [...new Set(found)];
}

async function searchDirectory(dir: string, top: boolean): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) found.push(...(await searchDirectory(path, false)));
    } else if (entry.isFile() && (entry.name === "cdk.tf.json" || (top && entry.name.endsWith(".tf.json")))) {
      found.push(path);
    }
  }
  return found;
}
