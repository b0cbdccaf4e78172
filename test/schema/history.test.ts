import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ProviderSchema } from "../../src/schema/format.js";
import { SchemaFileError } from "../../src/schema/read.js";
import { History } from "../../src/schema/store/history.js";
import { HistoryBuilder, historyDir } from "../../src/schema/store/history-write.js";
import { SchemaStore } from "../../src/schema/store/index.js";

/** Version 1.0.0 has thing_a; 1.1.0 adds `size` to it; 1.2.0 adds thing_b; 2.0.0 drops thing_a and `size` again. */
function schemaOf(version: string): ProviderSchema {
  const withSize = version === "1.1.0" || version === "1.2.0";
  const thingA = {
    block: {
      attributes: {
        name: { type: "string" as const, required: true, description: "dropped on write" },
        ...(withSize ? { size: { type: "number" as const, optional: true } } : {}),
      },
    },
  };
  const thingB = { block: { attributes: { id: { type: "string" as const, computed: true } } } };
  return {
    provider: { block: { attributes: { region: { type: "string", optional: true } } } },
    resource_schemas: {
      ...(version.startsWith("1.") ? { demo_thing_a: thingA } : {}),
      ...(version === "1.2.0" || version === "2.0.0" ? { demo_thing_b: thingB } : {}),
    },
    data_source_schemas: { demo_lookup: thingB },
  };
}

const VERSIONS = ["1.0.0", "1.1.0", "1.2.0", "2.0.0"];

describe("a provider history", () => {
  let dir: string;
  let written: { bytes: number; bodies: number };
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "history-"));
    const builder = new HistoryBuilder("registry.terraform.io/example/demo", ["a note"]);
    for (const version of VERSIONS) {
      builder.add({ version, from: `@cdktf/provider-demo@${version}`, createdAt: "2026-11-25T00:00:00Z", schema: schemaOf(version) });
    }
    written = await builder.write(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const history = () => new History(historyDir(dir, "example/demo"));

  it("stores each distinct type body once", () => {
    // provider 1, demo_thing_a 2 (without and with size), demo_thing_b 1, demo_lookup 1.
    expect(written.bodies).toBe(5);
    expect(history().versions).toEqual(VERSIONS);
  });

  it("gives each version exactly its own types, with provenance per version", () => {
    const store = new SchemaStore(dir);
    expect(store.versions("example/demo")).toEqual(VERSIONS);
    const v10 = store.open("example/demo", "1.0.0");
    expect(v10.resourceTypes()).toEqual(["demo_thing_a"]);
    expect(v10.resource("demo_thing_a")?.block.attributes).toEqual({ name: { type: "string", required: true } });
    expect(v10.provenance).toEqual({ method: "bindings", from: "@cdktf/provider-demo@1.0.0", createdAt: "2026-11-25T00:00:00Z", notes: ["a note"] });
    expect(store.open("example/demo", "1.2.0").resource("demo_thing_a")?.block.attributes?.size).toEqual({ type: "number", optional: true });
    const v20 = store.open("example/demo", "2.0.0");
    expect(v20.resourceTypes()).toEqual(["demo_thing_b"]);
    expect(v20.resource("demo_thing_a")).toBeUndefined();
    expect(v20.dataSource("demo_lookup")?.block.attributes?.id).toEqual({ type: "string", computed: true });
    expect(v20.provider().attributes?.region).toEqual({ type: "string", optional: true });
  });

  it("decodes only the types asked for", () => {
    const snapshot = new SchemaStore(dir).open("example/demo", "1.2.0");
    expect(snapshot.resourceTypes()).toHaveLength(2);
    expect(snapshot.decodedEntries).toBe(0);
    snapshot.resource("demo_thing_b");
    snapshot.resource("demo_thing_b");
    expect(snapshot.decodedEntries).toBe(1);
  });

  describe("bodies remembered between runs (what the command line and SchemaCheck do)", () => {
    const cache = () => path.join(dir, "cache");
    /** One run: a fresh store remembering in the cache, asking for `types` of 1.2.0; what it decoded itself. */
    const run = (types: string[]) => {
      mkdirSync(cache(), { recursive: true });
      const store = new SchemaStore(dir);
      store.rememberDecoded(cache());
      const snapshot = store.open("example/demo", "1.2.0");
      const bodies = types.map((type) => snapshot.resource(type));
      store.saveDecoded();
      return { decoded: snapshot.decodedEntries, bodies, provenance: snapshot.provenance, versions: store.versions("example/demo") };
    };
    const files = () => readdirSync(cache()).filter((name) => name.startsWith("decoded-"));

    it("are decoded by the first run only; the next gets the same bodies, versions and provenance", () => {
      const first = run(["demo_thing_a", "demo_thing_b"]);
      expect(first.decoded).toBe(2);
      const again = run(["demo_thing_a", "demo_thing_b"]);
      expect(again).toEqual({ ...first, decoded: 0 });
      expect(again.bodies[0]?.block.attributes?.size).toEqual({ type: "number", optional: true });
      expect(files()).toHaveLength(1);
    });

    it("count as used by the run that reads them (see private-cache.test.ts): the file's time moves to now", () => {
      run(["demo_thing_a"]);
      const file = path.join(cache(), files()[0]!);
      const monthAgo = Date.now() / 1000 - 30 * 24 * 60 * 60;
      utimesSync(file, monthAgo, monthAgo);
      expect(run(["demo_thing_a"]).decoded).toBe(0);
      expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(60_000);
    });

    it("grow with what each run asks for", () => {
      expect(run(["demo_thing_a"]).decoded).toBe(1);
      expect(run(["demo_thing_a", "demo_thing_b"]).decoded).toBe(1);
      expect(run(["demo_thing_a", "demo_thing_b"]).decoded).toBe(0);
    });

    it("are decoded again once the history holds something else, and the old file goes", async () => {
      run(["demo_thing_a"]);
      const before = files();
      // Rebuilt with another version: another index and pack.
      const builder = new HistoryBuilder("registry.terraform.io/example/demo", ["a note"]);
      for (const version of [...VERSIONS, "2.1.0"]) {
        builder.add({ version, from: `@cdktf/provider-demo@${version}`, createdAt: "2026-11-25T00:00:00Z", schema: schemaOf(version) });
      }
      await builder.write(dir);
      const after = run(["demo_thing_a"]);
      expect(after.decoded).toBe(1);
      expect(after.versions).toEqual([...VERSIONS, "2.1.0"]);
      expect(files()).toHaveLength(1);
      expect(files()).not.toEqual(before);
    });

    it("are kept apart for another copy of the same history", () => {
      run(["demo_thing_a"]);
      const copy = mkdtempSync(path.join(tmpdir(), "history-copy-"));
      try {
        cpSync(path.join(dir, "registry.terraform.io"), path.join(copy, "registry.terraform.io"), { recursive: true });
        const store = new SchemaStore(copy);
        store.rememberDecoded(cache());
        const snapshot = store.open("example/demo", "1.2.0");
        snapshot.resource("demo_thing_a");
        expect(snapshot.decodedEntries).toBe(1);
        store.saveDecoded();
        expect(files()).toHaveLength(2);
        expect(run(["demo_thing_a"]).decoded).toBe(0);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });
  });

  it("refuses versions out of order", () => {
    const builder = new HistoryBuilder("example/demo", []);
    builder.add({ version: "2.0.0", from: "x", createdAt: "", schema: schemaOf("2.0.0") });
    expect(() => builder.add({ version: "1.0.0", from: "x", createdAt: "", schema: schemaOf("1.0.0") })).toThrow("history versions must ascend: 1.0.0 after 2.0.0");
  });

  describe("a corrupt history is reported by file", () => {
    const index = () => path.join(historyDir(dir, "example/demo"), "index.json.br");
    const pack = () => path.join(historyDir(dir, "example/demo"), "bodies.pack");

    it("an empty index", () => {
      writeFileSync(index(), "");
      expect(() => new SchemaStore(dir).versions("example/demo")).toThrow(new SchemaFileError(index(), "the file is empty"));
    });

    it("a truncated index", () => {
      truncateSync(index(), 30);
      expect(() => new SchemaStore(dir).versions("example/demo")).toThrow(`${index()}: corrupt or truncated (it does not decompress)`);
    });

    it("an index of the wrong format", () => {
      writeFileSync(index(), brotliCompressSync(JSON.stringify({ format: "something else" })));
      expect(() => new SchemaStore(dir).versions("example/demo")).toThrow(`${index()}: not a valid schema: format: Invalid input: expected "cdktf-schema-check.history/1"`);
    });

    it("a truncated pack", () => {
      truncateSync(pack(), 5);
      const snapshot = new SchemaStore(dir).open("example/demo", "2.0.0");
      expect(() => snapshot.resource("demo_thing_b")).toThrow(`${pack()}: resource demo_thing_b: the pack is truncated`);
    });

    it("a corrupt pack entry", () => {
      const bytes = readFileSync(pack());
      bytes.fill(0x41);
      writeFileSync(pack(), bytes);
      expect(() => new SchemaStore(dir).open("example/demo", "1.0.0").provider()).toThrow(`${pack()}: provider: the entry is corrupt (it does not decompress)`);
    });
  });
});
