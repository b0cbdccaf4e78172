/**
 * Terraform's own configuration schemas, per Terraform release: every backend it ships and the
 * `cloud` block, generated from Terraform's Go source by `npm run backends:generate` into
 * `schemas/terraform/backends.json`. Each distinct schema is stored once; releases point at them.
 */
import { fileURLToPath } from "node:url";
import { own } from "../core/own.js";
import { blockSchema, type SchemaBlock } from "../schema/format.js";
import { readSchemaFile } from "../schema/read.js";
import { sortVersions } from "../schema/versions.js";
import { nearestRelease, releaseFor } from "./releases.js";
import { z } from "../zod.js";

export interface BackendSchema {
  block: SchemaBlock;
  /** Deprecated argument (dotted path) → what Terraform says to use instead. */
  deprecations?: Record<string, string>;
}

export const BACKENDS_FORMAT = "cdktf-schema-check.backends/1";

const backendSchemaSchema = z.lazy(() => z.object({ block: blockSchema, deprecations: z.record(z.string(), z.string()).optional() }));

export const backendsFileSchema = z.lazy(() =>
  z.object({
    format: z.literal(BACKENDS_FORMAT),
    /** Where the schemas were read: repository and how. */
    source: z.string(),
    releases: z.record(
      z.string(),
      z.object({
        /** Backend type → schema id. */
        backends: z.record(z.string(), z.string()),
        /** Backend names Terraform rejects with its own message. */
        removed: z.record(z.string(), z.string()),
        cloud: z.string(),
      }),
    ),
    schemas: z.record(z.string(), backendSchemaSchema),
  }).superRefine((file, ctx) => {
    for (const [release, { backends, cloud }] of Object.entries(file.releases)) {
      for (const [type, id] of [...Object.entries(backends), ["cloud", cloud] as const]) {
        if (!Object.hasOwn(file.schemas, id)) ctx.addIssue({ code: "custom", path: ["releases", release, type], message: `no schema "${id}" in "schemas"` });
      }
    }
  }),
);
export type BackendsFile = z.infer<typeof backendsFileSchema>;

export const SHIPPED_BACKENDS_FILE = fileURLToPath(new URL("../../schemas/terraform/backends.json", import.meta.url));

export class TerraformSchemas {
  constructor(readonly data: BackendsFile) {}

  static load(file = SHIPPED_BACKENDS_FILE): TerraformSchemas {
    return new TerraformSchemas(readSchemaFile(backendsFileSchema, file));
  }

  /** Releases with schemas, ascending. */
  releases(): string[] {
    return sortVersions(Object.keys(this.data.releases));
  }

  newest(): string {
    return this.releases().at(-1)!;
  }

  /** The release whose schemas stand for `version` (see releases.ts), or none. */
  releaseFor(version: string): string | undefined {
    return releaseFor(this.releases(), version);
  }

  /** `releaseFor`, else the nearest release with schemas (see releases.ts). */
  nearestRelease(version: string): string {
    return nearestRelease(this.releases(), version);
  }

  backendTypes(release: string): string[] {
    return Object.keys(own(this.data.releases, release)?.backends ?? {}).sort();
  }

  /** Backend names come from the configuration: looked up as own keys only (`constructor` is no backend). */
  backend(release: string, type: string): BackendSchema | undefined {
    const id = own(own(this.data.releases, release)?.backends ?? {}, type);
    return id === undefined ? undefined : own(this.data.schemas, id);
  }

  removedBackend(release: string, type: string): string | undefined {
    return own(own(this.data.releases, release)?.removed ?? {}, type);
  }

  cloud(release: string): BackendSchema | undefined {
    const id = own(this.data.releases, release)?.cloud;
    return id === undefined ? undefined : own(this.data.schemas, id);
  }

  /** Releases whose `type` backend has a top-level argument `name`. */
  releasesWithArgument(type: string, name: string): string[] {
    return this.releases().filter((r) => {
      const block = this.backend(r, type)?.block;
      return block !== undefined && (Object.hasOwn(block.attributes ?? {}, name) || Object.hasOwn(block.block_types ?? {}, name));
    });
  }
}

let shipped: TerraformSchemas | undefined;

/** The shipped file, read once per process. */
export function shippedTerraformSchemas(): TerraformSchemas {
  return (shipped ??= TerraformSchemas.load());
}
