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
 *
 * Each site says what the reference checks need to know about its place: which meta-argument
 * holds it (`role`), whether `self` is available there (provisioners, connections,
 * postconditions), and, for a value of an argument, the argument and the type its value must
 * convert to (`expected`, from the schema, followed into list elements and object attributes).
 */
import { joinPointer } from "../core/pointer.js";
import { isTemplateExpression } from "../hcl/index.js";
import type { CtyType, SchemaBlock } from "../schema/format.js";
import { blocksOf, labelledEntries } from "../validators/block.js";
import { isPlainObject } from "../validators/kind.js";
import { type MetaKind, blockSyntaxBody, withMetaArguments } from "../validators/language.js";
import { attributeType } from "./reference-steps.js";
import { own } from "../core/own.js";

export type ExpressionMode = "template" | "expression" | "traversal";

/**
 * Where a site is, when that changes how its references are read: a `depends_on` entry, the
 * `provider` meta-argument, an `ignore_changes` entry (a path into the resource's own
 * attributes), a `replace_triggered_by` entry, `count` or `for_each` itself (where `count.index`
 * and `each` are not available yet), or a keyword Terraform reads as a traversal (a dynamic
 * block's `iterator`, provisioners' `when`/`on_failure`, a module's `providers` map).
 */
export type SiteRole = "depends_on" | "provider" | "ignore_changes" | "replace_triggered_by" | "repetition" | "keyword";

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
  role?: SiteRole;
  /** `self` is the resource here: a provisioner, a connection, a postcondition. */
  self?: boolean;
  /** The argument the value belongs to, and the type the site's value must convert to. */
  argument?: string;
  expected?: CtyType;
}

/** Meta-arguments Terraform reads in its own way (all others are argument values). */
const TRAVERSALS = new Set(["depends_on", "provider"]);
const LITERAL_PROVIDER_ARGUMENTS = new Set(["alias", "version"]);

/** Calls `visit` with every expression of a resource, data source or provider configuration body. */
export function bodyExpressions(body: Record<string, unknown>, block: SchemaBlock | undefined, pointer: string, meta: MetaKind, visit: (site: ExpressionSite) => void): void {
  const schema = block ? withMetaArguments(block, meta) : undefined;
  for (const name of Object.keys(body)) {
    const value = body[name];
    const traversal = meta !== "provider" && TRAVERSALS.has(name);
    if (isLiteral(value) && !traversal) continue;
    const at = joinPointer(pointer, name);
    if (meta === "provider" && LITERAL_PROVIDER_ARGUMENTS.has(name)) continue;
    if (traversal) traversals(value, at, [], visit, name as SiteRole);
    else if (meta !== "provider" && name === "lifecycle") lifecycle(value, at, visit);
    else if (meta !== "provider" && (name === "provisioner" || name === "connection")) provisioners(value, at, visit);
    else if (meta !== "provider" && (name === "count" || name === "for_each")) member(name, value, schema, at, [], (site) => visit({ ...site, role: "repetition" }));
    else member(name, value, schema, at, [], visit);
  }
}

/** One member of a block body (an argument, nested blocks, `dynamic`), with the block's schema. */
function member(name: string, value: unknown, block: SchemaBlock | undefined, pointer: string, iterators: readonly string[], visit: Visit): void {
  if (name === "//") return;
  if (!block) {
    if (name === "dynamic" && isPlainObject(value)) dynamicBlocks(value, undefined, pointer, iterators, visit);
    else values(value, pointer, { iterators }, visit);
    return;
  }
  const attribute = own(block.attributes ?? {}, name);
  const nested = own(block.block_types ?? {}, name);
  // A nested attribute's value may leave out its optional fields.
  if (attribute) values(value, pointer, { iterators, keys: true, argument: name, type: attributeType(attribute, true) }, visit);
  else if (nested) {
    const instances = nested.nesting_mode === "map" ? labelledEntries(value).flatMap((e) => blocksOf(e.value).map((b) => ({ ...b, path: [...e.path, ...b.path] }))) : blocksOf(value);
    for (const instance of instances) {
      if (isPlainObject(instance.value)) blockBody(instance.value, nested.block, joinPointer(pointer, ...instance.path), iterators, visit);
    }
  } else if (name === "dynamic") dynamicBlocks(value, block, pointer, iterators, visit);
}

function blockBody(body: Record<string, unknown>, block: SchemaBlock | undefined, pointer: string, iterators: readonly string[], visit: Visit): void {
  for (const name of Object.keys(body)) {
    const value = body[name];
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
    const generated = block ? blockSyntaxBody(block, entry.label) : undefined;
    if (block && !generated) continue;
    for (const { value: spec, path } of blocksOf(entry.value)) {
      if (!isPlainObject(spec)) continue;
      const at = joinPointer(pointer, ...entry.path, ...path);
      const iterator = typeof spec.iterator === "string" ? spec.iterator : entry.label;
      // for_each is evaluated before there is an iterator; labels and content with it.
      if (spec.for_each !== undefined) values(spec.for_each, joinPointer(at, "for_each"), { iterators, keys: true }, visit);
      if (spec.labels !== undefined) values(spec.labels, joinPointer(at, "labels"), { iterators: [...iterators, iterator], keys: true, argument: "labels", type: ["list", "string"] }, visit);
      if (spec.iterator !== undefined) traversals(spec.iterator, joinPointer(at, "iterator"), iterators, visit, "keyword");
      for (const content of blocksOf(spec.content)) {
        if (isPlainObject(content.value)) blockBody(content.value, generated, joinPointer(at, "content", ...content.path), [...iterators, iterator], visit);
      }
    }
  }
}

/** How `values` reads a value. */
interface ValueScope {
  iterators: readonly string[];
  /** Object keys are templates too (in argument values, not in provisioner bodies or conditions). */
  keys?: boolean;
  /** Keys whose values are keywords read as traversals (provisioners' `when`, `on_failure`). */
  keywords?: ReadonlySet<string>;
  self?: boolean;
  /** The argument, and the type of the value (followed into elements and attributes). */
  argument?: string;
  type?: CtyType;
}

/**
 * An argument value: each string is a template, and (`keys`) so is each object key in it. Only
 * strings that are templates of more than a literal are sites: a plain string is its own value.
 */
function values(value: unknown, pointer: string, scope: ValueScope, visit: Visit): void {
  const { iterators, keys = false, keywords, self, argument } = scope;
  const template = (at: string, text: string, expected: CtyType | undefined) => visit({ pointer: at, text, mode: "template", key: false, iterators, self, argument, expected });
  // Most values with an expression are one string: no walk.
  if (typeof value === "string") {
    if (isTemplateExpression(value)) template(pointer, value, scope.type);
    return;
  }
  // Iterative, and each pointer built only for a site: values may nest 100,000 deep (Terraform
  // reads them), where recursion overflows the stack and a pointer per level costs quadratic time.
  const pending: ValueFrame[] = [{ value, at: { pointer }, type: scope.type }];
  for (let frame = pending.pop(); frame; frame = pending.pop()) {
    const node = frame.value;
    if (frame.key !== undefined) visit({ pointer: pointerOf(frame.at), text: frame.key, mode: "template", key: true, iterators, self, argument });
    if (typeof node === "string") {
      if (isTemplateExpression(node)) template(pointerOf(frame.at), node, frame.type);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        if (!isLiteral(node[i])) pending.push({ value: node[i], at: { parent: frame.at, segment: i }, type: elementType(frame.type, i) });
      }
    } else if (isPlainObject(node)) {
      const names = Object.keys(node);
      for (let i = names.length - 1; i >= 0; i--) {
        const name = names[i]!;
        const element = node[name];
        if (keywords && name === "//") continue;
        if (keywords?.has(name)) {
          traversals(element, pointerOf({ parent: frame.at, segment: name }), iterators, visit, "keyword");
          continue;
        }
        const keyIsTemplate = keys && isTemplateExpression(name);
        if (!keyIsTemplate && isLiteral(element)) continue;
        pending.push({ value: element, at: { parent: frame.at, segment: name }, type: memberType(frame.type, name), ...(keyIsTemplate ? { key: name } : {}) });
      }
    }
  }
}

/** The type of element `index` of a value of `type` (a list, set or tuple). */
function elementType(type: CtyType | undefined, index: number): CtyType | undefined {
  if (type === "dynamic") return "dynamic";
  if (!Array.isArray(type)) return undefined;
  if (type[0] === "list" || type[0] === "set") return type[1] as CtyType;
  return type[0] === "tuple" ? (type[1] as CtyType[])[index] : undefined;
}

/** The type of attribute or key `name` of a value of `type` (an object or a map). */
function memberType(type: CtyType | undefined, name: string): CtyType | undefined {
  if (type === "dynamic") return "dynamic";
  if (!Array.isArray(type)) return undefined;
  if (type[0] === "map") return type[1] as CtyType;
  if (type[0] !== "object") return undefined;
  const attributes = type[1] as Record<string, CtyType>;
  return own(attributes, name);
}

/** A place in a value, as a chain of segments up to a pointer: joined only when a site needs it. */
type Place = { pointer: string } | { parent: Place; segment: string | number };

interface ValueFrame {
  value: unknown;
  at: Place;
  type: CtyType | undefined;
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
function traversals(value: unknown, pointer: string, iterators: readonly string[], visit: Visit, role: SiteRole): void {
  if (typeof value === "string") visit({ pointer, text: value, mode: "traversal", key: false, iterators, role });
  else if (Array.isArray(value)) {
    for (const [i, element] of value.entries()) {
      if (typeof element === "string") visit({ pointer: joinPointer(pointer, i), text: element, mode: "traversal", key: false, iterators, role });
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
      // `"ignore_changes": "all"` is the keyword; in a list, every entry is a path.
      if (name === "ignore_changes" && Array.isArray(member)) traversals(member, memberAt, [], visit, "ignore_changes");
      else if (name === "replace_triggered_by" && Array.isArray(member)) {
        for (const [i, entry] of member.entries()) {
          if (typeof entry === "string") visit({ pointer: joinPointer(memberAt, i), text: entry, mode: "expression", key: false, iterators: [], role: "replace_triggered_by" });
        }
      } else if (name === "precondition" || name === "postcondition") {
        for (const condition of blocksOf(member)) {
          if (isPlainObject(condition.value)) values(condition.value, joinPointer(memberAt, ...condition.path), { iterators: [], self: name === "postcondition" }, visit);
        }
      }
    }
  }
}

/** Arguments of provisioner and connection bodies whose values are keywords (`destroy`, `continue`), read as traversals. */
const PROVISIONER_KEYWORDS: ReadonlySet<string> = new Set(["when", "on_failure"]);

/** `provisioner` and `connection` bodies: templates, but `when` and `on_failure` are keywords; `self` is the resource. */
function provisioners(value: unknown, pointer: string, visit: Visit): void {
  if (typeof value === "string") {
    if (isTemplateExpression(value)) visit({ pointer, text: value, mode: "template", key: false, iterators: [], self: true });
    return;
  }
  values(value, pointer, { iterators: [], keywords: PROVISIONER_KEYWORDS, self: true }, visit);
}

/** An expression outside resources: a local value, an output, a module call's argument, a variable's validation. */
export interface DocumentExpressionSite extends ExpressionSite {
  /** `local.name`, `output.name`, `module.name`, `var.name`. */
  address: string;
  /** A module call's arguments: whether it has `count` or `for_each` (`count.index`, `each` are available). */
  count?: boolean;
  forEach?: boolean;
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
  const as =
    (address: string, extra: Partial<DocumentExpressionSite> = {}): Visit =>
    (site) =>
      visit({ ...site, address, ...extra });
  named("locals", (name, body, pointer) => values(body, pointer, { iterators: [], keys: true }, as(`local.${name}`)));
  named("output", (name, body, pointer) => {
    for (const instance of blocksOf(body)) {
      if (!isPlainObject(instance.value)) continue;
      const base = joinPointer(pointer, ...instance.path);
      const label = as(`output.${name}`);
      if (instance.value.value !== undefined) values(instance.value.value, joinPointer(base, "value"), { iterators: [], keys: true }, label);
      if (instance.value.depends_on !== undefined) traversals(instance.value.depends_on, joinPointer(base, "depends_on"), [], label, "depends_on");
      if (instance.value.precondition !== undefined) lifecycle({ precondition: instance.value.precondition }, base, label);
    }
  });
  named("module", (name, body, pointer) => {
    for (const instance of blocksOf(body)) {
      if (!isPlainObject(instance.value)) continue;
      const base = joinPointer(pointer, ...instance.path);
      const repetition = { count: Object.hasOwn(instance.value, "count"), forEach: Object.hasOwn(instance.value, "for_each") };
      const label = as(`module.${name}`, repetition);
      for (const [argument, value] of Object.entries(instance.value)) {
        const argumentAt = joinPointer(base, argument);
        if (argument === "//" || argument === "source" || argument === "version") continue;
        if (argument === "depends_on") traversals(value, argumentAt, [], label, "depends_on");
        else if (argument === "providers" && isPlainObject(value)) {
          for (const [key, target] of Object.entries(value)) {
            const keyAt = joinPointer(argumentAt, key);
            label({ pointer: keyAt, text: key, mode: "traversal", key: true, iterators: [], role: "keyword" });
            traversals(target, keyAt, [], label, "keyword");
          }
        } else if (argument === "count" || argument === "for_each") values(value, argumentAt, { iterators: [], keys: true }, as(`module.${name}`, { role: "repetition" }));
        else values(value, argumentAt, { iterators: [], keys: true }, label);
      }
    }
  });
  named("variable", (name, body, pointer) => {
    for (const instance of blocksOf(body)) {
      if (!isPlainObject(instance.value) || instance.value.validation === undefined) continue;
      const validationAt = joinPointer(pointer, ...instance.path, "validation");
      for (const rule of blocksOf(instance.value.validation)) {
        if (isPlainObject(rule.value)) values(rule.value, joinPointer(validationAt, ...rule.path), { iterators: [] }, as(`var.${name}`));
      }
    }
  });
}
