/**
 * How the CDKTF generator's facts turn into schema pieces, the same for both readers (jsii.ts for
 * binding packages, typescript-source.ts for `cdktf get` TypeScript trees).
 */
import type { CtyType, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../format.js";
import type { Flags } from "./generated-source.js";

export function flagFields(flags: Flags): Pick<SchemaAttribute, "required" | "optional" | "computed"> {
  const fields: Pick<SchemaAttribute, "required" | "optional" | "computed"> = {};
  if (flags.required) fields.required = true;
  if (flags.optional) fields.optional = true;
  if (flags.computed) fields.computed = true;
  return fields;
}

export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A block of the attributes and block types found, leaving out empty maps as Terraform does. */
export function blockOf(attributes: Record<string, SchemaAttribute>, blockTypes: Record<string, SchemaNestedBlock>): SchemaBlock {
  const block: SchemaBlock = {};
  if (Object.keys(attributes).length > 0) block.attributes = sortKeys(attributes);
  if (Object.keys(blockTypes).length > 0) block.block_types = sortKeys(blockTypes);
  return block;
}

/**
 * A struct-typed attribute from its fields. The generator gives the fields of a cty object type
 * the flags of the attribute itself, while nested attributes (`nested_type`) carry their own:
 * fields that all share the attribute's flags read as an object type.
 */
export function structAttribute(fields: Record<string, SchemaAttribute>, flags: Flags, mode: "single" | "list" | "set" | "map"): Pick<SchemaAttribute, "type" | "nested_type"> {
  const sameFlags = Object.values(fields).every(
    (f) => f.type !== undefined && !!f.required === flags.required && !!f.optional === flags.optional && !!f.computed === flags.computed,
  );
  if (!sameFlags) return { nested_type: { attributes: fields, nesting_mode: mode } };
  const object: CtyType = ["object", Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.type!]))];
  return { type: mode === "single" ? object : [mode, object] };
}
