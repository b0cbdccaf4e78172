/**
 * Writes a provider history (see history-format.ts) from its versions, oldest first. Each
 * version's types are added one at a time, so only the distinct bodies are held in memory.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { parseProviderAddress } from "../address.js";
import type { ProviderSchema, TypeSchema } from "../format.js";
import { compareVersions, normalizeVersion } from "../versions.js";
import {
  HISTORY_DIR,
  HISTORY_FORMAT,
  HISTORY_INDEX_FILE,
  HISTORY_PACK_FILE,
  type HistoryEntry,
  type HistoryIndex,
  type HistoryVersion,
} from "./history-format.js";
import { withoutDescriptions } from "./write.js";

/** Directory of a provider's history: `<schemasDir>/<hostname>/<namespace>/<type>/history`. */
export function historyDir(schemasDir: string, address: string): string {
  const { hostname, namespace, type } = parseProviderAddress(address);
  return path.join(schemasDir, hostname, namespace, type, HISTORY_DIR);
}

/** One type's distinct bodies (serialized) and, per version index, which one. */
class TypeBodies {
  readonly lines: string[] = [];
  private readonly ids = new Map<string, number>();
  readonly byVersion = new Map<number, number>();

  add(versionIndex: number, body: string): void {
    let id = this.ids.get(body);
    if (id === undefined) {
      id = this.lines.length;
      this.lines.push(body);
      this.ids.set(body, id);
    }
    this.byVersion.set(versionIndex, id);
  }

  runs(): number[] {
    const runs: number[] = [];
    for (const [index, id] of [...this.byVersion].sort((a, b) => a[0] - b[0])) {
      const last = runs.length - 3;
      if (last >= 0 && runs[last + 1] === index - 1 && runs[last + 2] === id) runs[last + 1] = index;
      else runs.push(index, index, id);
    }
    return runs;
  }
}

export interface HistoryVersionInput extends HistoryVersion {
  schema: ProviderSchema;
}

export class HistoryBuilder {
  private readonly versions: HistoryVersion[] = [];
  private readonly provider = new TypeBodies();
  private readonly resources = new Map<string, TypeBodies>();
  private readonly dataSources = new Map<string, TypeBodies>();

  constructor(
    readonly address: string,
    private readonly notes: readonly string[],
  ) {}

  /** Versions must come in ascending order. */
  add(input: HistoryVersionInput): void {
    const version = normalizeVersion(input.version);
    if (version === undefined) throw new Error(`"${input.version}" is not a version`);
    const previous = this.versions[this.versions.length - 1];
    if (previous && compareVersions(previous.version, version) >= 0) {
      throw new Error(`history versions must ascend: ${version} after ${previous.version}`);
    }
    const index = this.versions.length;
    this.versions.push({ version, from: input.from, createdAt: input.createdAt });
    this.provider.add(index, JSON.stringify(withoutDescriptions(input.schema.provider?.block ?? {})));
    const table = (into: Map<string, TypeBodies>, types: Record<string, TypeSchema> | undefined) => {
      for (const [name, { block, ...rest }] of Object.entries(types ?? {})) {
        let bodies = into.get(name);
        if (!bodies) into.set(name, (bodies = new TypeBodies()));
        bodies.add(index, JSON.stringify({ ...rest, block: withoutDescriptions(block) }));
      }
    };
    table(this.resources, input.schema.resource_schemas);
    table(this.dataSources, input.schema.data_source_schemas);
  }

  get size(): number {
    return this.versions.length;
  }

  /** Writes both files (each through a temporary name, so a reader never sees half a history). */
  async write(schemasDir: string): Promise<{ path: string; bytes: number; bodies: number }> {
    if (this.versions.length === 0) throw new Error(`no versions of ${this.address} to write`);
    const chunks: Buffer[] = [];
    const slices: [number, number][] = [];
    let offset = 0;
    let bodies = 0;
    const entry = (type: TypeBodies): HistoryEntry => {
      const chunk = brotliCompressSync(type.lines.join("\n"), {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_LGWIN]: 24,
        },
      });
      chunks.push(chunk);
      slices.push([offset, chunk.length]);
      offset += chunk.length;
      bodies += type.lines.length;
      return [slices.length - 1, type.runs()];
    };
    const table = (types: Map<string, TypeBodies>) =>
      Object.fromEntries([...types.keys()].sort().map((name) => [name, entry(types.get(name)!)]));
    const index: HistoryIndex = {
      format: HISTORY_FORMAT,
      address: this.address,
      method: "bindings",
      notes: [...this.notes],
      versions: this.versions,
      chunks: slices,
      provider: entry(this.provider),
      resources: table(this.resources),
      data_sources: table(this.dataSources),
    };
    const dir = historyDir(schemasDir, this.address);
    await mkdir(dir, { recursive: true });
    const pack = Buffer.concat(chunks);
    const indexBytes = brotliCompressSync(JSON.stringify(index), {
      params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 11 },
    });
    for (const [file, bytes] of [
      [HISTORY_PACK_FILE, pack],
      [HISTORY_INDEX_FILE, indexBytes],
    ] as const) {
      await writeFile(path.join(dir, `${file}.tmp`), bytes);
      await rename(path.join(dir, `${file}.tmp`), path.join(dir, file));
    }
    return { path: dir, bytes: pack.length + indexBytes.length, bodies };
  }
}
