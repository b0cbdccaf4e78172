/** Writes a snapshot in the pack layout (see pack.ts). Descriptions are dropped to keep it lean. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import type { ProviderSchema, SchemaAttribute, SchemaBlock, TypeSchema } from "../format.js";
import type { SnapshotProvenance } from "../model.js";
import { normalizeVersion } from "../versions.js";
import { INDEX_FILE, PACK_FILE, PACK_FORMAT, type PackIndex, type Slice, snapshotDir } from "./pack.js";

export interface WriteSnapshotOptions {
  schemasDir: string;
  address: string;
  version: string;
  schema: ProviderSchema;
  provenance: SnapshotProvenance;
}

/**
 * Drops description texts by walking the schema's structure: a key-based filter would also drop
 * arguments and object-type fields that happen to be called `description`.
 */
export function withoutDescriptions(block: SchemaBlock): SchemaBlock {
  const { description: _d, description_kind: _k, attributes, block_types, ...rest } = block;
  const out: SchemaBlock = { ...rest };
  if (attributes) out.attributes = mapValues(attributes, stripAttribute);
  if (block_types) out.block_types = mapValues(block_types, (nested) => ({ ...nested, block: withoutDescriptions(nested.block) }));
  return out;
}

function stripAttribute(attribute: SchemaAttribute): SchemaAttribute {
  const { description: _d, description_kind: _k, nested_type, ...rest } = attribute;
  if (!nested_type) return rest;
  return { ...rest, nested_type: { ...nested_type, attributes: mapValues(nested_type.attributes, stripAttribute) } };
}

const mapValues = <T>(record: Record<string, T>, f: (value: T) => T): Record<string, T> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]));

export async function writeSnapshot(opts: WriteSnapshotOptions): Promise<{ path: string; bytes: number }> {
  const version = normalizeVersion(opts.version);
  if (version === undefined) throw new Error(`"${opts.version}" is not a version`);
  const dir = snapshotDir(opts.schemasDir, opts.address, version);
  const chunks: Buffer[] = [];
  let offset = 0;
  const add = (value: unknown): Slice => {
    const chunk = brotliCompressSync(JSON.stringify(value), {
      params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 11 },
    });
    chunks.push(chunk);
    const slice: Slice = [offset, chunk.length];
    offset += chunk.length;
    return slice;
  };
  const table = (types: Record<string, TypeSchema> | undefined) =>
    Object.fromEntries(
      Object.keys(types ?? {})
        .sort()
        .map((name) => {
          const { block, ...rest } = types![name]!;
          return [name, add({ ...rest, block: withoutDescriptions(block) })];
        }),
    );

  const index: PackIndex = {
    format: PACK_FORMAT,
    address: opts.address,
    version,
    provenance: opts.provenance,
    provider: add(withoutDescriptions(opts.schema.provider?.block ?? {})),
    resources: table(opts.schema.resource_schemas),
    data_sources: table(opts.schema.data_source_schemas),
    ...(opts.schema.functions ? { functions: Object.keys(opts.schema.functions).sort() } : {}),
  };
  await mkdir(dir, { recursive: true });
  const pack = Buffer.concat(chunks);
  const indexText = JSON.stringify(index) + "\n";
  await writeFile(path.join(dir, PACK_FILE), pack);
  await writeFile(path.join(dir, INDEX_FILE), indexText);
  return { path: dir, bytes: pack.length + Buffer.byteLength(indexText) };
}
