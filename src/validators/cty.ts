/**
 * Validators for attribute values, from their cty type. Every level accepts null (unset) and an
 * expression string (its value is unknown until plan); primitives accept what Terraform converts,
 * with a warning, and reject what it cannot convert.
 */
import { z } from "../zod.js";
import type { CtyType, SchemaAttribute, SchemaBlock } from "../schema/format.js";
import { isTemplateExpression } from "../hcl/index.js";
import { type JsonPrimitive, type PrimitiveType, convertPrimitive, describeType, describeValue, withArticle } from "./conversion.js";
import { type Finding, addFinding } from "./findings.js";
import { byKind } from "./kind.js";
import { bodySchema } from "./block.js";

/** The typed CDKTF bindings outside TypeScript are strict where Terraform converts. */
const BINDINGS = "typed CDKTF bindings (Python, Java, C#, Go)";

/** `element`: the value is inside a collection or object of the argument `name`. */
export function ctyValueSchema(type: CtyType, name: string, element = false): z.ZodType {
  if (type === "dynamic") return z.unknown();
  if (typeof type === "string") return primitiveSchema(type, name, element);
  switch (type[0]) {
    case "list":
    case "set":
      return byKind({ null: true, string: true, array: z.array(ctyValueSchema(type[1] as CtyType, name, true)) }, unlessExpression(type, name));
    case "map":
      return byKind(
        { null: true, string: true, object: z.record(z.string(), ctyValueSchema(type[1] as CtyType, name, true)) },
        unlessExpression(type, name),
      );
    case "object": {
      const optional = new Set(type[2] ?? []);
      const attributes = Object.fromEntries(
        Object.entries(type[1]).map(([attr, attrType]): [string, SchemaAttribute] => [
          attr,
          optional.has(attr) ? { type: attrType, optional: true } : { type: attrType, required: true },
        ]),
      );
      return byKind({ null: true, string: true, object: bodySchema({ attributes }, { kind: "value", name }) }, unlessExpression(type, name));
    }
    case "tuple":
      // Tuple-typed arguments are all but absent from provider schemas; we check the shape only.
      return byKind({ null: true, string: true, array: z.array(z.unknown()).length(type[1].length) }, unlessExpression(type, name));
  }
}

/** Protocol-6 nested attributes: objects of attributes (with their own required flags). */
export function nestedTypeSchema(attribute: SchemaAttribute & { nested_type: object }, name: string): z.ZodType {
  const nested = attribute.nested_type!;
  const element = bodySchema({ attributes: nested.attributes } satisfies SchemaBlock, { kind: "value", name });
  const reject = unlessExpression(nested.nesting_mode === "list" || nested.nesting_mode === "set" ? ["list", ["object", {}]] : ["object", {}], name);
  switch (nested.nesting_mode) {
    case "single":
    case "group":
      return byKind({ null: true, string: true, object: element }, reject);
    case "list":
    case "set":
      return byKind({ null: true, string: true, array: z.array(element) }, reject);
    case "map":
      return byKind({ null: true, string: true, object: z.record(z.string(), element) }, unlessExpression(["map", ["object", {}]], name));
  }
}

export function attributeValueSchema(attribute: SchemaAttribute, name: string): z.ZodType {
  if (attribute.nested_type) return nestedTypeSchema(attribute as SchemaAttribute & { nested_type: object }, name);
  return ctyValueSchema(attribute.type ?? "dynamic", name);
}

function primitiveSchema(type: PrimitiveType, name: string, element: boolean): z.ZodType {
  return z.unknown().check((payload) => {
    const value = payload.value;
    if (value === undefined || value === null || isTemplateExpression(value)) return;
    if (typeof value === "object") {
      addFinding(payload, mismatch(type, name, value));
      return;
    }
    const conversion = convertPrimitive(value as JsonPrimitive, type);
    if (conversion.kind === "converted") {
      const to = JSON.stringify(conversion.to);
      addFinding(payload, {
        rule: "type-mismatch",
        severity: "warning",
        message: `${element ? `elements of "${name}" are ${type}s` : `"${name}" is ${withArticle(type)} argument`}: Terraform converts ${describeValue(value)} to ${to}`,
        detail:
          `Terraform accepts ${JSON.stringify(value)} here and converts it to ${withArticle(type)}, but ${BINDINGS} ` +
          `declare ${element ? `the elements of "${name}" as ${type}s` : `"${name}" as ${withArticle(type)}`} and reject ${describeValue(value)}. Write ${to}.`,
        suggestions: [to],
      });
    } else if (conversion.kind === "rejected") {
      addFinding(payload, {
        ...mismatch(type, name, value),
        detail: `Terraform cannot convert ${describeValue(value)} to ${withArticle(type)}: ${conversion.reason}.`,
        suggestions: conversion.suggestion === undefined ? [] : [JSON.stringify(conversion.suggestion)],
      });
    }
  });
}

/** For `byKind`: an expression string is always acceptable, anything else it asks about is not. */
function unlessExpression(type: CtyType, name: string) {
  return (value: unknown): Finding | undefined => (isTemplateExpression(value) ? undefined : mismatch(type, name, value));
}

/** A value Terraform cannot convert to `type` at all; the message follows Terraform's wording. */
function mismatch(type: CtyType, name: string, value: unknown): Finding {
  const wanted = describeType(type);
  const wrapped = typeof type !== "string" && (type[0] === "list" || type[0] === "set") && kindIsScalar(value);
  return {
    rule: "type-mismatch",
    severity: "error",
    message: `Inappropriate value for "${name}": ${withArticle(wanted)} is required, got ${describeValue(value)}`,
    ...(wrapped
      ? {
          detail: `Terraform does not turn a single value into a ${type[0]}; wrap it in an array.`,
          suggestions: [JSON.stringify([value])],
        }
      : {}),
  };
}

function kindIsScalar(value: unknown): boolean {
  return value !== null && typeof value !== "object";
}
