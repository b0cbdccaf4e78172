/**
 * Validators for attribute values, from their cty type. Every level accepts null (unset) and an
 * expression string (its value is unknown until plan); primitives accept what Terraform converts,
 * with a warning, and reject what it cannot convert; an object needs every attribute its type
 * does not mark optional (null counts), and keys the type lacks are dropped.
 */
import { z } from "../zod.js";
import type { CtyType, SchemaAttribute, SchemaBlock } from "../schema/format.js";
import { isTemplateExpression } from "../hcl/index.js";
import { ExactNumber } from "../core/exact-number.js";
import { type JsonPrimitive, type PrimitiveType, convertPrimitive, describeType, describeValue, jsonLiteral, withArticle } from "./conversion.js";
import { ANY_VALUE, type Finding, type Payload, type Validator, type ValueCheck, addFinding, forward } from "./findings.js";
import { byKind, isPlainObject } from "./kind.js";
import { bodyCheck, bodySchema } from "./block.js";
import { attributeAsBlock } from "./language.js";
import type { PathSegment } from "../core/pointer.js";
import { terraformNamesOf } from "../core/suggest.js";

/** The typed CDKTF bindings outside TypeScript are strict where Terraform converts. */
const BINDINGS = "typed CDKTF bindings (Python, Java, C#, Go)";

/** Validators by what they depend on: types have many arguments in common (`tags`, `name`, `region`…). */
const compiled = new Map<string, Validator>();

/**
 * The validator of a value of `type`: for a primitive its check itself (a zod schema costs more
 * to make than the check of a few values costs to run: findings.ts, Validator), else a zod
 * schema. `element`: the value is inside a collection of the argument `name`. `missingDetail`
 * explains, for a collection of objects, what to do about attributes an element lacks.
 */
function ctyValueValidator(type: CtyType, name: string, element = false, missingDetail?: string): Validator {
  const key = `${JSON.stringify(type)}\0${name}\0${element}\0${missingDetail ?? ""}`;
  let validator = compiled.get(key);
  if (!validator) compiled.set(key, (validator = compileValueValidator(type, name, element, missingDetail)));
  return validator;
}

function compileValueValidator(type: CtyType, name: string, element: boolean, missingDetail?: string): Validator {
  if (type === "dynamic") return ANY_VALUE;
  if (typeof type === "string") return primitiveCheck(type, name, element);
  switch (type[0]) {
    case "list":
    case "set": {
      const elementType = type[1] as CtyType;
      const array = isObjectType(elementType) ? objectsIn(elementType, name, missingDetail) : elementsOf(ctyValueValidator(elementType, name, true));
      return byKind({ null: true, string: true, array }, unlessExpression(type, name));
    }
    case "map": {
      const elementType = type[1] as CtyType;
      const object = isObjectType(elementType) ? objectsIn(elementType, name, missingDetail) : recordOf(ctyValueValidator(elementType, name, true));
      return byKind({ null: true, string: true, object }, unlessExpression(type, name));
    }
    case "object": {
      const body = objectBody(type, name);
      const object: ValueCheck = (payload) => {
        // Read without a `__proto__` key (JSON.parse makes it an own one), as zod's record read it before.
        const value = withoutProto(payload.value as Record<string, unknown>);
        reportMissing(payload, value, type, name, "", []);
        forward(payload, body, value, []);
      };
      return byKind({ null: true, string: true, object }, unlessExpression(type, name));
    }
    case "tuple":
      // Tuple-typed arguments are all but absent from provider schemas; we check the shape only.
      return byKind({ null: true, string: true, array: z.array(z.unknown()).length(type[1].length) }, unlessExpression(type, name));
  }
}

/**
 * An object's values checked as z.record(z.string(), values) checks them (each value's issues
 * below its key, `__proto__` left out), without the copy of the object zod's record returns: most
 * resources have a map (`tags`), and the copy was most of the cost of checking one.
 */
function recordOf(values: Validator): ValueCheck {
  return (payload) => {
    const object = payload.value as Record<string, unknown>;
    for (const key of Object.keys(object)) if (key !== "__proto__") forward(payload, values, object[key], key);
  };
}

/** An array's elements checked as z.array(elements) checks them (each element's issues below its index), without the copy of the array it returns. */
function elementsOf(elements: Validator): ValueCheck {
  return (payload) => {
    const array = payload.value as unknown[];
    for (let i = 0; i < array.length; i++) forward(payload, elements, array[i], i);
  };
}

type ObjectType = Extract<CtyType, readonly ["object", ...unknown[]]>;

const isObjectType = (type: CtyType): type is ObjectType => Array.isArray(type) && type[0] === "object";

/** An object as it is, unless it has an own `__proto__` key: then a copy without it. */
function withoutProto(object: Record<string, unknown>): Record<string, unknown> {
  return Object.hasOwn(object, "__proto__") ? Object.fromEntries(Object.entries(object).filter(([key]) => key !== "__proto__")) : object;
}

/** The attributes of an object of `type`, each checked against its type; what is missing is reported by the caller. */
function objectBody(type: ObjectType, name: string): ValueCheck {
  const optional = new Set(type[2] ?? []);
  const attributes = Object.fromEntries(
    Object.entries(type[1]).map(([attr, attrType]): [string, SchemaAttribute] => [
      attr,
      optional.has(attr) ? { type: attrType, optional: true } : { type: attrType, required: true },
    ]),
  );
  return bodyCheck({ attributes }, { kind: "value", name, conversion: true });
}

/**
 * The elements of a list, set or map of objects (an array or an object: byKind routes only
 * those here), each checked as an object, and what each lacks reported as cty words it, naming
 * the element: `element 0: attributes "a" and "b" are required`, `element "key": …`. A map's
 * `__proto__` key is left out, as z.record, which this replaced, leaves it out.
 */
function objectsIn(type: ObjectType, name: string, missingDetail?: string): ValueCheck {
  const object = byKind({ null: true, string: true, object: objectBody(type, name) }, unlessExpression(type, name));
  const element = (payload: Payload, key: string | number, value: unknown) => {
    const where = typeof key === "number" ? `element ${key}: ` : `element ${JSON.stringify(key)}: `;
    if (isPlainObject(value)) reportMissing(payload, value, type, name, where, [key], missingDetail);
    forward(payload, object, value, key);
  };
  return (payload) => {
    const value = payload.value as unknown[] | Record<string, unknown>;
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) element(payload, i, value[i]);
    else for (const key of Object.keys(value)) if (key !== "__proto__") element(payload, key, value[key]);
  };
}

const requiredByType = new WeakMap<ObjectType, readonly string[]>();

/** The attributes of an object type that it does not mark optional, sorted; once per type (every object value of it asks). */
function requiredAttributes(type: ObjectType): readonly string[] {
  let names = requiredByType.get(type);
  if (!names) {
    const optional = new Set(type[2] ?? []);
    names = Object.keys(type[1])
      .filter((attr) => !optional.has(attr))
      .sort();
    requiredByType.set(type, names);
  }
  return names;
}

/**
 * cty's conversion to an object type needs every attribute the type does not mark optional to
 * be present; null is a value there, the way to leave one unset. Worded as cty's MismatchMessage
 * (names sorted), one finding for the whole object.
 */
function reportMissing(payload: Payload, object: Record<string, unknown>, type: ObjectType, name: string, where: string, path: PathSegment[], detail?: string): void {
  const missing = requiredAttributes(type).filter((attr) => !Object.hasOwn(object, attr));
  if (missing.length === 0) return;
  const quoted = missing.map((m) => JSON.stringify(m));
  const required =
    quoted.length === 1
      ? `attribute ${quoted[0]} is required`
      : quoted.length === 2
        ? `attributes ${quoted[0]} and ${quoted[1]} are required`
        : `attributes ${quoted.slice(0, -1).join(", ")}, and ${quoted.at(-1)} are required`;
  // An attribute written under its binding's name (`fromPort`) gets its own fix, a rename; null is the fix for the others.
  const written = new Set(Object.keys(object).flatMap((key) => terraformNamesOf(key).filter((m) => m !== key)));
  const unset = missing.filter((m) => !written.has(m));
  addFinding(payload, {
    rule: "missing-argument",
    severity: "error",
    path,
    message: `Inappropriate value for attribute "${name}": ${where}${required}`,
    detail:
      detail ??
      `Terraform converts the value to the object type of "${name}", which needs every attribute it does not mark optional; set one to null to leave it unset.`,
    suggestions: unset.length > 0 ? [unset.map((m) => `"${m}": null`).join(", ")] : [],
  });
}

/** Protocol-6 nested attributes: objects of attributes (with their own required flags). */
function nestedTypeSchema(attribute: SchemaAttribute & { nested_type: object }, name: string): z.ZodType {
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

/**
 * `inBlockBody`: the attribute is an argument of a block body (not an attribute of an object), so
 * HCL could write it as blocks if its type is a list or set of objects (see attributeAsBlock).
 */
export function attributeValueSchema(attribute: SchemaAttribute, name: string, inBlockBody = false): Validator {
  if (attribute.nested_type) return nestedTypeSchema(attribute as SchemaAttribute & { nested_type: object }, name);
  if (attribute.type === undefined || typeof attribute.type === "string") return ctyValueValidator(attribute.type ?? "dynamic", name);
  const asBlocks = inBlockBody && attributeAsBlock(attribute) !== undefined;
  return ctyValueValidator(attribute.type, name, false, asBlocks ? writtenAsAttribute(name) : undefined);
}

/** Why an element of an attribute HCL may write as blocks needs all its attributes in JSON. */
function writtenAsAttribute(name: string): string {
  return (
    `Written as a JSON property, "${name}" is the attribute itself (Terraform's blocks-as-attributes rule), not blocks: ` +
    `every object needs all its attributes; set the ones you do not use to null. Only "dynamic": {"${name}": …} ` +
    `generates blocks, which may leave attributes out.`
  );
}

/** What a primitive accepts, converts (a warning) or rejects. */
function primitiveCheck(type: PrimitiveType, name: string, element: boolean): ValueCheck {
  return (payload) => {
    const value = payload.value;
    if (value === undefined || value === null || isTemplateExpression(value)) return;
    if (typeof value === "object" && !(value instanceof ExactNumber)) {
      addFinding(payload, mismatch(type, name, value));
      return;
    }
    const conversion = convertPrimitive(value as JsonPrimitive, type);
    if (conversion.kind === "converted") {
      const to = jsonLiteral(conversion.to);
      addFinding(payload, {
        rule: "type-mismatch",
        severity: "warning",
        message: `${element ? `elements of "${name}" are ${type}s` : `"${name}" is ${withArticle(type)} argument`}: Terraform converts ${describeValue(value)} to ${to}`,
        detail:
          `Terraform accepts ${jsonLiteral(value as JsonPrimitive)} here and converts it to ${withArticle(type)}, but ${BINDINGS} ` +
          `declare ${element ? `the elements of "${name}" as ${type}s` : `"${name}" as ${withArticle(type)}`} and reject ${describeValue(value)}. Write ${to}.`,
        suggestions: [to],
      });
    } else if (conversion.kind === "rejected") {
      addFinding(payload, {
        ...mismatch(type, name, value),
        detail: `Terraform cannot convert ${describeValue(value)} to ${withArticle(type)}: ${conversion.reason}.`,
        suggestions: conversion.suggestion === undefined ? [] : [jsonLiteral(conversion.suggestion)],
      });
    }
  };
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
          suggestions: [jsonLiteral([value as JsonPrimitive])],
        }
      : {}),
  };
}

function kindIsScalar(value: unknown): boolean {
  return value !== null && (typeof value !== "object" || value instanceof ExactNumber);
}
