/**
 * Where a Terraform JSON document holds expressions, and how Terraform reads each string
 * (src/hcl/index.ts has the three ways): every string of an argument value is a template (and so
 * is every object key inside one, unlike the keys of a block body); `depends_on` entries,
 * `provider`, `lifecycle.ignore_changes` entries, a dynamic block's `iterator` and provisioners'
 * `when`/`on_failure` are bare traversals; `replace_triggered_by` entries bare expressions.
 * Literal-only places are left out: a provider's `alias`, `lifecycle.create_before_destroy` and
 * `prevent_destroy`, a variable's `default`, a module's `source` and `version`, and the whole
 * `terraform` block.
 *
 * A block body is walked with its schema, so that block nesting (and a dynamic block's content,
 * with the iterator it names) is told apart from argument values; without a schema (a provider
 * with none available), every value string is still a template, but keys are never read as
 * expressions. Arguments the schema does not have are left out: Terraform rejects them before
 * evaluating anything.
 */
import { joinPointer } from "../core/pointer.js";
import { isTemplateExpression } from "../hcl/index.js";
import type { SchemaBlock } from "../schema/format.js";
import { blocksOf, labelledEntries } from "../validators/block.js";
import { isPlainObject } from "../validators/kind.js";
import { type MetaKind, attributeAsBlock, withMetaArguments } from "../validators/language.js";

export type ExpressionMode = "template" | "expression" | "traversal";

type Visit = (site: ExpressionSite) => void;

/** A string Terraform evaluates: template sites are only the strings with `${…}` or `%{…}`. */
export interface ExpressionSite {
  /** The JSON string's pointer; for an object key, the pointer of that property. */
  pointer: string;
  text: string;
  mode: ExpressionMode;
  /** The string is an object key inside an argument value. */
  key: boolean;
  /** Iterator names of the dynamic blocks around the site, outermost first. */
  iterators: readonly string[];
}

/** Meta-arguments Terraform reads in its own way (all others are argument values). */
const TRAVERSALS = new Set(["depends_on", "provider"]);
const LITERAL_PROVIDER_ARGUMENTS = new Set(["alias", "version"]);

/** Calls `visit` with every expression of a resource, data source or provider configuration body. */
export function bodyExpressions(body: Record<string, unknown>, block: SchemaBlock | undefined, pointer: string, meta: MetaKind, visit: (site: ExpressionSite) => void): void {
  const schema = block ? withMetaArguments(block, meta) : undefined;
  for (const [name, value] of Object.entries(body)) {
    const traversal = meta !== "provider" && TRAVERSALS.has(name);
    if (isLiteral(value) && !traversal) continue;
    const at = joinPointer(pointer, name);
    if (meta === "provider" && LITERAL_PROVIDER_ARGUMENTS.has(name)) continue;
    if (traversal) traversals(value, at, [], visit);
    else if (meta !== "provider" && name === "lifecycle") lifecycle(value, at, visit);
    else if (meta !== "provider" && (name === "provisioner" || name === "connection")) provisioners(value, at, visit);
    else member(name, value, schema, at, [], visit);
  }
}

/** One member of a block body (an argument, nested blocks, `dynamic`), with the block's schema. */
function member(name: string, value: unknown, block: SchemaBlock | undefined, pointer: string, iterators: readonly string[], visit: Visit): void {
  if (name === "//") return;
  if (!block) {
    if (name === "dynamic" && isPlainObject(value)) dynamicBlocks(value, undefined, pointer, iterators, visit);
    else values(value, pointer, iterators, false, visit);
    return;
  }
  const attribute = Object.hasOwn(block.attributes ?? {}, name) ? block.attributes![name] : undefined;
  const nested = Object.hasOwn(block.block_types ?? {}, name) ? block.block_types![name] : undefined;
  if (attribute) values(value, pointer, iterators, true, visit);
  else if (nested) {
    const instances = nested.nesting_mode === "map" ? labelledEntries(value).flatMap((e) => blocksOf(e.value).map((b) => ({ ...b, path: [...e.path, ...b.path] }))) : blocksOf(value);
    for (const instance of instances) {
      if (isPlainObject(instance.value)) blockBody(instance.value, nested.block, joinPointer(pointer, ...instance.path), iterators, visit);
    }
  } else if (name === "dynamic") dynamicBlocks(value, block, pointer, iterators, visit);
}

function blockBody(body: Record<string, unknown>, block: SchemaBlock | undefined, pointer: string, iterators: readonly string[], visit: Visit): void {
  for (const [name, value] of Object.entries(body)) {
    if (!isLiteral(value)) member(name, value, block, joinPointer(pointer, name), iterators, visit);
  }
}

/** A value with no expression in it: most of a document, skipped before any pointer is made. */
function isLiteral(value: unknown): boolean {
  return typeof value === "string" ? !isTemplateExpression(value) : value === null || typeof value !== "object";
}

/** `"dynamic": {"<type>": {"for_each": …, "iterator": …, "labels": […], "content": {…}}}`. */
function dynamicBlocks(value: unknown, block: SchemaBlock | undefined, pointer: string, iterators: readonly string[], visit: Visit): void {
  for (const entry of labelledEntries(value)) {
    const generated = block ? generatedBlock(block, entry.label) : undefined;
    if (block && !generated) continue;
    for (const { value: spec, path } of blocksOf(entry.value)) {
      if (!isPlainObject(spec)) continue;
      const at = joinPointer(pointer, ...entry.path, ...path);
      if (spec.for_each !== undefined) values(spec.for_each, joinPointer(at, "for_each"), iterators, true, visit);
      if (spec.labels !== undefined) values(spec.labels, joinPointer(at, "labels"), iterators, true, visit);
      if (spec.iterator !== undefined) traversals(spec.iterator, joinPointer(at, "iterator"), iterators, visit);
      const iterator = typeof spec.iterator === "string" ? spec.iterator : entry.label;
      for (const content of blocksOf(spec.content)) {
        if (isPlainObject(content.value)) blockBody(content.value, generated, joinPointer(at, "content", ...content.path), [...iterators, iterator], visit);
      }
    }
  }
}

/** The body a dynamic block generates: a nested block type, or an attribute written as blocks. */
function generatedBlock(block: SchemaBlock, type: string): SchemaBlock | undefined {
  if (Object.hasOwn(block.block_types ?? {}, type)) return block.block_types![type]!.block;
  const attribute = Object.hasOwn(block.attributes ?? {}, type) ? block.attributes![type] : undefined;
  return attribute ? attributeAsBlock(attribute) : undefined;
}

/**
 * An argument value: each string is a template, and (`keys`) so is each object key in it. Only
 * strings that are templates of more than a literal are sites: a plain string is its own value.
 */
function values(value: unknown, pointer: string, iterators: readonly string[], keys: boolean, visit: Visit, keywords?: ReadonlySet<string>): void {
  // Iterative, and each pointer built only for a site: values may nest 100,000 deep (Terraform
  // reads them), where recursion overflows the stack and a pointer per level costs quadratic time.
  const pending: ValueFrame[] = [{ value, at: { pointer } }];
  for (let frame = pending.pop(); frame; frame = pending.pop()) {
    const node = frame.value;
    if (frame.key !== undefined) visit({ pointer: pointerOf(frame.at), text: frame.key, mode: "template", key: true, iterators });
    if (typeof node === "string") {
      if (isTemplateExpression(node)) visit({ pointer: pointerOf(frame.at), text: node, mode: "template", key: false, iterators });
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        if (!isLiteral(node[i])) pending.push({ value: node[i], at: { parent: frame.at, segment: i } });
      }
    } else if (isPlainObject(node)) {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [name, element] = entries[i]!;
        if (keywords && name === "//") continue;
        if (keywords?.has(name)) {
          traversals(element, pointerOf({ parent: frame.at, segment: name }), iterators, visit);
          continue;
        }
        const keyIsTemplate = keys && isTemplateExpression(name);
        if (!keyIsTemplate && isLiteral(element)) continue;
        pending.push({ value: element, at: { parent: frame.at, segment: name }, ...(keyIsTemplate ? { key: name } : {}) });
      }
    }
  }
}

/** A place in a value, as a chain of segments up to a pointer: joined only when a site needs it. */
type Place = { pointer: string } | { parent: Place; segment: string | number };

interface ValueFrame {
  value: unknown;
  at: Place;
  /** The object key naming this value, when the key is a template (a site of its own). */
  key?: string;
}

function pointerOf(place: Place): string {
  const segments: (string | number)[] = [];
  let at = place;
  while ("parent" in at) {
    segments.push(at.segment);
    at = at.parent;
  }
  return joinPointer(at.pointer, ...segments.reverse());
}

/** A traversal string, or an array of them. */
function traversals(value: unknown, pointer: string, iterators: readonly string[], visit: Visit): void {
  if (typeof value === "string") visit({ pointer, text: value, mode: "traversal", key: false, iterators });
  else if (Array.isArray(value)) {
    for (const [i, element] of value.entries()) {
      if (typeof element === "string") visit({ pointer: joinPointer(pointer, i), text: element, mode: "traversal", key: false, iterators });
    }
  }
}

/** `lifecycle`: conditions are templates, `ignore_changes` traversals, `replace_triggered_by` expressions. */
function lifecycle(value: unknown, pointer: string, visit: Visit): void {
  for (const { value: body, path } of blocksOf(value)) {
    if (!isPlainObject(body)) continue;
    const at = joinPointer(pointer, ...path);
    for (const [name, member] of Object.entries(body)) {
      const memberAt = joinPointer(at, name);
      if (name === "ignore_changes") traversals(member, memberAt, [], visit);
      else if (name === "replace_triggered_by" && Array.isArray(member)) {
        for (const [i, entry] of member.entries()) {
          if (typeof entry === "string") visit({ pointer: joinPointer(memberAt, i), text: entry, mode: "expression", key: false, iterators: [] });
        }
      } else if (name === "precondition" || name === "postcondition") {
        for (const condition of blocksOf(member)) {
          if (isPlainObject(condition.value)) values(condition.value, joinPointer(memberAt, ...condition.path), [], false, visit);
        }
      }
    }
  }
}

/** Arguments of provisioner and connection bodies whose values are keywords (`destroy`, `continue`), read as traversals. */
const PROVISIONER_KEYWORDS: ReadonlySet<string> = new Set(["when", "on_failure"]);

/** `provisioner` and `connection` bodies: templates, but `when` and `on_failure` are keywords. */
function provisioners(value: unknown, pointer: string, visit: Visit): void {
  if (typeof value === "string") {
    if (isTemplateExpression(value)) visit({ pointer, text: value, mode: "template", key: false, iterators: [] });
    return;
  }
  values(value, pointer, [], false, visit, PROVISIONER_KEYWORDS);
}

/** An expression outside resources: a local value, an output, a module call's argument, a variable's validation. */
export interface DocumentExpressionSite extends ExpressionSite {
  /** `local.name`, `output.name`, `module.name`, `var.name`. */
  address: string;
}

/** Every expression of `locals`, `output`, `module` and `variable` blocks. */
export function documentExpressions(document: Record<string, unknown>, base: string, visit: (site: DocumentExpressionSite) => void): void {
  const named = (section: string, each: (name: string, body: unknown, pointer: string) => void) => {
    for (const { value: byName, path } of blocksOf(document[section])) {
      if (!isPlainObject(byName)) continue;
      for (const [name, body] of Object.entries(byName)) {
        if (name !== "//") each(name, body, joinPointer(base, section, ...path, name));
      }
    }
  };
  const as = (address: string): Visit => (site) => visit({ ...site, address });
  named("locals", (name, body, pointer) => values(body, pointer, [], true, as(`local.${name}`)));
  named("output", (name, body, pointer) => {
    for (const instance of blocksOf(body)) {
      if (!isPlainObject(instance.value)) continue;
      const base = joinPointer(pointer, ...instance.path);
      const label = as(`output.${name}`);
      if (instance.value.value !== undefined) values(instance.value.value, joinPointer(base, "value"), [], true, label);
      if (instance.value.depends_on !== undefined) traversals(instance.value.depends_on, joinPointer(base, "depends_on"), [], label);
      if (instance.value.precondition !== undefined) lifecycle({ precondition: instance.value.precondition }, base, label);
    }
  });
  named("module", (name, body, pointer) => {
    for (const instance of blocksOf(body)) {
      if (!isPlainObject(instance.value)) continue;
      const base = joinPointer(pointer, ...instance.path);
      const label = as(`module.${name}`);
      for (const [argument, value] of Object.entries(instance.value)) {
        const argumentAt = joinPointer(base, argument);
        if (argument === "//" || argument === "source" || argument === "version") continue;
        if (argument === "depends_on") traversals(value, argumentAt, [], label);
        else if (argument === "providers" && isPlainObject(value)) {
          for (const [key, target] of Object.entries(value)) {
            const keyAt = joinPointer(argumentAt, key);
            label({ pointer: keyAt, text: key, mode: "traversal", key: true, iterators: [] });
            traversals(target, keyAt, [], label);
          }
        } else values(value, argumentAt, [], true, label);
      }
    }
  });
  named("variable", (name, body, pointer) => {
    for (const instance of blocksOf(body)) {
      if (!isPlainObject(instance.value) || instance.value.validation === undefined) continue;
      const validationAt = joinPointer(pointer, ...instance.path, "validation");
      for (const rule of blocksOf(instance.value.validation)) {
        if (isPlainObject(rule.value)) values(rule.value, joinPointer(validationAt, ...rule.path), [], false, as(`var.${name}`));
      }
    }
  });
}
