/**
 * Data flows one way: document + schema → diagnostics → report. Each directory of src/ is a
 * floor, and a module imports only from its own floor or the ones below it; the shared
 * vocabulary (pointers, rule ids, diagnostics, did-you-mean, the expression language) sits at
 * the bottom, below both the validators and the checker.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");

/** Lower floors first. */
const FLOORS: string[][] = [
  ["core", "zod.ts", "zod-parts.ts"],
  ["hcl"],
  ["schema"],
  ["terraform"],
  ["validators"],
  ["check"],
  ["config", "report"],
  ["cdktf", "cli", "index.ts"],
];

function floorOf(file: string): number {
  const top = path.relative(SRC, file).split(path.sep)[0]!;
  const floor = FLOORS.findIndex((names) => names.includes(top));
  if (floor < 0) throw new Error(`${top} is on no floor: add it to FLOORS`);
  return floor;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("layers", () => {
  it("no module in src/ imports from a floor above its own", () => {
    const upward: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, "utf8");
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
        const target = path.resolve(path.dirname(file), specifier!).replace(/\.js$/, ".ts");
        if (floorOf(target) > floorOf(file)) upward.push(`${path.relative(SRC, file)} imports ${path.relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
