/**
 * What the steps of a reference lead to, and where they cannot go, in a resource's schema or in
 * a value's type. Terraform checks a reference in two ways, and this follows both:
 *
 * - statically, against the schema (configschema's StaticValidateTraversal, at validate): the
 *   constant steps right after a resource (`aws_vpc.main.cidr_block`, `x.rule[0].name`) must name
 *   an argument, nested block or exported attribute; a block type of list nesting is indexed by
 *   number, one of set nesting cannot be indexed at all ("Cannot index a set value");
 * - by evaluation (HCL's GetAttr, Index and splat on a value of the type; at validate for typed
 *   input variables, at plan for resources, whose values validate does not type): an object has
 *   its attributes, a map any key, a list of objects no attributes ("Can't access attributes on
 *   a list of objects"), a set no indices, a primitive neither.
 *
 * Steps after a splat apply to each element; `dynamic` (and anything only evaluation can tell,
 * such as an object indexed by a computed key) ends the walk with an unknown type.
 */
import { didYouMean, suggestNames } from "../core/suggest.js";
import type { Range, ReferenceStep } from "../hcl/index.js";
import type { CtyType, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../schema/format.js";

/** Where a walk stands: a block (a resource, a nested block), blocks of one type, or a value of a type. */
export type Shape = { kind: "block"; block: SchemaBlock } | { kind: "blocks"; name: string; nested: SchemaNestedBlock } | { kind: "type"; type: CtyType };

export interface StepProblem {
  summary: string;
  detail: string;
  range: Range;
  suggestions: string[];
}

export interface StepsResult {
  /** The type the steps lead to; undefined when only evaluation can tell. */
  type?: CtyType;
  problem?: StepProblem;
}

/**
 * Follows `steps` from `shape`. The steps before `evaluatedFrom` are checked the static way
 * (schema rules for blocks), the rest as evaluation does (HCL's rules on the implied types).
 */
export function followSteps(shape: Shape, steps: readonly ReferenceStep[], evaluatedFrom = 0): StepsResult {
  let current: Shape | undefined = shape;
  // Steps after a splat apply to every element; the result is a list of what they give.
  let lists = 0;
  let attributeSplat = false;
  for (let i = 0; i < steps.length && current; i++) {
    const step = steps[i]!;
    if (step.kind === "splat") {
      const element = splatElement(current);
      if (!element) return {};
      current = element;
      lists++;
      attributeSplat = !step.full;
      continue;
    }
    if (attributeSplat && step.kind === "index" && lists > 0) {
      // `x.*.a[0]`: an attribute-only splat takes attribute steps only; the index is on its result.
      lists--;
      attributeSplat = false;
      continue;
    }
    const next: StepOutcome = i < evaluatedFrom ? staticStep(current, step) : evaluatedStep(current, step);
    if ("problem" in next) return { problem: next.problem };
    current = next.shape;
  }
  if (!current) return {};
  let type: CtyType | undefined = typeOfShape(current);
  for (let i = 0; i < lists && type !== undefined; i++) type = ["list", type];
  return type === undefined ? {} : { type };
}

type StepOutcome = { shape: Shape | undefined } | { problem: StepProblem };

const unknown: StepOutcome = { shape: undefined };

/** configschema's static rules: blocks by their nesting, attributes by HCL's rules on their type. */
function staticStep(shape: Shape, step: ReferenceStep): StepOutcome {
  if (shape.kind === "type") return evaluatedStep(shape, step);
  if (shape.kind === "block") {
    if (step.kind === "attr") return blockMember(shape.block, step.name, step.range, true);
    if (step.kind === "index" && !("dynamic" in step) && typeof step.key === "string" && /^[A-Za-z_][\w-]*$/.test(step.key)) {
      return problem("Invalid index operation", `Only attribute access is allowed here. Did you mean to access attribute "${step.key}" using the dot operator?`, step.range);
    }
    return problem("Invalid index operation", "Only attribute access is allowed here, using the dot operator.", step.range);
  }
  const { nested, name } = shape;
  switch (nested.nesting_mode) {
    case "set":
      return problem(
        "Cannot index a set value",
        `Block type "${name}" is represented by a set of objects, and set elements do not have addressable keys. To find elements matching specific criteria, use a "for" expression with an "if" clause.`,
        step.range,
      );
    case "list":
      if (step.kind === "index") return { shape: { kind: "block", block: nested.block } };
      return problem("Invalid operation", `Block type "${name}" is represented by a list of objects, so it must be indexed using a numeric key, like .${name}[0].`, step.range);
    default:
      // A map of blocks takes keys as attributes or indexes alike.
      return { shape: { kind: "block", block: nested.block } };
  }
}

/** HCL's GetAttr and Index on an unknown value of the shape's type. */
function evaluatedStep(shape: Shape, step: ReferenceStep): StepOutcome {
  if (shape.kind === "block" && step.kind === "attr") return blockMember(shape.block, step.name, step.range, false);
  const type = typeOfShape(shape);
  if (type === "dynamic") return unknown;
  if (step.kind === "attr") return attributeOf(type, step.name, step.range);
  if (step.kind === "index") return indexOf(type, "dynamic" in step ? undefined : step.key, step.range, shape);
  return unknown;
}

function blockMember(block: SchemaBlock, name: string, range: Range, statically: boolean): StepOutcome {
  const attribute = Object.hasOwn(block.attributes ?? {}, name) ? block.attributes![name]! : undefined;
  if (attribute) return { shape: { kind: "type", type: attributeType(attribute) } };
  const nested = Object.hasOwn(block.block_types ?? {}, name) ? block.block_types![name]! : undefined;
  if (nested) return { shape: nested.nesting_mode === "single" || nested.nesting_mode === "group" ? { kind: "block", block: nested.block } : { kind: "blocks", name, nested } };
  const names = [...Object.keys(block.attributes ?? {}), ...Object.keys(block.block_types ?? {})];
  const suggestions = suggestNames(name, names);
  const hint = didYouMean(suggestions);
  return {
    problem: {
      summary: "Unsupported attribute",
      detail: statically ? `This object has no argument, nested block, or exported attribute named "${name}".${hint}` : `This object does not have an attribute named "${name}".${hint}`,
      range,
      suggestions,
    },
  };
}

function attributeOf(type: CtyType, name: string, range: Range): StepOutcome {
  if (typeof type === "string") return problem("Unsupported attribute", `Can't access attributes on a primitive-typed value (${type}).`, range);
  const [kind, inner] = type;
  if (kind === "object") {
    const attributes = inner as Record<string, CtyType>;
    if (Object.hasOwn(attributes, name)) return { shape: { kind: "type", type: attributes[name]! } };
    const suggestions = suggestNames(name, Object.keys(attributes));
    return { problem: { summary: "Unsupported attribute", detail: `This object does not have an attribute named "${name}".`, range, suggestions } };
  }
  if (kind === "map") return { shape: { kind: "type", type: inner as CtyType } };
  const element = inner as CtyType;
  if ((kind === "list" || kind === "set") && Array.isArray(element) && element[0] === "object") {
    if (kind === "set") return problem("Unsupported attribute", "Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?", range);
    const has = Object.hasOwn(element[1] as Record<string, CtyType>, name);
    return problem(
      "Unsupported attribute",
      has
        ? `Can't access attributes on a list of objects. Did you mean to access attribute "${name}" for a specific element of the list, or across all elements of the list?`
        : "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?",
      range,
    );
  }
  return problem("Unsupported attribute", "This value does not have any attributes.", range);
}

function indexOf(type: CtyType, key: unknown, range: Range, shape: Shape): StepOutcome {
  if (typeof type === "string") return problem("Invalid index", "This value does not have any indices.", range);
  const [kind, inner] = type;
  switch (kind) {
    case "list":
    case "map":
      return { shape: shape.kind === "blocks" ? { kind: "block", block: shape.nested.block } : { kind: "type", type: inner as CtyType } };
    case "set":
      return problem(
        "Invalid index",
        "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.",
        range,
      );
    case "tuple": {
      const elements = inner as CtyType[];
      return typeof key === "number" && Number.isInteger(key) && key >= 0 && key < elements.length ? { shape: { kind: "type", type: elements[key]! } } : unknown;
    }
    case "object": {
      // An unknown object indexed by a name it lacks is left to evaluation (HCL returns unknown).
      const attributes = inner as Record<string, CtyType>;
      if (typeof key !== "string" || !Object.hasOwn(attributes, key)) return unknown;
      return { shape: shape.kind === "block" ? blockMemberShape(shape.block, key) : { kind: "type", type: attributes[key]! } };
    }
  }
}

function blockMemberShape(block: SchemaBlock, name: string): Shape | undefined {
  const outcome = blockMember(block, name, { start: 0, end: 0 }, false);
  return "shape" in outcome ? outcome.shape : undefined;
}

/** What a splat's steps apply to: each element of a list, set or tuple; anything else is one element. */
function splatElement(shape: Shape): Shape | undefined {
  if (shape.kind === "blocks") return shape.nested.nesting_mode === "map" ? shape : { kind: "block", block: shape.nested.block };
  if (shape.kind === "block") return shape;
  const { type } = shape;
  if (type === "dynamic") return undefined;
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) return { kind: "type", type: type[1] as CtyType };
  if (Array.isArray(type) && type[0] === "tuple") return undefined;
  return shape;
}

function problem(summary: string, detail: string, range: Range): StepOutcome {
  return { problem: { summary, detail, range, suggestions: [] } };
}

const blockTypes = new WeakMap<SchemaBlock, CtyType>();

/** A block's value type (configschema's ImpliedType): its attributes and nested blocks as an object. */
export function blockType(block: SchemaBlock): CtyType {
  let type = blockTypes.get(block);
  if (!type) {
    const attributes: Record<string, CtyType> = {};
    for (const [name, attribute] of Object.entries(block.attributes ?? {})) attributes[name] = attributeType(attribute);
    for (const [name, nested] of Object.entries(block.block_types ?? {})) attributes[name] = nestedBlocksType(nested);
    type = ["object", attributes];
    blockTypes.set(block, type);
  }
  return type;
}

function nestedBlocksType(nested: SchemaNestedBlock): CtyType {
  const element = blockType(nested.block);
  switch (nested.nesting_mode) {
    case "single":
    case "group":
      return element;
    case "list":
    case "set":
    case "map":
      return [nested.nesting_mode, element];
  }
}

/** An attribute's value type, protocol-6 nested attributes included. */
export function attributeType(attribute: SchemaAttribute, optionals = false): CtyType {
  if (attribute.type !== undefined) return attribute.type;
  const nested = attribute.nested_type;
  if (!nested) return "dynamic";
  const attributes: Record<string, CtyType> = {};
  for (const [name, inner] of Object.entries(nested.attributes)) attributes[name] = attributeType(inner, optionals);
  const object: CtyType = optionals ? ["object", attributes, Object.keys(nested.attributes).filter((name) => !nested.attributes[name]!.required)] : ["object", attributes];
  return nested.nesting_mode === "single" || nested.nesting_mode === "group" ? object : [nested.nesting_mode, object];
}

function typeOfShape(shape: Shape): CtyType {
  switch (shape.kind) {
    case "type":
      return shape.type;
    case "block":
      return blockType(shape.block);
    case "blocks":
      return nestedBlocksType(shape.nested);
  }
}
