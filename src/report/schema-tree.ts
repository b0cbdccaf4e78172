/**
 * `schema show`: one resource's schema as an indented tree of arguments (with Terraform type
 * constraints and flags) and blocks (with nesting mode and item limits).
 */
import type { SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../schema/format.js";
import { nestedTypeExpression, typeExpression } from "../schema/type-expression.js";

interface Row {
  depth: number;
  name: string;
  kind: string;
  flags: string;
}

export function formatSchemaTree(title: string, block: SchemaBlock): string {
  const rows: Row[] = [];
  collect(block, 0, rows);
  const nameWidth = Math.max(...rows.map((r) => r.depth * 2 + r.name.length), 4) + 2;
  const kindWidth = Math.min(Math.max(...rows.map((r) => r.kind.length), 4) + 2, 40);
  const lines = rows.map((r) => {
    const name = `${"  ".repeat(r.depth)}${r.name}`.padEnd(nameWidth);
    // Long object types would push the flags off screen; they get a line of their own.
    return r.kind.length >= kindWidth
      ? `  ${name}${r.kind}\n  ${" ".repeat(nameWidth + kindWidth)}${r.flags}`.trimEnd()
      : `  ${name}${r.kind.padEnd(kindWidth)}${r.flags}`.trimEnd();
  });
  return `${title}\n\n${lines.join("\n")}\n`;
}

function collect(block: SchemaBlock, depth: number, rows: Row[]): void {
  for (const [name, attribute] of Object.entries(block.attributes ?? {}).sort(byName)) {
    rows.push({ depth, name, kind: attributeKind(attribute), flags: attributeFlags(attribute) });
    if (attribute.nested_type) collect({ attributes: attribute.nested_type.attributes }, depth + 1, rows);
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {}).sort(byName)) {
    rows.push({ depth, name, kind: `block, ${nested.nesting_mode}`, flags: blockFlags(nested) });
    collect(nested.block, depth + 1, rows);
  }
}

const byName = ([a]: [string, unknown], [b]: [string, unknown]) => a.localeCompare(b);

function attributeKind(attribute: SchemaAttribute): string {
  if (attribute.nested_type) return nestedTypeExpression(attribute.nested_type);
  return typeExpression(attribute.type ?? "dynamic");
}

function attributeFlags(attribute: SchemaAttribute): string {
  const flags: string[] = [];
  if (attribute.required) flags.push("required");
  if (attribute.optional) flags.push("optional");
  if (attribute.computed) flags.push(attribute.optional || attribute.required ? "computed" : "computed (read-only)");
  if (attribute.sensitive) flags.push("sensitive");
  if (attribute.deprecated) flags.push("deprecated");
  return flags.join(", ");
}

function blockFlags(nested: SchemaNestedBlock): string {
  const flags: string[] = [];
  if (nested.min_items) flags.push(`min ${nested.min_items}`);
  if (nested.max_items) flags.push(`max ${nested.max_items}`);
  if (nested.block.deprecated) flags.push("deprecated");
  return flags.join(", ");
}
