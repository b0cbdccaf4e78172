/**
 * Differential test cases: start from the smallest valid configuration of every resource, data
 * source and the provider block of a schema, then break it in the ways people do: misspelled
 * and camelCased names, values of the wrong type, missing required arguments, blocks written as
 * values and values as blocks, too many blocks, dynamic blocks, interpolations (broken templates,
 * unknown functions), computed-only attributes set from expressions that may be null, references
 * that break (a renamed target, a misspelt attribute, an index into a set, a dropped count,
 * undeclared variables and locals, count/each/self out of place, meta-arguments naming what is
 * not there). Single mutations
 * cover every place once; pairs of them (chosen by a fixed stride, so the set is reproducible)
 * bring the count up and catch interactions.
 */
import { parseTemplateText, references } from "../../src/hcl/index.js";
import type { CtyType, ProviderSchema, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../../src/schema/format.js";
import { attributeAsBlock } from "../../src/validators/language.js";
import type { Case } from "./terraform-validate.js";
import { dependencies } from "./differences.js";
import { type Json, blockValue, holdsObjects, validBody } from "./valid-values.js";

type JsonObject = { [key: string]: Json };
type Path = (string | number)[];

interface Mutation {
  label: string;
  /** The body of the resource, data source or provider configuration it changes. */
  target?: Path;
  /** Changes the document in place; false when it no longer applies (a pair's first mutation moved things). */
  apply(document: JsonObject): boolean;
  /** Rare in real configurations (a few per configuration at most): never thinned out. */
  rare?: boolean;
}

interface Site {
  /** Path of the body holding the argument or block. */
  body: Path;
  name: string;
  attribute?: SchemaAttribute;
  block?: SchemaNestedBlock;
}

const WRONG_VALUES: Record<string, Json> = {
  bool: true,
  string: "text",
  "numeric-string": "12",
  "bool-string": "true",
  number: 42,
  list: ["a", "b"],
  "empty-list": [],
  map: { key: "value" },
  "empty-object": {},
  "list-of-objects": [{ name: "a" }],
  null: null,
};

const INTERPOLATIONS: Record<string, string> = {
  variable: "${var.v}",
  template: "prefix-${var.v}",
  "number-literal": "${1 + 1}",
  "bool-literal": "${true}",
  "list-literal": '${["a"]}',
  "object-literal": '${{ a = "b" }}',
  "undeclared-variable": "${var.undeclared}",
  "broken-syntax": "${var.v",
  "escaped-template": "$${var.v}",
  "for-without-arrow": "${{for k, v in var.v : k v}}",
  "unclosed-directive": '%{ if var.v != "" }x',
  directive: '%{ if var.v != "" }${var.v}%{ endif }',
  "unknown-function": "${upperr(var.v)}",
  "core-function": "${core::upper(var.v)}",
  "function-of-a-newer-release": "${convert(var.v, string)}",
};

/** Expressions that may evaluate to null: a provider accepts them for a computed-only attribute. */
const NULLABLE: Record<string, string> = {
  variable: "${var.v}",
  "try-null": "${try(var.v, null)}",
  "conditional-null": '${var.v == "" ? null : var.v}',
};

function at(document: JsonObject, path: Path): Json | undefined {
  let value: Json | undefined = document;
  for (const step of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, Json>)[step];
  }
  return value;
}

function bodyAt(document: JsonObject, path: Path): JsonObject | undefined {
  const value = at(document, path);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : undefined;
}

/** Rename a key keeping its position (Terraform and the checker report in file order). */
function renameKey(body: JsonObject, from: string, to: string): void {
  const entries = Object.entries(body).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const key of Object.keys(body)) delete body[key];
  Object.assign(body, Object.fromEntries(entries));
}

const edit = (label: string, body: Path, change: (body: JsonObject) => boolean): Mutation => ({
  label,
  apply: (document) => {
    const target = bodyAt(document, body);
    return target !== undefined && change(target);
  },
});

const has = (body: JsonObject, name: string) => Object.hasOwn(body, name);

function misspell(name: string): string {
  // Swap the last two letters: `subnet_ids` → `subnet_isd`, the commonest typo.
  return name.length < 3 ? `${name}x` : name.slice(0, -2) + name.at(-1) + name.at(-2);
}

/** Swap two neighbouring letters in the middle: `region` → `regoin` (one edit to a person, two to Levenshtein). */
function transpose(name: string): string | undefined {
  for (let i = Math.floor(name.length / 2); i + 1 < name.length - 1; i++) {
    if (/[a-z]/.test(name[i]!) && /[a-z]/.test(name[i + 1]!) && name[i] !== name[i + 1]) return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
  }
  return undefined;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Misspellings of a name, each a different typo. */
const typos = (name: string) => [...new Set([misspell(name), transpose(name)].filter((t): t is string => t !== undefined && t !== name))];

function siteMutations(site: Site): Mutation[] {
  const { body, name } = site;
  const where = `${body.join(".")}.${name}`;
  const mutations: Mutation[] = [];
  const renamed = [...typos(name), ...(name.includes("_") ? [camel(name)] : [])];
  for (const to of renamed) {
    mutations.push(edit(`rename ${where} → ${to}`, body, (b) => has(b, name) && !has(b, to) && (renameKey(b, name, to), true)));
  }
  const required = site.attribute?.required || (site.block?.min_items ?? 0) > 0;
  if (required) mutations.push(edit(`drop required ${where}`, body, (b) => has(b, name) && delete b[name]));
  for (const [kind, value] of Object.entries(WRONG_VALUES)) {
    mutations.push(edit(`${where} = ${kind}`, body, (b) => has(b, name) && ((b[name] = structuredClone(value)), true)));
  }
  if (site.attribute) {
    for (const [kind, value] of Object.entries(INTERPOLATIONS)) {
      mutations.push(edit(`${where} = interpolation ${kind}`, body, (b) => has(b, name) && ((b[name] = value), true)));
    }
    // An argument written as a dynamic block.
    mutations.push(
      edit(`dynamic block for argument ${where}`, body, (b) => {
        if (!has(b, name)) return false;
        delete b[name];
        b.dynamic = { [name]: { for_each: ["a"], content: {} } };
        return true;
      }),
    );
  }
  if (site.block) mutations.push(...blockMutations(site, site.block, where));
  if (holdsObjects(site.attribute?.type)) mutations.push(...objectMutations(site, site.attribute!.type!, where));
  return mutations;
}

const isObject = (value: Json | undefined): value is JsonObject => value !== null && typeof value === "object" && !Array.isArray(value);

/** An attribute whose value holds objects (an object type, a list, set or map of them): the first object as written. */
function firstObject(type: CtyType, value: Json | undefined): JsonObject | undefined {
  if (!Array.isArray(type)) return undefined;
  const [kind, inner] = type;
  if (kind === "object") return isObject(value) ? value : undefined;
  const ofObjects = Array.isArray(inner) && inner[0] === "object";
  if ((kind === "list" || kind === "set") && ofObjects && Array.isArray(value) && isObject(value[0])) return value[0];
  if (kind === "map" && ofObjects && isObject(value)) {
    const first = Object.values(value)[0];
    return isObject(first) ? first : undefined;
  }
  return undefined;
}

/**
 * Objects inside attribute values, written the ways cdktf users write them: fields left out (as
 * HCL's block syntax allows for a security group's `ingress`, but JSON does not), camelCased
 * (an escape hatch's raw object), set to null (valid: how to leave one unset); and for a list or
 * set of objects in a block body (Terraform's "attributes as blocks") the dynamic-block form with
 * fields left out (valid), and a dynamic block next to the property (rejected).
 */
function objectMutations(site: Site, type: CtyType, where: string): Mutation[] {
  const { body, name } = site;
  const change = (label: string, apply: (object: JsonObject, b: JsonObject) => boolean) =>
    edit(`${where} object ${label}`, body, (b) => {
      const object = firstObject(type, b[name]);
      return object !== undefined && apply(object, b);
    });
  const kind = Array.isArray(type) ? type[0] : undefined;
  const mutations = [
    change("first field dropped", (o) => {
      const [first] = Object.keys(o);
      return first !== undefined && delete o[first];
    }),
    change("all fields but one dropped", (o) => {
      const keys = Object.keys(o);
      for (const key of keys.slice(1)) delete o[key];
      return keys.length > 1;
    }),
    change("fields camelCased", (o) => {
      const keys = Object.keys(o).filter((k) => k.includes("_"));
      for (const key of keys) renameKey(o, key, camel(key));
      return keys.length > 0;
    }),
    change("first field null", (o) => {
      const [first] = Object.keys(o);
      return first !== undefined && o[first] !== null && ((o[first] = null), true);
    }),
  ];
  if (kind === "list" || kind === "set") {
    const dynamic = (b: JsonObject, content: JsonObject) => {
      b.dynamic = { ...(isObject(b.dynamic) ? b.dynamic : {}), [name]: { for_each: ["a"], content } };
      return true;
    };
    mutations.push(
      change("as a dynamic block with fields dropped", (o, b) => {
        const content = Object.fromEntries(Object.entries(o).slice(1));
        delete b[name];
        return dynamic(b, content);
      }),
      change("and a dynamic block", (o, b) => dynamic(b, structuredClone(o))),
    );
  }
  return mutations.map((m) => ({ ...m, rare: true }));
}

function blockMutations(site: Site, nested: SchemaNestedBlock, where: string): Mutation[] {
  const { body, name } = site;
  const mutations: Mutation[] = [];
  const max = nested.max_items ?? 0;
  if (max > 0 && nested.nesting_mode !== "single" && nested.nesting_mode !== "group") {
    mutations.push(edit(`${where} × ${max + 1} (max_items ${max})`, body, (b) => has(b, name) && ((b[name] = blockValue(nested, max + 1)), true)));
  }
  if (nested.nesting_mode !== "single" && nested.nesting_mode !== "group") {
    const content = validBody(nested.block);
    // A map block's dynamic form names each block's key in `labels`.
    const keyed: JsonObject = nested.nesting_mode === "map" ? { labels: [`\${${name}.key}`] } : {};
    const dynamicBlock = (extra: JsonObject, inner: JsonObject = {}): JsonObject => ({
      for_each: nested.nesting_mode === "map" ? { a: "b" } : ["a"],
      ...keyed,
      ...extra,
      content: { ...content, ...inner },
    });
    const asDynamic = (label: string, spec: Json) =>
      edit(`${where} as dynamic block ${label}`, body, (b) => {
        if (!has(b, name)) return false;
        delete b[name];
        b.dynamic = { [name]: spec };
        return true;
      });
    mutations.push(asDynamic("(valid)", dynamicBlock({})));
    mutations.push(asDynamic("with an iterator", dynamicBlock({ iterator: "it", ...(nested.nesting_mode === "map" ? { labels: ["${it.key}"] } : {}) })));
    mutations.push(asDynamic("with an unknown argument in content", dynamicBlock({}, { no_such_argument: "x" })));
    mutations.push(asDynamic("with a wrongly typed content", dynamicBlock({}, Object.fromEntries(Object.keys(nested.block.attributes ?? {}).slice(0, 1).map((k) => [k, { nested: "object" }])))));
    mutations.push(asDynamic("without content", { for_each: ["a"] }));
    const innerBlocks = Object.entries(nested.block.block_types ?? {}).filter(([, b]) => b.nesting_mode !== "single" && b.nesting_mode !== "group");
    for (const [innerName, inner] of innerBlocks.slice(0, 1)) {
      const innerContent = validBody(inner.block);
      const withoutStatic = Object.fromEntries(Object.entries(content).filter(([k]) => k !== innerName));
      mutations.push(
        asDynamic(`with a nested dynamic ${innerName}`, {
          for_each: ["a"],
          content: { ...withoutStatic, dynamic: { [innerName]: { for_each: "${[1]}", content: innerContent } } },
        }),
      );
    }
  }
  return mutations;
}

/** Every argument and block of a body, recursing into the first instance of each block. */
function sites(block: SchemaBlock, body: JsonObject, path: Path): Site[] {
  const found: Site[] = [];
  for (const [name, value] of Object.entries(body)) {
    const attribute = block.attributes?.[name];
    const nested = block.block_types?.[name];
    if (name === "dynamic" && !nested && value !== null && typeof value === "object" && !Array.isArray(value)) {
      // Real configurations generate many blocks: mutate inside their content too.
      for (const [type, spec] of Object.entries(value)) {
        const attribute = block.attributes?.[type];
        const generated = block.block_types?.[type]?.block ?? (attribute ? attributeAsBlock(attribute) : undefined);
        // The first dynamic block of the type, and its content, each an object or (as the corpus
        // converter writes them) an array of one.
        const first = Array.isArray(spec) ? [name, type, 0, "content"] : [name, type, "content"];
        const contentPath = Array.isArray(at(body, first)) ? [...first, 0] : first;
        const content = generated ? bodyAt(body, contentPath) : undefined;
        if (generated && content) found.push(...sites(generated, content, [...path, ...contentPath]));
      }
      continue;
    }
    if (attribute) found.push({ body: path, name, attribute });
    if (nested) {
      found.push({ body: path, name, block: nested });
      const key = nested.nesting_mode === "map" && value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value)[0] : undefined;
      const first = key !== undefined ? [name, key] : Array.isArray(value) ? [name, 0] : [name];
      const inner = bodyAt(body, first);
      if (inner) found.push(...sites(nested.block, inner, [...path, ...first]));
    }
  }
  return found;
}

interface Target {
  /** `resource`, `data` or `provider`. */
  section: "resource" | "data" | "provider";
  type: string;
  block: SchemaBlock;
}

function targets(schema: ProviderSchema, localName: string): Target[] {
  return [
    ...Object.entries(schema.resource_schemas ?? {}).map(([type, s]) => ({ section: "resource" as const, type, block: s.block })),
    ...Object.entries(schema.data_source_schemas ?? {}).map(([type, s]) => ({ section: "data" as const, type, block: s.block })),
    ...(schema.provider ? [{ section: "provider" as const, type: localName, block: schema.provider.block }] : []),
  ];
}

function baseDocument(target: Target, schema: ProviderSchema): { document: JsonObject; bodyPath: Path } {
  const body = validBody(target.block);
  const document: JsonObject = { variable: { v: {} } };
  if (target.section === "provider") {
    document.provider = { [target.type]: body };
    // Terraform validates only provider configurations some resource uses.
    const [type, resource] = Object.entries(schema.resource_schemas ?? {})[0] ?? [];
    if (type && resource) document.resource = { [type]: { this: validBody(resource.block) } };
    return { document, bodyPath: ["provider", target.type] };
  }
  document[target.section] = { [target.type]: { this: body } };
  return { document, bodyPath: [target.section, target.type, "this"] };
}

function targetMutations(target: Target, bodyPath: Path, document: JsonObject): Mutation[] {
  const body = bodyAt(document, bodyPath)!;
  const mutations = sites(target.block, body, bodyPath).flatMap(siteMutations);
  // Computed-only attributes set from expressions that may be null (a module passing an optional value on).
  const computedOnly = Object.entries(target.block.attributes ?? {}).filter(([, a]) => a.computed && !a.optional && !a.required);
  for (const [name] of computedOnly.slice(0, 2)) {
    for (const [kind, value] of Object.entries(NULLABLE)) {
      mutations.push(edit(`computed-only ${bodyPath.join(".")}.${name} = ${kind}`, bodyPath, (b) => !has(b, name) && ((b[name] = value), true)));
    }
  }
  mutations.push(edit(`unknown argument in ${bodyPath.join(".")}`, bodyPath, (b) => ((b.no_such_argument = "x"), true)));
  if (target.section !== "provider") {
    const section = [target.section];
    // Only misspellings that keep the provider prefix: `demoSubnetGroup` would name another,
    // missing provider, which Terraform reports for the whole configuration, not for a file.
    for (const to of typos(target.type)) {
      mutations.push(edit(`${target.section} type ${target.type} → ${to}`, section, (s) => has(s, target.type) && (renameKey(s, target.type, to), true)));
    }
    const meta: Record<string, Json> = {
      "count = 2": 2,
      "count = interpolation": "${length([1])}",
      "for_each = interpolation": '${toset(["a"])}',
      "depends_on = []": [],
      "lifecycle ignore_changes": { ignore_changes: ["tags"] },
    };
    for (const [label, value] of Object.entries(meta)) {
      const key = label.split(" ")[0]!;
      if (target.section === "data" && key === "lifecycle") continue;
      mutations.push(edit(`${bodyPath.join(".")} meta-argument ${label}`, bodyPath, (b) => ((b[key] = value), true)));
    }
  }
  mutations.push(...referenceEdits(document, bodyPath, target));
  return mutations.map((m) => ({ ...m, target: bodyPath }));
}

/** Writes `value` at `path` (the place must exist); false when it does not. */
function setAt(document: JsonObject, path: Path, value: Json): boolean {
  const parent = at(document, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (parent === null || typeof parent !== "object" || !Object.hasOwn(parent, key)) return false;
  (parent as Record<string | number, Json>)[key] = value;
  return true;
}

/** The strings with `${` in a body, by path, in document order. */
function templates(value: Json, path: Path, found: { path: Path; text: string }[] = []): { path: Path; text: string }[] {
  if (typeof value === "string") {
    if (value.includes("${")) found.push({ path, text: value });
  } else if (Array.isArray(value)) value.forEach((v, i) => templates(v, [...path, i], found));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) templates(v, [...path, k], found);
  return found;
}

const RESOURCE_ROOT = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;

/**
 * References that break, as people break them: in the strings the body already has (real
 * configurations), the target of a reference renamed (a typo), the attribute after it misspelt,
 * a variable or local misspelt, the referenced resource's `count` dropped; and meta-arguments
 * naming what is not there (a depends_on entry misspelt or naming an attribute, an
 * ignore_changes entry misspelt, a provider alias no provider block has). Each reference is
 * touched once; a body gives at most a few.
 */
function referenceEdits(document: JsonObject, bodyPath: Path, target: Target): Mutation[] {
  const body = bodyAt(document, bodyPath);
  if (!body) return [];
  const where = bodyPath.join(".");
  const mutations: Mutation[] = [];
  const rewrite = (label: string, path: Path, text: string, range: { start: number; end: number }, to: string) =>
    mutations.push({ label: `${where} reference ${label}`, apply: (d) => setAt(d, [...bodyPath, ...path], text.slice(0, range.start) + to + text.slice(range.end)) });
  let budget = 3;
  for (const { path, text } of templates(body, [])) {
    if (budget <= 0) break;
    const parsed = parseTemplateText(text);
    if (parsed.diagnostics.length > 0 || parsed.unsupported) continue;
    for (const reference of references(parsed.expression).slice(0, 1)) {
      const { root, steps } = reference;
      const [first, second] = steps;
      const name = (step: typeof first) => (step?.kind === "attr" ? step : undefined);
      if ((root.name === "var" || root.name === "local") && name(first)) {
        rewrite(`${root.name}.${name(first)!.name} misspelt`, path, text, first!.range, `.${typos(name(first)!.name)[0]}`);
        budget--;
      } else if (RESOURCE_ROOT.test(root.name) && name(first)) {
        const resource = name(first)!.name;
        rewrite(`target ${root.name}.${resource} renamed`, path, text, first!.range, `.${typos(resource)[0]}`);
        const attribute = name(second) ?? (second?.kind === "index" ? name(steps[2]) : undefined);
        if (attribute) rewrite(`attribute ${root.name}.${resource}.${attribute.name} misspelt`, path, text, attribute.range, `.${typos(attribute.name)[0]}`);
        // The referenced resource's count dropped: an index on it is now unexpected.
        // The resource itself, or (as the corpus converter writes them) the one element of its array.
        const named = ["resource", root.name, resource];
        const referenced = Array.isArray(at(document, named)) ? [...named, 0] : named;
        const referencedBody = bodyAt(document, referenced);
        if (referencedBody && Object.hasOwn(referencedBody, "count") && second?.kind === "index") {
          mutations.push(edit(`${where} reference to ${root.name}.${resource} whose count is dropped`, referenced, (b) => has(b, "count") && delete b.count));
        }
        budget--;
      }
    }
  }
  const dependsOn = Array.isArray(body.depends_on) ? body.depends_on : [];
  const entry = dependsOn.findIndex((d) => typeof d === "string" && /^[a-z][a-z0-9_]*\.[\w-]+$/.test(d));
  if (entry >= 0) {
    const address = dependsOn[entry] as string;
    const [type, name] = address.split(".");
    mutations.push({ label: `${where} depends_on ${address} renamed`, apply: (d) => setAt(d, [...bodyPath, "depends_on", entry], `${type}.${typos(name!)[0]}`)});
    mutations.push({ label: `${where} depends_on ${address} with an attribute`, apply: (d) => setAt(d, [...bodyPath, "depends_on", entry], `${address}.id`)});
  }
  const lifecycle = body.lifecycle;
  const ignored = Array.isArray(lifecycle) ? undefined : isObject(lifecycle) && Array.isArray(lifecycle.ignore_changes) ? lifecycle.ignore_changes : undefined;
  const ignoredAt = ignored?.findIndex((e) => typeof e === "string" && /^[a-z_]+$/.test(e)) ?? -1;
  if (ignored && ignoredAt >= 0) {
    mutations.push({ label: `${where} ignore_changes ${ignored[ignoredAt]} misspelt`, apply: (d) => setAt(d, [...bodyPath, "lifecycle", "ignore_changes", ignoredAt], typos(ignored[ignoredAt] as string)[0]!)});
  }
  if (target.section !== "provider") mutations.push(...referenceSites(body, bodyPath, target));
  return mutations;
}

/**
 * References written into a body's first string argument: to a resource of the document's
 * (declared, misspelt, through a set, on a count resource with and without its key), and the
 * roots that are available only somewhere (count.index, each, self); and the provider
 * meta-argument naming an alias.
 */
function referenceSites(body: JsonObject, bodyPath: Path, target: Target): Mutation[] {
  const where = bodyPath.join(".");
  const argument = Object.entries(target.block.attributes ?? {}).find(([name, a]) => a.type === "string" && (a.optional || a.required) && has(body, name))?.[0];
  const mutations: Mutation[] = [];
  const set = (label: string, value: string, extra?: (d: JsonObject) => void): Mutation => ({
    label: `${where}.${argument} = ${label}`,
    apply: (d) => {
      const b = bodyAt(d, bodyPath);
      if (!b || !has(b, argument!)) return false;
      b[argument!] = value;
      extra?.(d);
      return true;
    },
  });
  if (argument) {
    mutations.push(set("${count.index} without count", "${count.index}"), set("${each.key} without for_each", "${each.key}"), set("${self} outside provisioners", "${self.id}"));
    mutations.push(set("${local.<misspelt>}", "${local.valeu}", (d) => void (d.locals = { ...(isObject(d.locals) ? d.locals : {}), value: "x" })));
    mutations.push(set("a typed variable of another type", "${var.typed}", (d) => void (d.variable = { ...(isObject(d.variable) ? d.variable : {}), typed: { type: "list(string)" } })));
  }
  const [type, name] = target.section === "resource" ? [bodyPath[1] as string, bodyPath[2] as string] : [];
  if (argument && type && name) {
    // A second resource of the same type to refer to (its smallest valid configuration), with count or not.
    const other = (d: JsonObject, count?: number) => {
      const byType = bodyAt(d, ["resource", type])!;
      byType.referenced = { ...validBody(target.block), ...(count !== undefined ? { count } : {}) };
    };
    const attribute = Object.keys(target.block.attributes ?? {})[0];
    const setBlock = Object.entries(target.block.block_types ?? {}).find(([, b]) => b.nesting_mode === "set")?.[0];
    if (attribute) {
      mutations.push(set(`\${${type}.referenced.${attribute}} (valid)`, `\${${type}.referenced.${attribute}}`, (d) => other(d)));
      mutations.push(set("a reference to an undeclared resource", `\${${type}.referencd.${attribute}}`, (d) => other(d)));
      mutations.push(set("a reference with a misspelt attribute", `\${${type}.referenced.${typos(attribute)[0]}}`, (d) => other(d)));
      mutations.push(set("a reference to a count resource without its key", `\${${type}.referenced.${attribute}}`, (d) => other(d, 2)));
      mutations.push(set("a reference to a count resource by key (valid)", `\${${type}.referenced[0].${attribute}}`, (d) => other(d, 2)));
      mutations.push(set("a key on a resource without count", `\${${type}.referenced[0].${attribute}}`, (d) => other(d)));
      mutations.push(set("a splat with a misspelt attribute", `\${join(",", ${type}.referenced[*].${typos(attribute)[0]})}`, (d) => other(d, 2)));
    }
    if (setBlock) mutations.push(set(`an index into the set block ${setBlock}`, `\${${type}.referenced.${setBlock}[0]}`, (d) => other(d)));
    mutations.push({ label: `${where} provider alias without a configuration`, apply: (d) => ((bodyAt(d, bodyPath)!.provider = `${type.split("_")[0]}.west`), true)});
  }
  return mutations;
}

export interface GenerateOptions {
  /** The provider's local name (`aws`). */
  localName: string;
  /** At least this many cases (pairs of mutations fill up after the singles). */
  minimum?: number;
}

export function generateCases(schema: ProviderSchema, options: GenerateOptions): (Case & { label: string })[] {
  const cases: (Case & { label: string })[] = [];
  const seen = new Set<string>();
  const push = (label: string, document: JsonObject) => {
    const text = JSON.stringify(document, null, 2) + "\n";
    if (seen.has(text)) return;
    seen.add(text);
    cases.push({ name: String(cases.length).padStart(5, "0"), label, text, variables: undefaultedVariables(document) });
  };
  const perTarget: { document: JsonObject; mutations: Mutation[]; type: string }[] = [];
  for (const target of targets(schema, options.localName)) {
    const { document, bodyPath } = baseDocument(target, schema);
    push(`valid ${target.section} ${target.type}`, document);
    const mutations = targetMutations(target, bodyPath, document);
    perTarget.push({ document, mutations, type: target.type });
    for (const m of mutations) {
      const copy = structuredClone(document);
      if (m.apply(copy)) push(m.label, copy);
    }
  }
  const minimum = options.minimum ?? 0;
  // Pairs: mutation i with mutation (i * stride + 1) of the same target, round-robin over targets.
  for (let round = 1; cases.length < minimum && round < 50; round++) {
    for (const { document, mutations } of perTarget) {
      for (let i = 0; i < mutations.length && cases.length < minimum; i += 3) {
        const a = mutations[i]!;
        const b = mutations[(i * 7 + round * 13) % mutations.length]!;
        if (a === b) continue;
        const copy = structuredClone(document);
        if (a.apply(copy) && b.apply(copy)) push(`${a.label} + ${b.label}`, copy);
      }
    }
  }
  return cases;
}

/** A real configuration to mutate (see real-configurations.ts). */
export interface SourceDocument {
  label: string;
  document: JsonObject;
}

/** Input variables a configuration declares without a default: the root passes each an unknown value. */
export function undefaultedVariables(document: JsonObject): string[] {
  const variables = document.variable;
  if (variables === null || typeof variables !== "object" || Array.isArray(variables)) return [];
  return Object.entries(variables)
    .filter(([, v]) => v === null || typeof v !== "object" || Array.isArray(v) || v.default === undefined)
    .map(([name]) => name);
}

/** Every resource, data source and provider configuration of a document whose type the schema has. */
function documentTargets(schema: ProviderSchema, localName: string, document: JsonObject): { target: Target; bodyPath: Path }[] {
  const found: { target: Target; bodyPath: Path }[] = [];
  const instances = (value: Json | undefined, path: Path) =>
    Array.isArray(value) ? value.map((_, i) => [...path, i]) : value !== null && typeof value === "object" ? [path] : [];
  for (const [section, schemas] of [
    ["resource", schema.resource_schemas ?? {}],
    ["data", schema.data_source_schemas ?? {}],
  ] as const) {
    const byType = bodyAt(document, [section]) ?? {};
    for (const [type, byName] of Object.entries(byType)) {
      const typeSchema = schemas[type];
      if (!typeSchema || byName === null || typeof byName !== "object" || Array.isArray(byName)) continue;
      for (const [name, body] of Object.entries(byName)) {
        for (const bodyPath of instances(body, [section, type, name])) found.push({ target: { section, type, block: typeSchema.block }, bodyPath });
      }
    }
  }
  if (schema.provider) {
    for (const bodyPath of instances(at(document, ["provider", localName]), ["provider", localName])) {
      found.push({ target: { section: "provider", type: localName, block: schema.provider.block }, bodyPath });
    }
  }
  return found.filter(({ bodyPath }) => bodyAt(document, bodyPath) !== undefined);
}

/**
 * A real configuration cut down to what the mutated bodies need: them, what they refer to
 * (resources, data sources, locals; transitively), variables and provider configurations. Big
 * modules would otherwise make every case cost as much as the whole module.
 */
function focus(document: JsonObject, targets: Path[]): JsonObject {
  const locals = bodyAt(document, ["locals"]) ?? {};
  const bodyOf = (address: string): Json | undefined => {
    if (address.startsWith("local.")) return locals[address.slice(6)];
    const [section, type, name] = address.startsWith("data.") ? address.split(".") : ["resource", ...address.split(".")];
    return at(document, [section!, type!, name!]);
  };
  const addressOf = (path: Path): string | undefined =>
    path[0] === "resource" ? `${path[1]}.${path[2]}` : path[0] === "data" ? `data.${path[1]}.${path[2]}` : undefined;
  const firstResource = Object.entries(bodyAt(document, ["resource"]) ?? {}).flatMap(([type, byName]) =>
    byName !== null && typeof byName === "object" && !Array.isArray(byName) ? Object.keys(byName).map((name) => `${type}.${name}`) : [],
  )[0];
  // A provider configuration is checked only when a resource uses it.
  const queue = targets.map((t) => addressOf(t) ?? firstResource).filter((a): a is string => a !== undefined);
  const keep = new Set<string>(queue);
  while (queue.length > 0) {
    for (const next of dependencies(bodyOf(queue.pop()!))) {
      if (!keep.has(next) && bodyOf(next) !== undefined) (keep.add(next), queue.push(next));
    }
  }
  const out: JsonObject = {};
  // Terraform starts a provider process for each module with a provider configuration (about a
  // second each): keep them only where the provider's configuration is what is mutated.
  const keepProviders = targets.some((t) => t[0] === "provider");
  for (const [key, value] of Object.entries(document)) {
    if (key !== "resource" && key !== "data" && key !== "locals" && (key !== "provider" || keepProviders)) out[key] = value;
  }
  for (const address of keep) {
    if (address.startsWith("local.")) {
      out.locals = { ...(bodyAt(out, ["locals"]) ?? {}), [address.slice(6)]: bodyOf(address)! };
      continue;
    }
    const [section, type, name] = address.startsWith("data.") ? address.split(".") : ["resource", ...address.split(".")];
    const byType = (out[section!] ??= {}) as JsonObject;
    let body: Json = structuredClone(bodyOf(address)!);
    if (!keepProviders) {
      // Without the configurations, an aliased `provider` would be undeclared.
      const strip = (b: Json) => (b !== null && typeof b === "object" && !Array.isArray(b) ? (({ provider: _, ...rest }) => rest)(b) : b);
      body = Array.isArray(body) ? body.map(strip) : strip(body);
    }
    byType[type!] = { ...(bodyAt(byType, [type!]) ?? {}), [name!]: body };
  }
  // Only the variables used (each is an input of the case's module call).
  const variables = bodyAt(out, ["variable"]);
  if (variables) {
    const used = new Set([...JSON.stringify(out).matchAll(/\bvar\.([\w-]+)/g)].map((m) => m[1]!));
    out.variable = Object.fromEntries(Object.entries(variables).filter(([name]) => name === "v" || used.has(name)));
  }
  return structuredClone(out);
}

/**
 * Cases from real configurations: each as it is, then with one mutation (every place of every
 * resource, data source and provider configuration, thinned out evenly when there are more than
 * `minimum`), then with pairs of mutations of the same configuration until there are `minimum`.
 */
export function generateCasesFromDocuments(schema: ProviderSchema, documents: readonly SourceDocument[], options: GenerateOptions): (Case & { label: string })[] {
  const cases: (Case & { label: string })[] = [];
  const seen = new Set<string>();
  const push = (label: string, document: JsonObject, variables: string[]) => {
    const text = JSON.stringify(document, null, 2) + "\n";
    if (seen.has(text)) return;
    seen.add(text);
    cases.push({ name: String(cases.length).padStart(5, "0"), label, text, variables });
  };
  const perDocument = documents.map(({ label, document }) => ({
    label,
    document,
    variables: undefaultedVariables(document),
    mutations: documentTargets(schema, options.localName, document).flatMap(({ target, bodyPath }) => targetMutations(target, bodyPath, document)),
  }));
  for (const d of perDocument) push(`${d.label}: as is`, d.document, d.variables);
  const minimum = options.minimum ?? 0;
  // Share the single mutations out fairly: each configuration gets the same number (or all it
  // has), spread evenly over its mutations, so one big module does not crowd out the rest.
  const quotas = new Map<(typeof perDocument)[number], number>();
  let left = Math.max(0, minimum - cases.length);
  const bySize = [...perDocument].sort((a, b) => a.mutations.length - b.mutations.length);
  bySize.forEach((d, i) => {
    const quota = Math.min(d.mutations.length, Math.floor(left / (bySize.length - i)));
    quotas.set(d, quota);
    left -= quota;
  });
  const chosen = perDocument.flatMap((d) => {
    const rare = d.mutations.filter((m) => m.rare).slice(0, quotas.get(d)!);
    const others = d.mutations.filter((m) => !m.rare);
    const quota = Math.min(others.length, quotas.get(d)! - rare.length);
    return [...rare, ...Array.from({ length: quota }, (_, i) => others[Math.floor((i * others.length) / quota)]!)].map((m) => ({ d, m }));
  });
  for (const { d, m } of chosen) {
    const copy = focus(d.document, [m.target!]);
    if (m.apply(copy)) push(`${d.label}: ${m.label}`, copy, undefaultedVariables(copy));
  }
  for (let round = 1; cases.length < minimum && round < 50; round++) {
    for (const d of perDocument) {
      const { mutations } = d;
      for (let i = round % 5; i < mutations.length && cases.length < minimum; i += 5) {
        const a = mutations[i]!;
        const b = mutations[(i * 7 + round * 13) % mutations.length]!;
        if (a === b) continue;
        const copy = focus(d.document, [a.target!, b.target!]);
        if (a.apply(copy) && b.apply(copy)) push(`${d.label}: ${a.label} + ${b.label}`, copy, undefaultedVariables(copy));
      }
    }
  }
  return cases;
}
