/**
 * Reading a provider history (history-format.ts): the index is read once per process and
 * store; each version is a lazy snapshot whose types are decoded the first time they are asked for.
 * A run may remember what it decoded for the next (remembered.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { blockSchema, typeSchemaSchema, type SchemaBlock, type TypeSchema } from "../format.js";
import type { ProviderSchemaSnapshot, SnapshotProvenance } from "../model.js";
import { parseSchemaJson, SchemaFileError, validateSchemaValue } from "../read.js";
import { normalizeVersion } from "../versions.js";
import { type HistoryHeader, RememberedBodies } from "./remembered.js";
import {
  bodyAt,
  HISTORY_INDEX_FILE,
  HISTORY_PACK_FILE,
  historyEntrySchema,
  historyIndexSchema,
  type HistoryEntry,
  type HistoryIndex,
} from "./history-format.js";

export class History {
  readonly address: string;
  /** Ascending, as stored. */
  readonly versions: readonly string[];
  private parsedIndex: HistoryIndex | undefined;
  /** What a snapshot needs of the index without its entries. */
  private readonly header: HistoryHeader;
  private readonly indexFile: string;
  readonly packFile: string;
  private readonly entries = new Map<string, HistoryEntry>();
  /** Decompressed chunks, and where each body line starts (a check reads one line of most chunks: only it is decoded). */
  private readonly chunks = new Map<number, { bytes: Buffer; starts: number[] }>();
  private readonly snapshots = new Map<string, HistorySnapshot>();
  /** Bodies decoded by earlier runs and this one (see `remember`). */
  private remembered: RememberedBodies | undefined;
  /** The index's bytes, when remembering has read them already. */
  private indexBytes: Buffer | undefined;

  /** `rememberIn`: the directory where runs keep what they decoded (remembered.ts). */
  constructor(
    readonly dir: string,
    rememberIn?: string,
  ) {
    this.indexFile = path.join(dir, HISTORY_INDEX_FILE);
    this.packFile = path.join(dir, HISTORY_PACK_FILE);
    if (rememberIn) this.remember(rememberIn);
    const index = this.remembered?.header ? undefined : this.index;
    this.header = this.remembered?.header ?? { address: index!.address, method: index!.method, notes: index!.notes, versions: index!.versions };
    this.address = this.header.address;
    this.versions = this.header.versions.map((v) => v.version);
  }

  /** The index, read the first time an entry is needed; corrupt ones throw `SchemaFileError` naming the file. */
  private get index(): HistoryIndex {
    return (this.parsedIndex ??= this.readIndex());
  }

  private readIndex(): HistoryIndex {
    let compressed: Buffer;
    try {
      compressed = this.indexBytes ?? readFileSync(this.indexFile);
    } catch (err) {
      throw new SchemaFileError(this.indexFile, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (compressed.length === 0) throw new SchemaFileError(this.indexFile, "the file is empty");
    let text: string;
    try {
      text = brotliDecompressSync(compressed).toString("utf8");
    } catch {
      throw new SchemaFileError(this.indexFile, "corrupt or truncated (it does not decompress)");
    }
    return parseSchemaJson(historyIndexSchema, text, this.indexFile);
  }

  /** Takes the bodies earlier runs decoded from `dir`, and keeps this run's for `save`. */
  remember(dir: string): void {
    try {
      this.indexBytes ??= readFileSync(this.indexFile);
      this.pack ??= readFileSync(this.packFile);
    } catch {
      // Unreadable files are reported where they are read, as without remembering.
      return;
    }
    this.remembered = RememberedBodies.open(dir, this.dir, this.indexFile, this.indexBytes, this.pack);
  }

  /** Writes what this run decoded for the next, if it remembers and decoded anything. */
  save(): void {
    this.remembered?.save(this.header);
  }

  /** A body an earlier run decoded, by `<version> <table> <type>`. */
  recall(key: string): TypeSchema | SchemaBlock | undefined {
    return this.remembered?.recall(key);
  }

  keep(key: string, body: TypeSchema | SchemaBlock): void {
    this.remembered?.keep(key, body);
  }

  has(version: string): boolean {
    return this.versions.includes(normalizeVersion(version) ?? version);
  }

  snapshot(version: string): HistorySnapshot {
    const wanted = normalizeVersion(version) ?? version;
    let snapshot = this.snapshots.get(wanted);
    if (!snapshot) {
      const position = this.versions.indexOf(wanted);
      if (position < 0) throw new SchemaFileError(this.indexFile, `${this.address} ${wanted} is not in this history`);
      snapshot = new HistorySnapshot(this, position, this.header);
      this.snapshots.set(wanted, snapshot);
    }
    return snapshot;
  }

  /** A type's entry, checked the first time it is used; the provider block's without a type. */
  entry(table: "resources" | "data_sources", type: string): HistoryEntry | undefined;
  entry(table: "provider"): HistoryEntry;
  entry(table: "provider" | "resources" | "data_sources", type?: string): HistoryEntry | undefined {
    if (table === "provider") return this.index.provider;
    const key = `${table} ${type}`;
    let entry = this.entries.get(key);
    if (!entry && Object.hasOwn(this.index[table], type!)) {
      entry = validateSchemaValue(historyEntrySchema, this.index[table][type!], this.indexFile, `${table}.${type}`);
      if (entry[0] >= this.index.chunks.length) throw new SchemaFileError(this.indexFile, `${table}.${type}: chunk ${entry[0]} does not exist`);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Names of the types a version has (entries are checked as they are read). */
  typeNames(table: "resources" | "data_sources", position: number): string[] {
    return Object.keys(this.index[table]).filter((type) => bodyAt(this.entry(table, type)![1], position) !== undefined);
  }

  private pack: Buffer | undefined;

  /** The whole pack, read once: a check reads a chunk of it per type (a file opened per chunk cost more than reading it all). */
  private readPack(): Buffer {
    try {
      return (this.pack ??= readFileSync(this.packFile));
    } catch (err) {
      throw new SchemaFileError(this.packFile, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }

  /** The body text of line `line` of chunk `chunk`. */
  body(chunk: number, line: number, what: string): string {
    let lines = this.chunks.get(chunk);
    if (!lines) {
      const [offset, length] = this.index.chunks[chunk]!;
      const pack = this.readPack();
      if (offset + length > pack.length) throw new SchemaFileError(this.packFile, `${what}: the pack is truncated`);
      const buffer = pack.subarray(offset, offset + length);
      let bytes: Buffer;
      try {
        bytes = brotliDecompressSync(buffer);
      } catch {
        throw new SchemaFileError(this.packFile, `${what}: the entry is corrupt (it does not decompress)`);
      }
      const starts = [0];
      for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) starts.push(i + 1);
      lines = { bytes, starts };
      this.chunks.set(chunk, lines);
    }
    const start = lines.starts[line];
    if (start === undefined) throw new SchemaFileError(this.packFile, `${what}: body ${line} is missing from its chunk`);
    const next = lines.starts[line + 1];
    return lines.bytes.toString("utf8", start, next === undefined ? lines.bytes.length : next - 1);
  }
}

export class HistorySnapshot implements ProviderSchemaSnapshot {
  readonly address: string;
  readonly version: string;
  readonly provenance: SnapshotProvenance;
  /** How many types have been decoded from the pack (not taken from an earlier run's): the observable cost of laziness. */
  decodedEntries = 0;
  /** Decoded types by table and name (keyed so that asking again, once per resource and reference, builds no string). */
  private readonly cache: Record<"provider" | "resources" | "data_sources", Map<string | undefined, TypeSchema | SchemaBlock>> = { provider: new Map(), resources: new Map(), data_sources: new Map() };
  private names?: { resources: readonly string[]; data_sources: readonly string[] };

  constructor(
    private readonly history: History,
    private readonly position: number,
    index: HistoryHeader,
  ) {
    const version = index.versions[position]!;
    this.address = index.address;
    this.version = version.version;
    this.provenance = { method: index.method, from: version.from, createdAt: version.createdAt, notes: index.notes };
  }

  provider(): SchemaBlock {
    return this.decode("provider", undefined, blockSchema) as SchemaBlock;
  }

  resource(type: string): TypeSchema | undefined {
    return this.decode("resources", type, typeSchemaSchema) as TypeSchema | undefined;
  }

  dataSource(type: string): TypeSchema | undefined {
    return this.decode("data_sources", type, typeSchemaSchema) as TypeSchema | undefined;
  }

  resourceTypes(): readonly string[] {
    return (this.names ??= this.typeNames()).resources;
  }

  dataSourceTypes(): readonly string[] {
    return (this.names ??= this.typeNames()).data_sources;
  }

  private typeNames() {
    return { resources: this.history.typeNames("resources", this.position), data_sources: this.history.typeNames("data_sources", this.position) };
  }

  private decode(table: "provider" | "resources" | "data_sources", type: string | undefined, schema: typeof blockSchema | typeof typeSchemaSchema) {
    const cached = this.cache[table].get(type);
    if (cached) return cached;
    const key = `${this.version} ${table} ${type ?? ""}`;
    const recalled = this.history.recall(key);
    if (recalled) {
      this.cache[table].set(type, recalled);
      return recalled;
    }
    const what = type === undefined ? "provider" : `${table === "resources" ? "resource" : "data source"} ${type}`;
    const entry = table === "provider" ? this.history.entry(table) : this.history.entry(table, type!);
    if (!entry) return undefined;
    const line = bodyAt(entry[1], this.position);
    if (line === undefined) return undefined;
    const value = parseSchemaJson(schema as typeof typeSchemaSchema, this.history.body(entry[0], line, what), this.history.packFile, `${what} (${this.version})`);
    this.decodedEntries++;
    this.cache[table].set(type, value);
    this.history.keep(key, value);
    return value;
  }
}
