/** A snapshot read lazily from the pack layout: each type is decoded the first time it is asked for. */
import { closeSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { blockSchema, typeSchemaSchema, type SchemaBlock, type TypeSchema } from "../format.js";
import type { ProviderSchemaSnapshot, SnapshotProvenance } from "../model.js";
import { parseSchemaJson, readSchemaFile, SchemaFileError } from "../read.js";
import { INDEX_FILE, PACK_FILE, packIndexSchema, type PackIndex, type Slice } from "./pack.js";

export class PackedSnapshot implements ProviderSchemaSnapshot {
  readonly address: string;
  readonly version: string;
  readonly provenance: SnapshotProvenance;
  /** How many entries have been decompressed and parsed: the observable cost of laziness. */
  decodedEntries = 0;

  private readonly index: PackIndex;
  private readonly packFile: string;
  private readonly cache = new Map<string, TypeSchema | SchemaBlock>();

  constructor(readonly dir: string) {
    this.index = readSchemaFile(packIndexSchema, path.join(dir, INDEX_FILE));
    this.packFile = path.join(dir, PACK_FILE);
    this.address = this.index.address;
    this.version = this.index.version;
    this.provenance = this.index.provenance;
  }

  provider(): SchemaBlock {
    return this.entry("provider", this.index.provider, blockSchema) as SchemaBlock;
  }

  resource(type: string): TypeSchema | undefined {
    return this.typeEntry("resource", this.index.resources, type);
  }

  dataSource(type: string): TypeSchema | undefined {
    return this.typeEntry("data source", this.index.data_sources, type);
  }

  resourceTypes(): readonly string[] {
    return Object.keys(this.index.resources);
  }

  dataSourceTypes(): readonly string[] {
    return Object.keys(this.index.data_sources);
  }

  functions(): readonly string[] | undefined {
    return this.index.functions;
  }

  private typeEntry(kind: string, table: Record<string, Slice>, type: string): TypeSchema | undefined {
    if (!Object.hasOwn(table, type)) return undefined;
    return this.entry(`${kind} ${type}`, table[type]!, typeSchemaSchema) as TypeSchema;
  }

  private entry<T>(what: string, [offset, length]: Slice, schema: import("zod").ZodType<T>): T {
    const cached = this.cache.get(what);
    if (cached) return cached as T;
    const buffer = Buffer.alloc(length);
    let fd: number | undefined;
    try {
      fd = openSync(this.packFile, "r");
      const read = readSync(fd, buffer, 0, length, offset);
      if (read !== length) throw new SchemaFileError(this.packFile, `${what}: the pack is truncated`);
    } catch (err) {
      if (err instanceof SchemaFileError) throw err;
      throw new SchemaFileError(this.packFile, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    let text: string;
    try {
      text = brotliDecompressSync(buffer).toString("utf8");
    } catch {
      throw new SchemaFileError(this.packFile, `${what}: the entry is corrupt (it does not decompress)`);
    }
    const value = parseSchemaJson(schema, text, this.packFile, what);
    this.decodedEntries++;
    this.cache.set(what, value as TypeSchema | SchemaBlock);
    return value;
  }
}
