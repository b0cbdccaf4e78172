/**
 * The canonical schema format: Terraform's own `terraform providers schema -json` output
 * (format_version 1.0). Every schema file we read from disk is parsed with these zod schemas,
 * so a corrupt snapshot fails with a message naming the file instead of deep inside the checker
 * (the package's own files are held to them by a test instead: see read.ts). Each schema is built
 * when first used (`z.lazy`): a check against the shipped schemas never uses them (building them,
 * and those built on them in other modules, took 1–2 ms of every start).
 */
import { z } from "../zod.js";

/** A cty type in its JSON form: "string", ["list","string"], ["object",{...}], "dynamic"… */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", CtyType]
  | readonly ["object", Record<string, CtyType>]
  | readonly ["object", Record<string, CtyType>, string[]]
  | readonly ["tuple", CtyType[]];

export const ctyTypeSchema: z.ZodType<CtyType> = z.lazy(() =>
  z.union([
    z.enum(["string", "number", "bool", "dynamic"]),
    z.tuple([z.enum(["list", "set", "map"]), ctyTypeSchema]),
    // cty writes optional object attributes as a third element.
    z.tuple([z.literal("object"), z.record(z.string(), ctyTypeSchema)]),
    z.tuple([z.literal("object"), z.record(z.string(), ctyTypeSchema), z.array(z.string())]),
    z.tuple([z.literal("tuple"), z.array(ctyTypeSchema)]),
  ]),
) as z.ZodType<CtyType>;

export const nestingModeSchema = z.lazy(() => z.enum(["single", "group", "list", "set", "map"]));
export type NestingMode = z.infer<typeof nestingModeSchema>;

const describedSchema = () => ({
  description: z.string().optional(),
  description_kind: z.enum(["plain", "markdown"]).optional(),
  deprecated: z.boolean().optional(),
});

export interface SchemaAttribute {
  type?: CtyType;
  nested_type?: NestedType;
  description?: string;
  description_kind?: "plain" | "markdown";
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
  write_only?: boolean;
}

/** Protocol-6 nested attributes (`nested_type`) instead of a plain cty `type`. */
export interface NestedType {
  attributes: Record<string, SchemaAttribute>;
  nesting_mode: NestingMode;
  min_items?: number;
  max_items?: number;
}

export const attributeSchema: z.ZodType<SchemaAttribute> = z.lazy(() =>
  z
    .object({
      type: ctyTypeSchema.optional(),
      nested_type: nestedTypeSchema.optional(),
      ...describedSchema(),
      required: z.boolean().optional(),
      optional: z.boolean().optional(),
      computed: z.boolean().optional(),
      sensitive: z.boolean().optional(),
      write_only: z.boolean().optional(),
    })
    .refine((a) => (a.type === undefined) !== (a.nested_type === undefined), {
      message: "an attribute needs exactly one of `type` and `nested_type`",
    })
    .refine((a) => a.required || a.optional || a.computed, {
      message: "an attribute must be required, optional or computed",
    }),
) as z.ZodType<SchemaAttribute>;

const nestedTypeSchema: z.ZodType<NestedType> = z.lazy(() =>
  z.object({
    attributes: z.record(z.string(), attributeSchema),
    nesting_mode: nestingModeSchema,
    min_items: z.number().int().nonnegative().optional(),
    max_items: z.number().int().nonnegative().optional(),
  }),
);

export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, SchemaNestedBlock>;
  description?: string;
  description_kind?: "plain" | "markdown";
  deprecated?: boolean;
}

export interface SchemaNestedBlock {
  nesting_mode: NestingMode;
  block: SchemaBlock;
  min_items?: number;
  max_items?: number;
}

export const blockSchema: z.ZodType<SchemaBlock> = z.lazy(() =>
  z.object({
    attributes: z.record(z.string(), attributeSchema).optional(),
    block_types: z.record(z.string(), nestedBlockSchema).optional(),
    ...describedSchema(),
  }),
);

export const nestedBlockSchema: z.ZodType<SchemaNestedBlock> = z.lazy(() =>
  z.object({
    nesting_mode: nestingModeSchema,
    block: blockSchema,
    min_items: z.number().int().nonnegative().optional(),
    max_items: z.number().int().nonnegative().optional(),
  }),
);

/** One resource, data source or provider configuration schema. */
export const typeSchemaSchema = z.lazy(() =>
  z.object({
    version: z.number().int().nonnegative().optional(),
    block: blockSchema,
  }),
);
export type TypeSchema = z.infer<typeof typeSchemaSchema>;

export const providerSchemaSchema = z.lazy(() =>
  z.object({
    provider: typeSchemaSchema.optional(),
    resource_schemas: z.record(z.string(), typeSchemaSchema).optional(),
    data_source_schemas: z.record(z.string(), typeSchemaSchema).optional(),
    ephemeral_resource_schemas: z.record(z.string(), typeSchemaSchema).optional(),
    /** Provider functions (Terraform 1.8+): name → signature; only the names are used. */
    functions: z.record(z.string(), z.unknown()).optional(),
    // Newer Terraform versions add more maps (list resources…); we keep but ignore them.
  }).passthrough(),
);
export type ProviderSchema = z.infer<typeof providerSchemaSchema>;

/** The whole document `terraform providers schema -json` prints. */
export const providersSchemaDocumentSchema = z.lazy(() =>
  z.object({
    format_version: z.string().regex(/^1\.\d+$/, "expected a 1.x format_version"),
    provider_schemas: z.record(z.string(), providerSchemaSchema).optional(),
  }),
);
export type ProvidersSchemaDocument = z.infer<typeof providersSchemaDocumentSchema>;
