/**
 * Offline schema extraction: rebuilds `terraform providers schema -json` (one provider's entry)
 * from prebuilt CDKTF bindings or a `cdktf get` output, module by module.
 */
import path from "node:path";
import { normalizeProviderAddress } from "../address.js";
import { providerSchemaSchema, type ProviderSchema, type TypeSchema } from "../format.js";
import type { SnapshotProvenance } from "../model.js";
import { extractModule } from "./module.js";
import { BindingsLayoutError, findBindings } from "./sources.js";

export interface ExtractedProvider {
  address: string;
  version: string;
  schema: ProviderSchema;
  provenance: SnapshotProvenance;
}

export interface ExtractOptions {
  onProgress?: (done: number, total: number) => void;
  /**
   * Only these module directories (`backup-plan`, `data-aws-iam-role`…); the provider module is
   * always read, since it names the provider. For callers that need a few types quickly.
   */
  modules?: readonly string[];
}

/** What bindings cannot tell, recorded with every extracted snapshot. */
export const BINDINGS_NOTES: readonly string[] = [
  "Extracted from CDKTF bindings: no descriptions, and `sensitive`, `deprecated` and `write_only` are never set.",
  "min_items is 1 for every required block and absent otherwise; max_items is 1 for blocks the bindings type as a single object and absent otherwise (real limits above 1 are not in the bindings).",
  "The generator marks struct-typed attributes (object types, protocol-6 `nested_type`) like blocks; they are recognised by their place before the last plain attribute, and read as `nested_type` only when their fields carry flags of their own. Ones sorting after every plain attribute of their block stay `block_types`.",
  "Blocks the CDKTF generator renders as `any` (too deeply recursive, e.g. aws_wafv2_web_acl rule.statement, aws_quicksight_* definition) appear as one `dynamic` attribute.",
  "Resource schema versions are not in the bindings and are omitted.",
];

export async function extractFromBindings(dir: string, options: ExtractOptions = {}): Promise<ExtractedProvider> {
  const layout = await findBindings(dir);
  const wanted = options.modules && new Set([...options.modules, "provider"]);
  const modules = wanted ? layout.modules.filter((m) => wanted.has(path.basename(m.dir))) : layout.modules;
  const resources: Record<string, TypeSchema> = {};
  const dataSources: Record<string, TypeSchema> = {};
  let provider: { block: TypeSchema["block"]; source?: string; name?: string; version?: string } | undefined;
  let done = 0;
  for (const module of modules) {
    const extracted = extractModule(await module.read(), path.join(module.dir, "index.ts"));
    if (extracted?.kind === "resource") resources[extracted.typeName] = { block: extracted.block };
    else if (extracted?.kind === "data_source") dataSources[extracted.typeName] = { block: extracted.block };
    else if (extracted?.kind === "provider") {
      provider = { block: extracted.block, source: extracted.providerSource, name: extracted.providerName, version: extracted.providerVersion };
    }
    options.onProgress?.(++done, modules.length);
  }
  if (!provider?.version || !(provider.source ?? provider.name)) {
    throw new BindingsLayoutError(`${dir}: no provider module with terraformProviderSource and providerVersion found`);
  }
  const schema = providerSchemaSchema.parse({
    provider: { block: provider.block },
    resource_schemas: resources,
    data_source_schemas: dataSources,
  });
  return {
    address: normalizeProviderAddress(provider.source ?? provider.name!),
    version: provider.version,
    schema,
    provenance: {
      method: "bindings",
      from: layout.origin,
      createdAt: new Date().toISOString(),
      notes: [...BINDINGS_NOTES],
    },
  };
}
