/**
 * Our schema format (`terraform providers schema -json`) → plugin protocol 6 `Schema` messages,
 * as plain objects for @grpc/proto-loader. The JSON form is itself a rendering of these messages
 * (Terraform's `jsonprovider` package), so the mapping is one to one: attribute and block maps
 * become repeated fields carrying their names, cty types become their JSON bytes, nesting modes
 * become enum names.
 */
import type { NestedType, NestingMode, ProviderSchema, SchemaAttribute, SchemaBlock, TypeSchema } from "../../../src/schema/format.js";

export interface SchemaMessage {
  version: number;
  block: BlockMessage;
}

interface BlockMessage {
  attributes: AttributeMessage[];
  block_types: NestedBlockMessage[];
  description: string;
  description_kind: "PLAIN" | "MARKDOWN";
  deprecated: boolean;
}

interface AttributeMessage {
  name: string;
  type?: Buffer;
  nested_type?: { attributes: AttributeMessage[]; nesting: string };
  description: string;
  description_kind: "PLAIN" | "MARKDOWN";
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  deprecated: boolean;
  write_only: boolean;
}

interface NestedBlockMessage {
  type_name: string;
  block: BlockMessage;
  nesting: string;
  min_items: number;
  max_items: number;
}

const kind = (k: "plain" | "markdown" | undefined) => (k === "markdown" ? "MARKDOWN" : "PLAIN");
const nesting = (mode: NestingMode) => mode.toUpperCase();
// Terraform sorts by name when it renders JSON; sending sorted keeps both sides comparable.
const sorted = <T>(record: Record<string, T> | undefined) => Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));

function attributeMessage(name: string, attribute: SchemaAttribute): AttributeMessage {
  return {
    name,
    ...(attribute.type !== undefined ? { type: Buffer.from(JSON.stringify(attribute.type)) } : {}),
    ...(attribute.nested_type ? { nested_type: objectMessage(attribute.nested_type) } : {}),
    description: attribute.description ?? "",
    description_kind: kind(attribute.description_kind),
    required: attribute.required ?? false,
    optional: attribute.optional ?? false,
    computed: attribute.computed ?? false,
    sensitive: attribute.sensitive ?? false,
    deprecated: attribute.deprecated ?? false,
    write_only: attribute.write_only ?? false,
  };
}

function objectMessage(nested: NestedType) {
  return {
    attributes: sorted(nested.attributes).map(([name, a]) => attributeMessage(name, a)),
    nesting: nesting(nested.nesting_mode),
  };
}

function blockMessage(block: SchemaBlock): BlockMessage {
  return {
    attributes: sorted(block.attributes).map(([name, a]) => attributeMessage(name, a)),
    block_types: sorted(block.block_types).map(([name, nested]) => ({
      type_name: name,
      block: blockMessage(nested.block),
      nesting: nesting(nested.nesting_mode),
      min_items: nested.min_items ?? 0,
      max_items: nested.max_items ?? 0,
    })),
    description: block.description ?? "",
    description_kind: kind(block.description_kind),
    deprecated: block.deprecated ?? false,
  };
}

export function schemaMessage(schema: TypeSchema | undefined): SchemaMessage {
  return { version: schema?.version ?? 0, block: blockMessage(schema?.block ?? {}) };
}

const schemaMap = (table: Record<string, TypeSchema> | undefined) =>
  Object.fromEntries(sorted(table).map(([type, schema]) => [type, schemaMessage(schema)]));

/** The `GetProviderSchema` response for one provider. */
export function providerSchemaResponse(schema: ProviderSchema) {
  return {
    provider: schemaMessage(schema.provider),
    resource_schemas: schemaMap(schema.resource_schemas),
    data_source_schemas: schemaMap(schema.data_source_schemas),
    ephemeral_resource_schemas: schemaMap(schema.ephemeral_resource_schemas),
    diagnostics: [],
    server_capabilities: { plan_destroy: true, get_provider_schema_optional: false },
  };
}
