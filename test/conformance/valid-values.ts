/**
 * The smallest configuration a schema accepts: every required argument set to a value of its
 * type, every block with a minimum present once. Mutations start from these.
 */
import type { CtyType, NestedType, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../../src/schema/format.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function valueOfType(type: CtyType): Json {
  if (type === "string" || type === "dynamic") return "text";
  if (type === "number") return 1;
  if (type === "bool") return true;
  const [kind, element] = type;
  if (kind === "list" || kind === "set") return [valueOfType(element)];
  if (kind === "map") return { key: valueOfType(element) };
  if (kind === "tuple") return element.map(valueOfType);
  const optional = new Set(type[2] ?? []);
  return Object.fromEntries(Object.entries(element).filter(([name]) => !optional.has(name)).map(([name, t]) => [name, valueOfType(t)]));
}

function nestedValue(nested: NestedType): Json {
  const object = bodyFor(nested.attributes, {});
  if (nested.nesting_mode === "single" || nested.nesting_mode === "group") return object;
  if (nested.nesting_mode === "map") return { key: object };
  return [object];
}

export function attributeValue(attribute: SchemaAttribute): Json {
  return attribute.nested_type ? nestedValue(attribute.nested_type) : valueOfType(attribute.type ?? "dynamic");
}

/** A nested block's content as Terraform JSON writes it: an object, a list of them, or a map. */
export function blockValue(nested: SchemaNestedBlock, count = 1): Json {
  const body = validBody(nested.block);
  if (nested.nesting_mode === "single" || nested.nesting_mode === "group") return body;
  if (nested.nesting_mode === "map") return Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, body]));
  return Array.from({ length: count }, () => body);
}

const settable = (a: SchemaAttribute) => a.required === true || a.optional === true;

/** An object type, or a list, set or map of objects. */
export const holdsObjects = (type: CtyType | undefined): boolean =>
  Array.isArray(type) && (type[0] === "object" || (type[0] !== "tuple" && Array.isArray(type[1]) && type[1][0] === "object"));

function bodyFor(attributes: Record<string, SchemaAttribute>, blocks: Record<string, SchemaNestedBlock>): { [key: string]: Json } {
  const body: { [key: string]: Json } = {};
  // Required arguments, plus the first optional one so that mutations have something to hit, and
  // every optional one holding objects (where fields go missing or get camelCased).
  let optionals = 1;
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.required || (settable(attribute) && (optionals-- > 0 || holdsObjects(attribute.type)))) body[name] = attributeValue(attribute);
  }
  for (const [name, nested] of Object.entries(blocks)) body[name] = blockValue(nested, Math.max(1, nested.min_items ?? 0));
  return body;
}

export function validBody(block: SchemaBlock): { [key: string]: Json } {
  return bodyFor(block.attributes ?? {}, block.block_types ?? {});
}
