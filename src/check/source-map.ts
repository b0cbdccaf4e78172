/**
 * Where the parts of a synthesized document were made in the app's own code. `SchemaCheck`
 * (src/cdktf) records, during synth, the line that created each construct and each
 * `addOverride` call; when a stack has findings it writes them beside the stack's cdk.tf.json
 * (`cdktf-schema-check.sources.json`), so that the command-line run on cdktf.out, and the
 * SARIF and GitHub annotations it makes, can point at `main.ts:14:6` rather than at a
 * generated file that is not even committed.
 *
 * A finding's source is the place recorded at the deepest pointer at or above the finding's
 * (a later record at the same pointer wins: an `addOverride` over the construct that it changed,
 * the last of several overrides). The map names the document it describes by a digest of its
 * content, so a cdk.tf.json synthesized again without `SchemaCheck` is never matched with an
 * old map.
 */
import { nodeCrypto } from "../core/builtins.js";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Diagnostic, SourceLocation } from "../core/diagnostic.js";
import { pathBelow } from "../core/paths.js";
import { z } from "../zod.js";
import { InputError } from "./input-error.js";

export const SOURCE_MAP_FILE = "cdktf-schema-check.sources.json";

/** A place recorded at a pointer; `source.file` is absolute. */
export interface SourcePlace {
  pointer: string;
  source: SourceLocation;
}

// Built when a map is read (z.lazy): most runs read none.
const fileSchema = z.lazy(() =>
  z.strictObject({
    $comment: z.string().optional(),
    version: z.literal(1),
    /** The document's name in the same directory, and the digest of its content (documentDigest). */
    document: z.string(),
    digest: z.string(),
    /** Files relative to the map's directory, so the project can move as a whole. */
    places: z.array(z.strictObject({ pointer: z.string(), file: z.string(), line: z.number().int().positive(), column: z.number().int().positive() })),
  }),
);

export class SourceMap {
  private readonly byPointer = new Map<string, SourceLocation>();

  constructor(places: readonly SourcePlace[]) {
    for (const place of places) {
      this.byPointer.delete(place.pointer); // re-inserted last: the map keeps the order of the records
      this.byPointer.set(place.pointer, place.source);
    }
  }

  get size(): number {
    return this.byPointer.size;
  }

  /** The place recorded at the deepest pointer at or above `pointer`. */
  sourceOf(pointer: string): SourceLocation | undefined {
    for (let end = pointer.length; end >= 0; end = pointer.lastIndexOf("/", end - 1)) {
      const found = this.byPointer.get(pointer.slice(0, end));
      if (found) return found;
      if (end === 0) break;
    }
    return undefined;
  }

  /** Writes the map beside `documentFile`, whose parsed content is `document`. */
  write(documentFile: string, document: unknown): void {
    const dir = path.dirname(documentFile);
    const contents: z.infer<typeof fileSchema> = {
      $comment: "Written by cdktf-schema-check's SchemaCheck during synth: where the app's code made each part of the document. cdktf-schema-check reads it to point findings at that code.",
      version: 1,
      document: path.basename(documentFile),
      digest: documentDigest(document),
      places: [...this.byPointer].map(([pointer, source]) => ({
        pointer,
        file: path.relative(dir, source.file).split(path.sep).join("/"),
        line: source.line,
        column: source.column,
      })),
    };
    writeFileSync(path.join(dir, SOURCE_MAP_FILE), `${JSON.stringify(contents, null, 2)}\n`);
  }

  /** Removes the map beside `documentFile`, if any: a stack without findings leaves none behind. */
  static remove(documentFile: string): void {
    rmSync(path.join(path.dirname(documentFile), SOURCE_MAP_FILE), { force: true });
  }

  /**
   * The map beside `documentFile` when it describes exactly `document()` (the file's parsed
   * content, asked for only when there is a map), else undefined. A map that cannot be read is
   * an InputError naming it.
   */
  static read(documentFile: string, document: () => unknown): SourceMap | undefined {
    const dir = path.dirname(documentFile);
    const file = path.join(dir, SOURCE_MAP_FILE);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new InputError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    let parsed;
    try {
      parsed = fileSchema.safeParse(JSON.parse(text));
    } catch (err) {
      throw new InputError(`${file}: not a source map written by SchemaCheck: ${(err as Error).message} (synthesize again, or delete it)`);
    }
    if (!parsed.success) {
      throw new InputError(`${file}: not a source map written by SchemaCheck: ${parsed.error.issues[0]!.message} (synthesize again, or delete it)`);
    }
    const map = parsed.data;
    if (map.document !== path.basename(documentFile) || map.digest !== documentDigest(document())) return undefined;
    return new SourceMap(
      map.places.map((p) => ({ pointer: p.pointer, source: { file: path.resolve(dir, p.file), line: p.line, column: p.column } })),
    );
  }
}

/**
 * For a file checked from its text: the sources recorded beside it, when they describe this
 * very text (sought only when there are diagnostics).
 */
export function attachRecordedSources(diagnostics: readonly Diagnostic[], documentFile: string, text: string): void {
  if (diagnostics.length === 0) return;
  const map = SourceMap.read(documentFile, () => parseOrUndefined(text));
  if (map) attachSources(diagnostics, map);
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // matches no map's digest
  }
}

/** Gives each diagnostic the source of its pointer, with the file as people read it (relative to `cwd` when below it). */
export function attachSources(diagnostics: readonly Diagnostic[], map: SourceMap, cwd = process.cwd()): void {
  for (const d of diagnostics) {
    const source = map.sourceOf(d.pointer);
    if (source) d.source = { ...source, file: displayPath(source.file, cwd) };
  }
}

/** Relative to `cwd` when the file is below it, otherwise absolute. */
export function displayPath(file: string, cwd = process.cwd()): string {
  return pathBelow(cwd, file) ?? file;
}

/** A digest of a document's content, independent of formatting and key order (cdktf sorts keys as it writes). */
export function documentDigest(document: unknown): string {
  return nodeCrypto().createHash("sha256").update(canonicalJson(document)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
