/**
 * Validators for block bodies (resources, data sources, providers, nested blocks, backends) and
 * for object-shaped attribute values, compiled from the schema once per block and cached; within a
 * body, each argument's and block type's validator is compiled the first time a body sets it, and
 * a body runs only the validators of what it sets (an aws type has 50 to 300 arguments and blocks,
 * a body sets a dozen: compiling and running all of them was most of a check's time).
 *
 * In a block body `"//"` is a comment and `dynamic` holds dynamic blocks; unknown names are
 * errors. In an object value (an attribute of object type or with nested attributes) every key
 * is data, and a key the type lacks is dropped by Terraform's conversion: a warning, or an error
 * when it stands for a required attribute the object then lacks (`fromPort` for `from_port`).
 */
import { z } from "../zod.js";
import type { SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../schema/format.js";
import { suggestNames } from "../core/suggest.js";
import { isTemplateExpression, mayBeNull, parseTemplate } from "../hcl/index.js";
import { attributeValueSchema } from "./cty.js";
import { describeValue } from "./conversion.js";
import { ANY_VALUE, type Finding, type Payload, type Validator, type ValueCheck, addFinding, custom, forward } from "./findings.js";
import { isPlainObject } from "./kind.js";
import { allowsDynamicBlocks, attributeAsBlock, dynamicBlockTypes, isDynamicConstruct, isLanguageBody } from "./language.js";
import { own } from "../core/own.js";
import type { PathSegment } from "../core/pointer.js";

export interface BodyContext {
  kind: "block" | "value";
  /** Names the body in messages: the resource type, block type or argument. */
  name: string;
  /** Resource type, for owner-prefixed suggestions (`subnet_group_name` → `name`). */
  ownerType?: string;
  /**
   * Whether Terraform expands `dynamic` blocks in this body: set for the bodies below a resource,
   * data source or provider configuration; unset, a body allows them only if it has block types.
   */
  dynamicBlocks?: boolean;
  /**
   * The body is a value of a cty object type: the validator of that type reports the attributes
   * it lacks (in cty's words, naming the element of a collection), and null is a value there.
   */
  conversion?: boolean;
}

/** Keys of a block body that are not arguments: comments (cdktf's metadata) and dynamic blocks. */
const COMMENT = "//";
const DYNAMIC = "dynamic";

/**
 * Per block, the validators compiled for it, by context (most blocks are checked in one context):
 * the check of a body, and the zod schema made of it for those who parse with zod (a top-level
 * body; a nested attribute's object inside zod's arrays and records). Nested blocks and object
 * values run the check itself: a zod schema costs more to make than most bodies take to check
 * (findings.ts: Validator).
 */
const compiled = new WeakMap<SchemaBlock, { context: BodyContext; check: ValueCheck; schema?: z.ZodType }[]>();

const sameContext = (a: BodyContext, b: BodyContext) =>
  a.kind === b.kind && a.name === b.name && a.ownerType === b.ownerType && a.dynamicBlocks === b.dynamicBlocks && a.conversion === b.conversion;

function compiledFor(block: SchemaBlock, context: BodyContext): { context: BodyContext; check: ValueCheck; schema?: z.ZodType } {
  let forBlock = compiled.get(block);
  if (!forBlock) compiled.set(block, (forBlock = []));
  let entry = forBlock.find((e) => sameContext(e.context, context));
  if (!entry) forBlock.push((entry = { context: { ...context }, check: compileBody(block, context) }));
  return entry;
}

/** The check of one body shaped by `block`, for a body to run (findings.ts: forward); compiled on first use, then reused. */
export function bodyCheck(block: SchemaBlock, context: BodyContext): ValueCheck {
  return compiledFor(block, context).check;
}

/** The zod schema of one body shaped by `block`; compiled on first use, then reused. */
export function bodySchema(block: SchemaBlock, context: BodyContext): z.ZodType {
  const entry = compiledFor(block, context);
  return (entry.schema ??= ANY_VALUE.check(entry.check));
}

function compileBody(block: SchemaBlock, context: BodyContext): ValueCheck {
  const attributes = block.attributes ?? {};
  const blockTypes = context.kind === "block" ? (block.block_types ?? {}) : {};
  // Terraform expands dynamic blocks in every body of a resource, data source or provider
  // configuration, also where nothing could be generated (then every type is unsupported).
  const expands = context.kind === "block" && (context.dynamicBlocks ?? isLanguageBody(block));
  const allowsDynamic = context.kind === "block" && !isDynamicConstruct(block) && (expands || allowsDynamicBlocks(block));
  const inner: BodyContext = expands ? { ...context, dynamicBlocks: true } : context;

  // A member's validator is compiled the first time a body sets it: types have many more
  // arguments than a body uses. What is required (and how many blocks) is checked below, where
  // `null`, dynamic blocks and Terraform's wording can be taken into account.
  const members = new Map<string, Validator>();
  const memberSchema = (name: string): Validator => {
    let schema = members.get(name);
    if (!schema) {
      schema = Object.hasOwn(blockTypes, name)
        ? nestedBlockSchema(blockTypes[name]!, name, inner)
        : attributeValueSchema(attributes[name]!, context.kind === "value" ? `${context.name}.${name}` : name, context.kind === "block");
      members.set(name, schema);
    }
    return schema;
  };
  // A member's place in the order of an object of all of them (attributes, then the block types
  // that are not attributes; integer names first, as in any object): the order findings come in.
  // Asked only for the names a body sets, once per run of bodies with the same keys.
  let attributeNames: string[] | undefined;
  let blockTypeNames: string[] | undefined;
  const isMember = (name: string) => name !== "__proto__" && (Object.hasOwn(attributes, name) || Object.hasOwn(blockTypes, name));
  const rank = (name: string): number => {
    attributeNames ??= Object.keys(attributes);
    if (isArrayIndex(name)) return Number(name) - 2 ** 32;
    if (Object.hasOwn(attributes, name)) return attributeNames.indexOf(name);
    return attributeNames.length + (blockTypeNames ??= Object.keys(blockTypes)).indexOf(name);
  };
  // Attributes HCL may write as blocks: set as a property, they make dynamic blocks of their name
  // unsupported. What only some bodies need is worked out when the first does (as `names`).
  let asBlocks: string[] | undefined;
  const asBlocksOf = () => (asBlocks ??= context.kind === "block" ? Object.keys(attributes).filter((name) => attributeAsBlock(attributes[name]!)) : []);
  let names: string[] | undefined;
  const dynamics = new Map<string, z.ZodType>();
  const dynamicFor = (asAttributes: string[]) => {
    let schema = dynamics.get(asAttributes.join(" "));
    if (!schema) dynamics.set(asAttributes.join(" "), (schema = dynamicSchema(block, inner, asAttributes)));
    return schema;
  };
  const shape: BodyShape = {
    attributes,
    blockTypes,
    names: () => (names ??= [...(attributeNames ??= Object.keys(attributes)), ...(blockTypeNames ??= Object.keys(blockTypes))]),
    required: Object.keys(attributes).filter((name) => attributes[name]!.required),
    counted: Object.keys(blockTypes).filter((name) => {
      const { nesting_mode: mode, min_items: min, max_items: max } = blockTypes[name]!;
      return mode === "single" || mode === "group" || (min ?? 0) > 0 || (max ?? 0) > 0;
    }),
  };

  const check: ValueCheck = (payload) => {
    const body = payload.value;
    // What an object schema reports for anything else (see zod-issues.ts for its wording).
    if (!isPlainObject(body)) {
      payload.issues.push({ expected: "object", code: "invalid_type", input: body, inst: ANY_VALUE });
      return;
    }
    const plan = planFor(body);
    for (const name of plan.members) {
      const value = body[name];
      // As an object schema runs its properties': the issues below the member's name.
      if (value !== undefined) forward(payload, memberSchema(name), value, name);
    }
    refine(body, plan, payload);
  };
  // Bodies of one type mostly set the same keys (one construct made them all): what follows from
  // the keys alone is worked out once for a run of bodies with the same keys.
  let last: { keys: string[]; plan: KeyPlan } | undefined;
  const planFor = (input: Record<string, unknown>): KeyPlan => {
    const keys = Object.keys(input);
    if (last && sameKeys(last.keys, keys)) return last.plan;
    // The body's names as zod's object schemas gave the body (which these checks read before
    // members were compiled lazily): the members in their order, then the other keys; never
    // `__proto__`. Found from its keys: a body sets a few of many members.
    const present: [number, string][] = [];
    const others: string[] = [];
    for (const key of keys) {
      if (isMember(key)) present.push([rank(key), key]);
      else if (key !== "__proto__") others.push(key);
    }
    present.sort((a, b) => a[0] - b[0]);
    const members = present.map(([, name]) => name);
    const names = propertyOrder([...members, ...others]);
    const loud = names.filter((name) => !quiet(name));
    const plan = { members, names, loud };
    last = { keys, plan };
    return plan;
  };
  // Names checkNames never reports when set: neither read-only nor deprecated, comments, dynamic blocks.
  const quiet = (name: string) =>
    (isMember(name) && !namedFinding(name, attributes, blockTypes)) || (context.kind === "block" && name === COMMENT) || (allowsDynamic && name === DYNAMIC);
  const refine = (body: Record<string, unknown>, plan: KeyPlan, payload: Payload) => {
    if (allowsDynamic && body[DYNAMIC] !== undefined) {
      const asAttributes = asBlocksOf().filter((name) => own(body, name) !== undefined);
      forward(payload, dynamicFor(asAttributes), body[DYNAMIC], DYNAMIC);
    }
    const findings = checkNames(body, plan, shape, context);
    findings.push(...checkRequired(body, shape, context), ...checkCounts(body, block, shape, context));
    for (const finding of findings) addFinding(payload, finding);
  };
  return check;
}

/** What a body's keys alone decide. */
interface KeyPlan {
  /** The members it sets, in the order findings come in. */
  members: string[];
  /** Every key but `__proto__`, in the order of the object zod's object schema made of the body. */
  names: string[];
  /** The names checkNames may report. */
  loud: string[];
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What the checks of one body need of its block, worked out once per block. */
interface BodyShape {
  attributes: Record<string, SchemaAttribute>;
  blockTypes: Record<string, SchemaNestedBlock>;
  /** Every attribute and block type name (for did-you-mean). */
  names: () => string[];
  required: string[];
  /** Block types with a number of blocks to check: single blocks, and those with min_items or max_items. */
  counted: string[];
}

/**
 * The order of an object's keys made in the order of `names`: integer keys (`"0"`, `"12"`)
 * first, ascending, as JavaScript orders properties. Findings come in the order of the keys of
 * the object zod's object schema gave, which these checks read before they read the body itself.
 */
function propertyOrder(names: string[]): string[] {
  if (!names.some(isArrayIndex)) return names;
  const indices = names.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...names.filter((name) => !isArrayIndex(name))];
}

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && /^(0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** A computed attribute the configuration may not set. */
function isReadOnly(attribute: SchemaAttribute): boolean {
  return Boolean(attribute.computed && !attribute.optional && !attribute.required);
}

/** Whether checkNames may report a name the block has: a read-only attribute, a deprecated attribute or block. */
function namedFinding(name: string, attributes: Record<string, SchemaAttribute>, blockTypes: Record<string, SchemaNestedBlock>): boolean {
  const attribute = own(attributes, name);
  if (attribute) return isReadOnly(attribute) || Boolean(attribute.deprecated);
  return Object.hasOwn(blockTypes, name) && Boolean(blockTypes[name]!.block.deprecated);
}

/** Unknown names, read-only attributes and deprecated names that are set. */
function checkNames(body: Record<string, unknown>, plan: KeyPlan, { attributes, blockTypes, names }: BodyShape, context: BodyContext): Finding[] {
  const findings: Finding[] = [];
  for (const name of plan.loud) {
    const value = body[name];
    const attribute = own(attributes, name);
    const nested = own(blockTypes, name);
    if (attribute) {
      if (isReadOnly(attribute)) {
        const finding = readOnly(name, value, context);
        if (finding) findings.push(finding);
      } else if (attribute.deprecated && value !== null) {
        findings.push(deprecation("Argument", name, context, attribute.description));
      }
    } else if (nested) {
      if (nested.block.deprecated && value !== null) findings.push(deprecation("Block", name, context, nested.block.description));
    } else {
      findings.push(unknownName(name, names(), context, attributes, plan.names));
    }
  }
  return findings;
}

/**
 * A computed-only attribute that is set. Providers reject any value but null ("Value for
 * unconfigurable attribute"), so a literal is an error; an expression is known only at plan: none
 * when it may well be null (a variable, `try(x, null)`, a conditional with a null branch, as
 * modules write to pass an optional value through), a warning otherwise.
 */
function readOnly(name: string, value: unknown, context: BodyContext): Finding | undefined {
  if (value === null) return undefined;
  const base = { rule: "unknown-argument" as const, path: [name], suggestions: [] };
  if (isTemplateExpression(value)) {
    const parsed = parseTemplate(value);
    // An expression that does not parse is reported as such (invalid-expression).
    if (parsed.diagnostics.length > 0 || parsed.unsupported || mayBeNull(parsed.expression)) return undefined;
    return {
      ...base,
      severity: "warning",
      message: `"${name}" is read-only: ${context.name} computes it, and the provider rejects any value but null`,
      detail:
        `Only null gets through, and nothing shows this expression can be null (a variable, \`try(…, null)\` or a conditional with a null branch would), ` +
        `so the provider will most likely reject it at plan ("Value for unconfigurable attribute"). Remove "${name}" from the configuration (you can still refer to it).`,
    };
  }
  return {
    ...base,
    severity: "error",
    message: `"${name}" is read-only: ${context.name} computes it, so it cannot be set`,
    detail: `The provider decides the value of "${name}" after apply; remove it from the configuration (you can still refer to it).`,
  };
}

function unknownName(name: string, names: string[], context: BodyContext, attributes: Record<string, SchemaAttribute>, set: readonly string[]): Finding {
  const suggestions = suggestNames(name, names, context.ownerType ? { ownerType: context.ownerType } : {});
  if (context.kind === "value") {
    // Dropped, but the object then lacks the attribute meant (`fromPort` for `from_port`): Terraform fails.
    const meant = suggestions.find((s) => attributes[s]?.required && !set.includes(s));
    if (meant) {
      return {
        rule: "unknown-argument",
        severity: "error",
        path: [name],
        message: `Unexpected attribute "${name}" in "${context.name}": Terraform ignores it, and the required "${meant}" is missing`,
        detail: `The type of "${context.name}" has no attribute "${name}" (Terraform's names are snake_case); Terraform drops it and rejects the value for lacking "${meant}".`,
        suggestions,
      };
    }
    return {
      rule: "unknown-argument",
      severity: "warning",
      path: [name],
      message: `Unexpected attribute "${name}" in "${context.name}": Terraform ignores it`,
      detail: `The type of "${context.name}" has no attribute "${name}"; Terraform's conversion drops it silently.`,
      suggestions,
    };
  }
  return {
    rule: "unknown-argument",
    severity: "error",
    path: [name],
    message: `Unsupported argument "${name}": ${context.name} has no argument or block of that name`,
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

function checkRequired(body: Record<string, unknown>, { required }: BodyShape, context: BodyContext): Finding[] {
  const findings: Finding[] = [];
  if (context.conversion) return findings;
  for (const name of required) {
    const value = own(body, name);
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

/**
 * min_items and max_items, as Terraform counts: every element of an array is a block, a value of
 * the wrong kind is none, and a dynamic block is "some" unless it cannot generate any (no
 * `content`, a null or literal empty `for_each`). Too many blocks are reported at the first
 * block over the limit, a second single block at the block's name (Terraform's "Duplicate").
 */
function checkCounts(body: Record<string, unknown>, block: SchemaBlock, { blockTypes, counted }: BodyShape, context: BodyContext): Finding[] {
  const findings: Finding[] = [];
  if (counted.length === 0) return findings;
  // Read once per body, not once per block type.
  const dynamic = body[DYNAMIC] === undefined ? [] : labelledEntries(body[DYNAMIC]);
  for (const name of counted) {
    const nested = blockTypes[name]!;
    const value = own(body, name);
    const count = staticCount(value, nested);
    const single = nested.nesting_mode === "single" || nested.nesting_mode === "group";
    const min = nested.min_items ?? 0;
    const max = single ? 1 : (nested.max_items ?? 0);
    // A dynamic block's `content` of the wrong kind is reported as such, not also as missing.
    const wrongContent = isDynamicConstruct(block) && value !== undefined && value !== null && !Array.isArray(value);
    if (count < min && !wrongContent && !generatesBlocks(dynamic, name)) {
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
        path: !single && Array.isArray(value) ? [name, max] : [name],
        message: `Too many "${name}" blocks in ${context.name}: at most ${max} allowed, got ${count}`,
        detail: single ? `"${name}" is a single block: give one object, not an array of several.` : undefined,
        suggestions: [],
      });
    } else if (max > 0) {
      const over = dynamicOverLimit(dynamic, name, max - count);
      if (over) {
        findings.push({
          rule: "block-shape",
          severity: "error",
          path: over,
          message: `Too many "${name}" blocks in ${context.name}: at most ${max} allowed, and this dynamic block adds to the ${count} written out`,
          detail: `Its for_each generates one block per element.`,
          suggestions: [],
        });
      }
    }
  }
  return findings;
}

/**
 * Where dynamic blocks with a literal for_each (whose number of blocks is known) go over the
 * `room` left by static blocks: the content of the dynamic block that does, as Terraform reports.
 */
function dynamicOverLimit(dynamic: readonly LabelledEntry[], name: string, room: number): PathSegment[] | undefined {
  let generated = 0;
  for (const entry of dynamic) {
    if (entry.label !== name) continue;
    for (const { value: spec, path } of blocksOf(entry.value)) {
      if (!isPlainObject(spec) || !hasOneContent(spec.content)) continue;
      const forEach = spec.for_each;
      const known = Array.isArray(forEach) ? forEach.length : isPlainObject(forEach) ? Object.keys(forEach).length : undefined;
      if (known === undefined) return undefined;
      generated += known;
      if (generated > room) return [DYNAMIC, ...entry.path, ...path, "content"];
    }
  }
  return undefined;
}

function staticCount(value: unknown, nested: SchemaNestedBlock): number {
  if (value === undefined) return 0;
  if (nested.nesting_mode === "map") return labelledEntries(value).reduce((n, entry) => n + blocksOf(entry.value).length, 0);
  if (Array.isArray(value)) return value.length;
  // An object is one block; null is none, and so is a value of the wrong kind.
  return isPlainObject(value) ? 1 : 0;
}

/** Whether the `dynamic` key of a body may generate blocks of type `name`. */
function generatesBlocks(dynamic: readonly LabelledEntry[], name: string): boolean {
  return dynamic
    .filter((entry) => entry.label === name)
    .some((entry) => blocksOf(entry.value).some(({ value: spec }) => isPlainObject(spec) && hasForEach(spec.for_each) && hasOneContent(spec.content)));
}

const hasForEach = (forEach: unknown) =>
  forEach !== undefined && forEach !== null && !(Array.isArray(forEach) && forEach.length === 0) && !(isPlainObject(forEach) && Object.keys(forEach).length === 0);

const hasOneContent = (content: unknown) => isPlainObject(content) || (Array.isArray(content) && content.length === 1 && isPlainObject(content[0]));

/**
 * HCL JSON's labelled blocks (map-nested blocks, and `dynamic`, labelled by the generated type):
 * `{"<label>": <blocks>}` or an array of such objects, each property one label.
 */
export interface LabelledEntry {
  label: string;
  value: unknown;
  path: PathSegment[];
}

export function labelledEntries(value: unknown): LabelledEntry[] {
  const objects: [Record<string, unknown>, PathSegment[]][] = isPlainObject(value)
    ? [[value, []]]
    : Array.isArray(value)
      ? value.flatMap((element, i): [Record<string, unknown>, PathSegment[]][] => (isPlainObject(element) ? [[element, [i]]] : []))
      : [];
  return objects.flatMap(([object, path]) => Object.entries(object).map(([label, v]) => ({ label, value: v, path: [...path, label] })));
}

/** The blocks one value stands for: an object is one, an array one per element, null none. */
export function blocksOf(value: unknown): { value: unknown; path: PathSegment[] }[] {
  if (Array.isArray(value)) return value.map((element, i) => ({ value: element, path: [i] }));
  return value === null || value === undefined ? [] : [{ value, path: [] }];
}

/**
 * One element of an array of blocks. As in HCL's JSON syntax, null is a block with an empty body
 * (so its required arguments are missing); anything but an object is not a block body.
 */
function blockInstance(payload: Payload, body: Validator, name: string, value: unknown, path: PathSegment[]): void {
  if (value === null) forward(payload, body, {}, path);
  else if (isPlainObject(value)) forward(payload, body, value, path);
  else if (Array.isArray(value) && value.every(isPlainObject)) {
    // An array of objects is one body made of all their properties (rare, but valid HCL JSON).
    // Copied key by key: spreading an unbounded array into a call overflows the stack.
    const merged: Record<string, unknown> = {};
    for (const part of value) for (const [key, v] of Object.entries(part)) Object.defineProperty(merged, key, { value: v, enumerable: true, writable: true, configurable: true });
    forward(payload, body, merged, path);
  } else {
    addFinding(payload, {
      rule: "block-shape",
      severity: "error",
      path,
      message: `"${name}" is a block: each element of the array is one block, an object, got ${describeValue(value)}`,
      detail: `In Terraform JSON, an array of "${name}" blocks holds one object per block.`,
      suggestions: [],
    });
  }
}

/** A nested block's value: one object, an array of objects, or (map nesting) objects by label. */
function nestedBlockSchema(nested: SchemaNestedBlock, name: string, parent: BodyContext): Validator {
  // Compiled when first used: a type's deeper blocks only when a document has them.
  let compiled: ValueCheck | undefined;
  const body = () => (compiled ??= bodyCheck(nested.block, { ...parent, name: `${parent.name}.${name}` }));
  if (nested.nesting_mode === "map") {
    return labelledBlocks(name, "key", (payload, entry) => {
      if (!Array.isArray(entry.value) && !isPlainObject(entry.value)) {
        return addFinding(payload, { ...notABlock(name, { ...nested, nesting_mode: "list" }, entry.value), path: entry.path });
      }
      const blocks = blocksOf(entry.value);
      if (blocks.length > 1) {
        addFinding(payload, {
          rule: "block-shape",
          severity: "error",
          path: entry.path,
          message: `Duplicate "${name}" block "${entry.label}": a label names one block, got ${blocks.length}`,
          detail: `Terraform reports "Duplicate ${name} block: the ${name} labels must be unique."`,
          suggestions: [],
        });
      }
      for (const block of blocks) blockInstance(payload, body(), name, block.value, [...entry.path, ...block.path]);
    }, true);
  }
  const single = nested.nesting_mode === "single" || nested.nesting_mode === "group";
  // A check the body runs (findings.ts: Validator), not a zod schema of its own: only bodies run it.
  return (payload) => {
    const value = payload.value;
    if (value === null || value === undefined) return;
    if (isPlainObject(value)) return forward(payload, body(), value, []);
    if (Array.isArray(value)) {
      // Terraform decodes the first of several single blocks; the others are a count error.
      (single ? value.slice(0, 1) : value).forEach((element, i) => blockInstance(payload, body(), name, element, [i]));
      return;
    }
    addFinding(payload, notABlock(name, nested, value));
  };
}

/**
 * `"dynamic": {"<type>": {"for_each": …, "content": {…}}}`, labelled by the type it generates.
 * `asAttributes`: attributes HCL may write as blocks that the body sets as properties, which
 * makes them attributes, so no blocks of their name (blocktoattr; see attributeAsBlock).
 */
function dynamicSchema(block: SchemaBlock, context: BodyContext, asAttributes: readonly string[]): z.ZodType {
  const types = dynamicBlockTypes(block);
  const specs = new Map<string, ValueCheck>();
  const spec = (type: string) => {
    let check = specs.get(type);
    if (!check) specs.set(type, (check = bodyCheck(types[type]!, { ...context, name: `${context.name}.${DYNAMIC}.${type}` })));
    return check;
  };
  return labelledBlocks(DYNAMIC, "type", (payload, entry) => {
    if (!Object.hasOwn(types, entry.label) || asAttributes.includes(entry.label)) {
      return addFinding(payload, unsupportedDynamic(entry.label, block, context, entry.path, asAttributes));
    }
    if (!Array.isArray(entry.value) && !isPlainObject(entry.value)) {
      return addFinding(payload, { ...notABlock(entry.label, { nesting_mode: "list", block: {} }, entry.value), path: entry.path });
    }
    const labelled = types[entry.label]!.attributes?.labels !== undefined;
    for (const { value, path } of blocksOf(entry.value)) {
      blockInstance(payload, spec(entry.label), entry.label, value, [...entry.path, ...path]);
      const labels = isPlainObject(value) ? value.labels : undefined;
      if (labelled && Array.isArray(labels) && labels.length !== 1) {
        addFinding(payload, {
          rule: "block-shape",
          severity: "error",
          path: [...entry.path, ...path, "labels", ...(labels.length > 1 ? [1] : [])],
          message: `A dynamic "${entry.label}" block needs exactly one label per block (its key), got ${labels.length}`,
          detail: `"labels": ["\${${entry.label}.key}"] names each generated block.`,
          suggestions: [],
        });
      }
    }
  }, false);
}

function unsupportedDynamic(type: string, block: SchemaBlock, context: BodyContext, path: PathSegment[], asAttributes: readonly string[]): Finding {
  if (asAttributes.includes(type)) {
    return {
      rule: "block-shape",
      severity: "error",
      path,
      message: `Unsupported dynamic block "${type}": ${context.name} also sets "${type}" as a property, which makes it the attribute, not blocks`,
      detail:
        `Terraform reads a JSON property "${type}" as the attribute, and then rejects blocks of that type ("Blocks of type "${type}" are not expected here."). ` +
        `Write all of them one way: in the property (every attribute of every object set, null where unused), or as dynamic blocks only.`,
      suggestions: [],
    };
  }
  const generated = Object.keys(dynamicBlockTypes(block));
  const isArgument = Object.hasOwn(block.attributes ?? {}, type);
  return {
    rule: "unknown-argument",
    severity: "error",
    path,
    message: `Unsupported dynamic block "${type}": ${context.name} has no block type of that name`,
    detail: isArgument
      ? `"${type}" is an argument, not a block: set it directly ("${type}": …); a dynamic block can only generate blocks.`
      : `Terraform rejects this with "Unsupported block type: Blocks of type "${type}" are not expected here."`,
    suggestions: isArgument ? [] : suggestNames(type, generated, context.ownerType ? { ownerType: context.ownerType } : {}),
  };
}

/**
 * A labelled block value as HCL's JSON decoder reads it: an object with one property per label
 * (or an array of such objects); null, `{}` and `[]` name no block, which Terraform rejects
 * ("Missing block label"). A label's value of null stands for no block.
 */
function labelledBlocks(name: string, labelName: string, each: (payload: Payload, entry: LabelledEntry) => void, unique: boolean): z.ZodType {
  const expected = `an object with one property per ${labelName === "key" ? `block, named by the block's key` : "generated block type"}`;
  return custom((value, payload) => {
    if (!isPlainObject(value) && !Array.isArray(value) && value !== null) {
      return addFinding(payload, {
        rule: "block-shape",
        severity: "error",
        message: isTemplateExpression(value)
          ? `"${name}" is a block: it cannot be set from an expression`
          : `"${name}" is a block: expected ${expected}, got ${describeValue(value)}`,
        detail: `In Terraform JSON, "${name}" is written as ${expected}.`,
        suggestions: [],
      });
    }
    if (Array.isArray(value)) {
      value.forEach((element, i) => {
        if (isPlainObject(element)) return;
        addFinding(payload, {
          rule: "block-shape",
          severity: "error",
          path: [i],
          message: `"${name}" is a block: each element of the array is ${expected}, got ${describeValue(element)}`,
          suggestions: [],
        });
      });
    }
    const entries = labelledEntries(value);
    if (entries.length === 0) {
      return addFinding(payload, {
        rule: "block-shape",
        severity: "error",
        message: `"${name}" names no block: expected ${expected}, got ${value === null ? "null" : Array.isArray(value) ? "an array without one" : "an empty object"}`,
        detail: `Terraform reports "Missing block label: At least one object property is required, whose name represents the ${name} block's ${labelName}."${name === DYNAMIC ? "" : " Leave the block out to have none."}`,
        suggestions: [],
      });
    }
    const seen = new Set<string>();
    for (const entry of entries) {
      if (entry.value === null) continue;
      if (unique && seen.has(entry.label)) {
        addFinding(payload, {
          rule: "block-shape",
          severity: "error",
          path: entry.path,
          message: `Duplicate "${name}" block "${entry.label}": a label names one block`,
          detail: `Terraform reports "Duplicate ${name} block: the ${name} labels must be unique."`,
          suggestions: [],
        });
      }
      seen.add(entry.label);
      each(payload, entry);
    }
  });
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
