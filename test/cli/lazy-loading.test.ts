/**
 * What the command line loads before it knows what to do (issue 14): the modules `--help` and
 * the command definitions need, and those a check needs, followed through static imports from
 * the sources (the bundle, scripts/build.ts, keeps the same laziness: a module behind `import()`
 * is initialised only when it is imported).
 * Type-only imports load nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

/** Every module `entry` loads through static imports: source files (relative to src/), packages and Node built-ins. */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [path.join(SRC, entry)];
  for (let file = pending.pop(); file; file = pending.pop()) {
    const name = path.relative(SRC, file);
    if (seen.has(name)) continue;
    seen.add(name);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^;]*?\sfrom\s+)?"([^"]+)";/gms)) {
      if (specifier!.startsWith(".")) pending.push(path.resolve(path.dirname(file), specifier!).replace(/\.js$/, ".ts"));
      else seen.add(specifier!);
    }
  }
  return seen;
}

describe("the command line loads what a command needs when it runs", () => {
  it("--help and the command definitions load commander and nothing of the checker, zod or the schema tools", () => {
    expect([...staticGraph("cli/main.ts")].filter((m) => !m.startsWith("node:")).sort()).toEqual(["cli/check-command.ts", "cli/exit-codes.ts", "cli/main.ts", "cli/schema-commands.ts", "commander", "report/escape.ts", "schema/store/locations.ts"]);
  });

  it("a check loads neither schema extraction (typescript, tar-stream) nor the schema commands", () => {
    const check = staticGraph("cli/run-check.ts");
    expect(check).toContain("check/files.ts");
    expect([...check].filter((m) => m.startsWith("schema/extract/") || m.startsWith("schema/fetch/") || m === "typescript" || m === "tar-stream" || m.startsWith("cli/schema-"))).toEqual([]);
  });

  it("a check, and the launcher before it, load node:crypto and node:v8 only when they use them (core/builtins.ts): each takes milliseconds", () => {
    for (const entry of ["cli/launch.ts", "cli/run-check.ts", "cdktf/index.ts"]) {
      expect([...staticGraph(entry)].filter((m) => m === "node:crypto" || m === "node:v8")).toEqual([]);
    }
  });

  it("synth-time checking (SchemaCheck) loads no command line", () => {
    expect([...staticGraph("cdktf/index.ts")].filter((m) => m.startsWith("cli/") || m === "commander")).toEqual([]);
  });
});
