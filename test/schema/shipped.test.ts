/**
 * The package's own schema files are read without zod (src/schema/read.ts says why), so here
 * every value a check can read from them is held to its format: what the zod schema gives back
 * for it is the value itself (nothing invalid, nothing it would drop), keys aside: zod puts an
 * object's keys in its schema's order, the files keep the order they were written in, which
 * nothing reads but `schema show --json` (which prints through zod).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { blockSchema, typeSchemaSchema } from "../../src/schema/format.js";
import { HISTORY_DIR, HISTORY_INDEX_FILE, HISTORY_PACK_FILE, historyEntrySchema, historyIndexSchema } from "../../src/schema/store/history-format.js";
import { SHIPPED_SCHEMAS_DIR } from "../../src/schema/store/locations.js";
import { backendsFileSchema, SHIPPED_BACKENDS_FILE } from "../../src/terraform/backends.js";
import { functionsFileSchema, SHIPPED_FUNCTIONS_FILE } from "../../src/terraform/functions.js";
import type { z } from "../../src/zod.js";

/** `value` is what `schema` gives back for it: valid, and nothing dropped. */
function expectAsIs(schema: z.ZodType, value: unknown, what: string): void {
  const result = schema.safeParse(value);
  expect(result.success ? "" : `${what}: ${result.error.issues[0]!.message} at ${result.error.issues[0]!.path.join(".")}`).toBe("");
  expect(result.data, what).toStrictEqual(value);
}

const histories = readdirSync(SHIPPED_SCHEMAS_DIR, { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === HISTORY_INDEX_FILE && path.basename(path.dirname(file)) === HISTORY_DIR)
  .map((file) => path.join(SHIPPED_SCHEMAS_DIR, path.dirname(file)));

describe("the shipped schema files are exactly their formats", () => {
  it("finds the shipped histories", () => {
    expect(histories.map((dir) => path.relative(SHIPPED_SCHEMAS_DIR, dir))).toContain(path.join("registry.terraform.io", "hashicorp", "aws", HISTORY_DIR));
  });

  it.each(histories.map((dir) => [path.relative(SHIPPED_SCHEMAS_DIR, dir), dir]))("%s: the index, every entry and every body a version uses", (_, dir) => {
    const index = JSON.parse(brotliDecompressSync(readFileSync(path.join(dir, HISTORY_INDEX_FILE))).toString("utf8")) as z.infer<typeof historyIndexSchema>;
    expectAsIs(historyIndexSchema, index, "index");
    const pack = readFileSync(path.join(dir, HISTORY_PACK_FILE));
    const entries: [string, unknown, z.ZodType][] = [
      ["provider", index.provider, blockSchema],
      ...Object.entries(index.resources).map(([type, entry]): [string, unknown, z.ZodType] => [`resources.${type}`, entry, typeSchemaSchema]),
      ...Object.entries(index.data_sources).map(([type, entry]): [string, unknown, z.ZodType] => [`data_sources.${type}`, entry, typeSchemaSchema]),
    ];
    let bodies = 0;
    for (const [what, entry, bodySchema] of entries) {
      expectAsIs(historyEntrySchema, entry, what);
      const [chunk, runs] = entry as z.infer<typeof historyEntrySchema>;
      const [offset, length] = index.chunks[chunk]!;
      const lines = brotliDecompressSync(pack.subarray(offset, offset + length)).toString("utf8").split("\n");
      for (const line of new Set(runs.filter((_, i) => i % 3 === 2))) {
        expectAsIs(bodySchema, JSON.parse(lines[line]!), `${what} body ${line}`);
        bodies++;
      }
    }
    expect(bodies).toBeGreaterThanOrEqual(entries.length);
  });

  it("backends.json and functions.json", () => {
    expectAsIs(backendsFileSchema, JSON.parse(readFileSync(SHIPPED_BACKENDS_FILE, "utf8")), "backends.json");
    expectAsIs(functionsFileSchema, JSON.parse(readFileSync(SHIPPED_FUNCTIONS_FILE, "utf8")), "functions.json");
  });
});
