/**
 * The on-disk snapshot layout, built so that loading cost follows the types a stack uses:
 *
 *   schemas/<hostname>/<namespace>/<type>/<version>/index.json   small: provenance + where each type is
 *   schemas/<hostname>/<namespace>/<type>/<version>/schema.pack  each type's TypeSchema, brotli-compressed on its own
 *
 * Opening a snapshot reads index.json only; each resource type costs one slice read, one brotli
 * decompression and one zod parse of that type alone.
 */
import path from "node:path";
import { z } from "../../zod.js";
import { parseProviderAddress } from "../address.js";

export const PACK_FORMAT = "cdktf-schema-check.pack/1";
export const INDEX_FILE = "index.json";
export const PACK_FILE = "schema.pack";

/** [byte offset, byte length] of one compressed entry in a pack (also a history's chunks). */
export const sliceSchema = z.lazy(() => z.tuple([z.number().int().nonnegative(), z.number().int().positive()]));
export type Slice = z.infer<typeof sliceSchema>;

// Built when a pack is opened (z.lazy): the shipped schemas are histories (history-format.ts).
export const packIndexSchema = z.lazy(() =>
  z.object({
    format: z.literal(PACK_FORMAT),
    address: z.string(),
    version: z.string(),
    provenance: z.object({
      method: z.enum(["terraform", "bindings", "file"]),
      from: z.string(),
      createdAt: z.string(),
      notes: z.array(z.string()).optional(),
    }),
    provider: sliceSchema,
    resources: z.record(z.string(), sliceSchema),
    data_sources: z.record(z.string(), sliceSchema),
    /** Provider function names, when the source schema lists them (Terraform 1.8+). */
    functions: z.array(z.string()).optional(),
  }),
);
export type PackIndex = z.infer<typeof packIndexSchema>;

/** Directory of one snapshot: `<schemasDir>/<hostname>/<namespace>/<type>/<version>`. */
export function snapshotDir(schemasDir: string, address: string, version: string): string {
  const { hostname, namespace, type } = parseProviderAddress(address);
  return path.join(schemasDir, hostname, namespace, type, version);
}
