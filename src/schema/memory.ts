/**
 * A snapshot held entirely in memory, built from one provider's entry of a
 * `terraform providers schema -json` document. Used for schemas that are already parsed
 * (fresh fetches, tests); shipped snapshots load lazily instead.
 */
import type { ProviderSchema, SchemaBlock, TypeSchema } from "./format.js";
import type { ProviderSchemaSnapshot, SnapshotProvenance } from "./model.js";
import { own } from "../core/own.js";

const EMPTY_BLOCK: SchemaBlock = {};

export function snapshotFromProviderSchema(
  address: string,
  version: string,
  schema: ProviderSchema,
  provenance: SnapshotProvenance,
): ProviderSchemaSnapshot {
  const resources = schema.resource_schemas ?? {};
  const dataSources = schema.data_source_schemas ?? {};
  const lookup = (table: Record<string, TypeSchema>, type: string) => own(table, type);
  return {
    address,
    version,
    provenance,
    provider: () => schema.provider?.block ?? EMPTY_BLOCK,
    resource: (type) => lookup(resources, type),
    dataSource: (type) => lookup(dataSources, type),
    resourceTypes: () => Object.keys(resources).sort(),
    dataSourceTypes: () => Object.keys(dataSources).sort(),
    functions: () => (schema.functions ? Object.keys(schema.functions).sort() : undefined),
  };
}
