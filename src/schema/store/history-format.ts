/**
 * The history layout: every published version of one provider in two files, each distinct type
 * body stored once.
 *
 *   schemas/<hostname>/<namespace>/<type>/history/index.json.br   versions, provenance, and per type where each body is
 *   schemas/<hostname>/<namespace>/<type>/history/bodies.pack      one brotli chunk per type: its distinct bodies, one JSON per line
 *
 * A type's bodies across versions differ little, so compressing them together costs little more
 * than one version. Opening a version reads the index only (a few hundred kilobytes once
 * decompressed); a type costs one chunk read, one decompression and one zod parse of the body used.
 *
 * `runs` maps versions to bodies: flat triples `[first, last, body]` of version indexes
 * (inclusive) into `versions` and a line of the type's chunk; a version outside every run does
 * not have the type.
 */
import { z } from "../../zod.js";
import { sliceSchema } from "./pack.js";

export const HISTORY_FORMAT = "cdktf-schema-check.history/1";
export const HISTORY_DIR = "history";
export const HISTORY_INDEX_FILE = "index.json.br";
export const HISTORY_PACK_FILE = "bodies.pack";

/** One type: which chunk holds its bodies, and the runs of versions using each. */
export const historyEntrySchema = z.lazy(() => z.tuple([z.number().int().nonnegative(), z.array(z.number().int().nonnegative())]));
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyVersionSchema = z.lazy(() =>
  z.object({
    version: z.string(),
    /** The binding package it was extracted from, e.g. `@cdktf/provider-aws@19.0.0`. */
    from: z.string(),
    createdAt: z.string(),
  }),
);
export type HistoryVersion = z.infer<typeof historyVersionSchema>;

export const historyIndexSchema = z.lazy(() =>
  z.object({
    format: z.literal(HISTORY_FORMAT),
    address: z.string(),
    method: z.enum(["terraform", "bindings", "file"]),
    notes: z.array(z.string()),
    versions: z.array(historyVersionSchema).min(1),
    chunks: z.array(sliceSchema),
    provider: historyEntrySchema,
    /** Entries are checked when a type is looked up: validating thousands at open would cost more than the lookup. */
    resources: z.record(z.string(), z.unknown()),
    data_sources: z.record(z.string(), z.unknown()),
  }),
);
export type HistoryIndex = z.infer<typeof historyIndexSchema>;

/** The body line of a type at a version index, or undefined when the version lacks the type. */
export function bodyAt(runs: readonly number[], versionIndex: number): number | undefined {
  for (let i = 0; i + 2 < runs.length; i += 3) {
    if (runs[i]! <= versionIndex && versionIndex <= runs[i + 1]!) return runs[i + 2];
  }
  return undefined;
}
