/**
 * Validators for block bodies (resources, data sources, providers, nested blocks, backends) and
 * for object-shaped attribute values, compiled from the schema once per block and cached.
 *
 * In a block body `"//"` is a comment and `dynamic` holds dynamic blocks; unknown names are
 * errors. In an object value (an attribute of object type or with nested attributes) every key
 * is data, and a key the type lacks is dropped by Terraform's conversion: a warning.
 */
import { z } from "../zod.js";
import type { SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../schema/format.js";
import { suggestNames } from "../check/suggest.js";
import { isTemplateExpression } from "../check/interpolation.js";
import { attributeValueSchema } from "./cty.js";
import { describeValue } from "./conversion.js";
import { type Finding, addFinding } from "./findings.js";
import { byKind, isPlainObject } from "./kind.js";
import { allowsDynamicBlocks, attributeAsBlock, dynamicBlocksOf } from "./language.js";

export interface BodyContext {
  kind: "block" | "value";
  /** Names the body in messages: the resource type, block type or argument. */
  name: string;
  /** Resource type, for owner-prefixed suggestions (`subnet_group_name` → `name`). */
  ownerType?: string;
}

/** Keys of a block body that are not arguments: comments (cdktf's metadata) and dynamic blocks. */
const COMMENT = "//";
const DYNAMIC = "dynamic";

const compiled = new WeakMap<SchemaBlock, Map<string, z.ZodType>>();

/** The validator for one body shaped by `block`; compiled on first use, then reused. */
export function bodySchema(block: SchemaBlock, context: BodyContext): z.ZodType {
  const key = `${context.kind}|${context.name}|${context.ownerType ?? ""}`;
  let forBlock = compiled.get(block);
  if (!forBlock) compiled.set(block, (forBlock = new Map()));
  let schema = forBlock.get(key);
  if (!schema) {
    schema = compileBody(block, context);
    forBlock.set(key, schema);
  }
  return schema;
}

function compileBody(block: SchemaBlock, context: BodyContext): z.ZodType {
  const attributes = block.attributes ?? {};
  const blockTypes = context.kind === "block" ? (block.block_types ?? {}) : {};
  const allowsDynamic = context.kind === "block" && allowsDynamicBlocks(block);

  // Every key is optional to zod: what is required (and how many blocks) is checked below, where
  // `null`, dynamic blocks and Terraform's wording can be taken into account.
  const shape: Record<string, z.ZodType> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const qualified = context.kind === "value" ? `${context.name}.${name}` : name;
    const asBlock = context.kind === "block" ? attributeAsBlock(attribute) : undefined;
    shape[name] = attributeValueSchema(asBlock?.attribute ?? attribute, qualified).optional();
  }
  for (const [name, nested] of Object.entries(blockTypes)) shape[name] = nestedBlockSchema(nested, name, context).optional();
  if (allowsDynamic) shape[DYNAMIC] = nestedBlockSchema(dynamicBlocksOf(block), DYNAMIC, context).optional();

  const names = [...Object.keys(attributes), ...Object.keys(blockTypes)];
  return z.looseObject(shape).check(
    z.superRefine(
      (body: Record<string, unknown>, ctx) => {
        const findings = checkNames(body, attributes, blockTypes, names, context, allowsDynamic);
        findings.push(...checkRequired(body, attributes, context), ...checkCounts(body, blockTypes, context));
        for (const finding of findings) addFinding(ctx, finding);
      },
      { when: (payload) => isPlainObject(payload.value) },
    ),
  );
}

/** Unknown names, read-only attributes and deprecated names that are set. */
function checkNames(
  body: Record<string, unknown>,
  attributes: Record<string, SchemaAttribute>,
  blockTypes: Record<string, SchemaNestedBlock>,
  names: string[],
  context: BodyContext,
  allowsDynamic: boolean,
): Finding[] {
  const findings: Finding[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (context.kind === "block" && name === COMMENT) continue;
    if (allowsDynamic && name === DYNAMIC) continue;
    const attribute = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    const nested = Object.hasOwn(blockTypes, name) ? blockTypes[name] : undefined;
    if (attribute) {
      if (attribute.computed && !attribute.optional && !attribute.required) {
        findings.push({
          rule: "unknown-argument",
          severity: "error",
          path: [name],
          message: `"${name}" is read-only: ${context.name} computes it, so it cannot be set`,
          detail: `The provider decides the value of "${name}" after apply; remove it from the configuration (you can still refer to it).`,
          suggestions: [],
        });
      } else if (attribute.deprecated && value !== null) {
        findings.push(deprecation("Argument", name, context, attribute.description));
      }
    } else if (nested) {
      if (nested.block.deprecated && value !== null) findings.push(deprecation("Block", name, context, nested.block.description));
    } else {
      findings.push(unknownName(name, names, context));
    }
  }
  return findings;
}

function unknownName(name: string, names: string[], context: BodyContext): Finding {
  const suggestions = suggestNames(name, names, context.ownerType ? { ownerType: context.ownerType } : {});
  if (context.kind === "value") {
    return {
      rule: "unknown-argument",
      severity: "warning",
      path: [name],
      message: `Unexpected attribute "${name}" in "${context.name}": Terraform ignores it`,
      detail: `The type of "${context.name}" has no attribute "${name}"; Terraform's conversion drops it silently.`,
      suggestions,
    };
  }
  const owner = context.name.endsWith(`.${DYNAMIC}`) ? context.name.slice(0, -DYNAMIC.length - 1) : undefined;
  return {
    rule: "unknown-argument",
    severity: "error",
    path: [name],
    message: owner
      ? `Unsupported dynamic block "${name}": ${owner} has no block type of that name`
      : `Unsupported argument "${name}": ${context.name} has no argument or block of that name`,
    detail: `Terraform rejects this with "An argument named "${name}" is not expected here."`,
    suggestions,
  };
}

function deprecation(what: "Argument" | "Block", name: string, context: BodyContext, description?: string): Finding {
  return {
    rule: "deprecated",
    severity: "warning",
    path: [name],
    message: `${what} "${name}" of ${context.name} is deprecated`,
    ...(description ? { detail: description } : {}),
    suggestions: [],
  };
}

function checkRequired(body: Record<string, unknown>, attributes: Record<string, SchemaAttribute>, context: BodyContext): Finding[] {
  const findings: Finding[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!attribute.required) continue;
    const value = body[name];
    if (value === undefined) {
      findings.push({
        rule: "missing-argument",
        severity: "error",
        path: [],
        message: `Missing required argument "${name}" in ${context.name}`,
        detail: `The argument "${name}" is required, but no definition was found.`,
        suggestions: [name],
      });
    } else if (value === null) {
      findings.push({
        rule: "missing-argument",
        severity: "error",
        path: [name],
        message: `Missing required argument "${name}" in ${context.name}: null means unset`,
        detail: `The argument "${name}" is required; in Terraform a null value is the same as leaving it out.`,
        suggestions: [],
      });
    }
  }
  return findings;
}

/** min_items and max_items, counting dynamic blocks as "some": their number is unknown here. */
function checkCounts(body: Record<string, unknown>, blockTypes: Record<string, SchemaNestedBlock>, context: BodyContext): Finding[] {
  const findings: Finding[] = [];
  for (const [name, nested] of Object.entries(blockTypes)) {
    const count = staticCount(body[name], nested);
    const dynamic = hasDynamic(body[DYNAMIC], name);
    const min = nested.min_items ?? 0;
    const max = nested.nesting_mode === "single" || nested.nesting_mode === "group" ? 1 : (nested.max_items ?? 0);
    if (count < min && !dynamic) {
      findings.push({
        rule: "missing-argument",
        severity: "error",
        path: [],
        message: `Missing required block "${name}" in ${context.name}: at least ${min} ${min === 1 ? "is" : "are"} required`,
        detail: `Terraform reports "Insufficient ${name} blocks: At least ${min} "${name}" blocks are required."`,
        suggestions: [name],
      });
    }
    if (max > 0 && count > max) {
      findings.push({
        rule: "block-shape",
        severity: "error",
        path: [name],
        message: `Too many "${name}" blocks in ${context.name}: at most ${max} allowed, got ${count}`,
        detail: max === 1 ? `"${name}" is a single block: give one object, not an array of several.` : undefined,
        suggestions: [],
      });
    }
  }
  return findings;
}

function staticCount(value: unknown, nested: SchemaNestedBlock): number {
  if (value === undefined || value === null) return 0;
  if (nested.nesting_mode === "map") {
    const byLabel = Array.isArray(value) ? value : [value];
    return byLabel.reduce((n: number, labelled) => n + (isPlainObject(labelled) ? Object.keys(labelled).length : 1), 0);
  }
  if (Array.isArray(value)) return value.length;
  // An object is one block; a value of the wrong kind is reported as such, not as missing.
  return 1;
}

function hasDynamic(dynamic: unknown, name: string): boolean {
  const bodies = Array.isArray(dynamic) ? dynamic : [dynamic];
  return bodies.some((body) => isPlainObject(body) && body[name] !== undefined && body[name] !== null);
}

/** A nested block's value: one object, an array of objects, or (map nesting) objects by label. */
function nestedBlockSchema(nested: SchemaNestedBlock, name: string, parent: BodyContext): z.ZodType {
  // Lazy: a type's deeper blocks are compiled only when a document uses them.
  const body = z.lazy(() => bodySchema(nested.block, { ...parent, name: `${parent.name}.${name}` }));
  const reject = (value: unknown): Finding => notABlock(name, nested, value);
  if (nested.nesting_mode === "map") {
    // Objects keyed by label; HCL's JSON syntax also allows an array of such objects.
    const labelled = z.record(
      z.string(),
      byKind({ object: body, array: z.array(body) }, (value) => notABlock(name, { ...nested, nesting_mode: "list" }, value)),
    );
    return byKind({ null: true, object: labelled, array: z.array(labelled) }, reject);
  }
  return byKind({ null: true, object: body, array: z.array(body) }, reject);
}

function notABlock(name: string, nested: SchemaNestedBlock, value: unknown): Finding {
  const expected =
    nested.nesting_mode === "map"
      ? "an object of blocks keyed by label"
      : nested.nesting_mode === "single" || nested.nesting_mode === "group" || nested.max_items === 1
        ? "an object"
        : "an object or an array of objects";
  if (isTemplateExpression(value)) {
    return {
      rule: "block-shape",
      severity: "error",
      message: `"${name}" is a block: it cannot be set from an expression`,
      detail: `A block is written as ${expected}; to generate blocks from an expression, use "dynamic": {"${name}": {"for_each": …, "content": {…}}}.`,
      suggestions: [],
    };
  }
  return {
    rule: "block-shape",
    severity: "error",
    message: `"${name}" is a block: expected ${expected}, got ${describeValue(value)}`,
    detail: `In Terraform JSON, a "${name}" block is written as ${expected}, never as a plain value.`,
    suggestions: [],
  };
}
