/**
 * Schema bodies a run decoded, kept for the next (History.remember): decoding a shipped type (its
 * chunk decompressed, its line parsed) costs about 0.2 ms the first time in a process, and
 * reading a history's index (every type's entry) about 8 ms: most of a small check's work with
 * schemas. A run that remembers (the command line and SchemaCheck do) writes the bodies it used,
 * and the index's header (address, versions, provenance), to one file per history in this user's
 * private cache directory (core/private-cache.ts); the next run reads that file instead, and
 * decodes the index only for a type no run has kept.
 *
 * The file is named by the history's copy (a checksum of its index's path: two installed copies
 * do not take turns) and by what it holds (checksums of the index and the pack, not file times:
 * npm gives every file of a package the same one), so a rebuilt or upgraded history is decoded
 * anew, and the files of the copy's earlier contents are removed when a new one is written.
 * Bodies are kept as decoding gives them: for the shipped histories, the lines as JSON.parse
 * reads them (read.ts trusts those), so only a change to that form needs a new `FORMAT`.
 *
 * The file is a line of JSON (the index's path and header), then a line per body: its key, a
 * tab, its JSON. Reading it splits lines and parses a body only when it is asked for: one JSON
 * document of 240 aws bodies took 10 ms to parse, half of what remembering saves.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { markUsed, writeCacheFile } from "../../core/private-cache.js";
import type { SchemaBlock, TypeSchema } from "../format.js";
import type { HistoryIndex } from "./history-format.js";

/** What a snapshot needs of a history's index without its entries. */
export type HistoryHeader = Pick<HistoryIndex, "address" | "method" | "notes" | "versions">;

type Body = TypeSchema | SchemaBlock;

/** The file's first line. */
interface RememberedHead {
  index: string;
  header: HistoryHeader;
}

/** Changes when what a remembered file holds changes. */
const FORMAT = 4;
/** The most bodies a file keeps, this run's first (aws's are about 1.4 KB: reading and splitting 600 takes about a millisecond). */
const MOST_BODIES = 600;

const hex = (n: number) => n.toString(16).padStart(8, "0");

export class RememberedBodies {
  /** This run's bodies, recalled or decoded, in the order it used them. */
  private readonly used = new Map<string, Body>();
  private added = 0;

  private constructor(
    private readonly file: string,
    private readonly prefix: string,
    private readonly indexFile: string,
    /** The header an earlier run kept, if any. */
    readonly header: HistoryHeader | undefined,
    /** Earlier runs' bodies as JSON text, by key. */
    private readonly earlier: Map<string, string>,
  ) {}

  /**
   * What earlier runs kept in `dir` for the history in `historyDir` (its index's bytes and the
   * pack's given); undefined on Node before 20.15, which has no crc32.
   */
  static open(dir: string, historyDir: string, indexFile: string, index: Buffer, pack: Buffer): RememberedBodies | undefined {
    const { crc32 } = zlib as { crc32?: (data: Uint8Array | string) => number };
    if (!crc32) return undefined;
    // The provider's address from where its history is (<hostname>/<namespace>/<type>/history).
    const address = historyDir.split(path.sep).slice(-4, -1).join("_");
    const prefix = `decoded-${address}-${hex(crc32(indexFile))}-`;
    const file = path.join(dir, `${prefix}${FORMAT}-${hex(crc32(index))}-${hex(crc32(pack))}.bodies`);
    let lines: string[] = [];
    let head: Partial<RememberedHead> | null = null;
    try {
      lines = readFileSync(file, "utf8").split("\n");
      markUsed(file);
      head = JSON.parse(lines[0]!) as Partial<RememberedHead> | null;
    } catch {
      // None yet, or unreadable: decoded as usual, and written anew.
    }
    // Written by a run of ours into a directory only this user can write to; the shape is checked
    // only so that a file of another kind is not taken for one.
    const versions = head?.header?.versions;
    const whole = head?.index === indexFile && Array.isArray(versions) && versions.length > 0 && versions.every((v) => typeof v?.version === "string");
    if (!whole) return new RememberedBodies(file, prefix, indexFile, undefined, new Map());
    const earlier = new Map<string, string>();
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const tab = line.indexOf("\t");
      if (tab > 0) earlier.set(line.slice(0, tab), line.slice(tab + 1));
    }
    return new RememberedBodies(file, prefix, indexFile, head!.header, earlier);
  }

  /** A body an earlier run decoded, by `<version> <table> <type>` (a snapshot asks once per type: it keeps what it got). */
  recall(key: string): Body | undefined {
    const text = this.earlier.get(key);
    if (text === undefined) return undefined;
    let body: Body;
    try {
      body = JSON.parse(text) as Body;
    } catch {
      // A line cut short (it cannot be, written aside and renamed, but it costs nothing to ask): decoded as usual.
      return undefined;
    }
    this.used.set(key, body);
    return body;
  }

  keep(key: string, body: Body): void {
    this.used.set(key, body);
    this.added++;
  }

  /** Writes this run's bodies, then earlier ones up to MOST_BODIES, if it decoded any; removes the copy's older files. */
  save(header: HistoryHeader): void {
    if (this.added === 0) return;
    const head: RememberedHead = { index: this.indexFile, header };
    const lines = [JSON.stringify(head)];
    for (const [key, body] of this.used) lines.push(`${key}\t${JSON.stringify(body)}`);
    for (const [key, text] of this.earlier) {
      if (lines.length > MOST_BODIES) break;
      if (!this.used.has(key)) lines.push(`${key}\t${text}`);
    }
    writeCacheFile(this.file, lines.join("\n"), this.prefix);
    this.added = 0;
  }
}
