/**
 * Terraform's backend schemas, read from its Go source at one release tag: which backends
 * `internal/backend/init/init.go` registers (and which it lists as removed), and each one's
 * configuration schema — a `configschema.Block` literal returned by `ConfigSchema()` or held by
 * `backendbase.Base{Schema: …}`, or, for backends still on the legacy SDK, the
 * `schema.Backend{Schema: …}` map, converted the way the legacy `CoreConfigSchema` converts it.
 */
import type { CtyType, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../../src/schema/format.js";
import type { BackendSchema } from "../../src/terraform/backends.js";
import { type GoPackage, type Node, Parser, readPackage, tokenize } from "./go-parse.js";

export interface SourceTree {
  /** Non-test `.go` files of a directory, as text. */
  goFiles(dir: string): string[];
  read(file: string): string;
}

export interface TerraformBackends {
  backends: Record<string, BackendSchema>;
  /** Names Terraform rejects with a message of its own (`azure` → use `azurerm`). */
  removed: Record<string, string>;
  cloud: BackendSchema;
}

export function extractBackends(tree: SourceTree): TerraformBackends {
  const init = tree.read("internal/backend/init/init.go");
  const imports = new Map<string, string>();
  for (const m of init.matchAll(/^\s*(\w+)\s+"github\.com\/hashicorp\/terraform\/(internal\/[^"]+)"/gm)) imports.set(m[1]!, m[2]!);
  const backends: Record<string, BackendSchema> = {};
  let cloud: BackendSchema | undefined;
  for (const m of init.matchAll(/"([\w-]+)":\s*func\(\)\s*backend\.Backend\s*\{\s*return\s+(\w+)\.New\(/g)) {
    const [, name, alias] = m as unknown as [string, string, string];
    const dir = imports.get(alias);
    if (!dir) throw new Error(`init.go: no import for ${alias}`);
    const schema = backendSchema(readPackage(tree.goFiles(dir)), `${name} (${dir})`);
    if (name === "cloud") cloud = schema;
    else backends[name] = schema;
  }
  const removed: Record<string, string> = {};
  const removedBlock = /[rR]emovedBackends\s*=\s*map\[string\]string\s*\{([\s\S]*?)\n\t\}/.exec(init)?.[1] ?? "";
  for (const m of removedBlock.matchAll(/"([\w-]+)":\s*`([^`]*)`/g)) removed[m[1]!] = m[2]!;
  if (!cloud) throw new Error("init.go registers no cloud backend");
  return { backends, removed, cloud };
}

function backendSchema(pkg: GoPackage, what: string): BackendSchema {
  const returned = [...pkg.returns.entries()]
    .filter(([name]) => name.endsWith(".ConfigSchema"))
    .flatMap(([, nodes]) => nodes)
    .map((node) => resolve(node, pkg))
    .find((node) => node.kind === "composite" && node.type === "configschema.Block");
  let block: SchemaBlock;
  const deprecations: Record<string, string> = {};
  const held = pkg.schemaHolders.map((node) => field(node, "Schema")).find((n) => n !== undefined);
  const literal = returned ?? (held && resolve(held, pkg));
  if (!literal) throw new Error(`${what}: no ConfigSchema() literal, and no schema.Backend/backendbase.Base{Schema: …}`);
  if (literal.kind === "composite" && literal.type === "configschema.Block") block = configBlock(literal, pkg);
  else block = legacyBlock(literal, pkg, deprecations, "");
  Object.assign(deprecations, replacementsFromCode(pkg));
  return Object.keys(deprecations).length > 0 ? { block, deprecations } : { block };
}

/** Follows `&x`, package variables and zero-argument package functions to the literal behind them. */
function resolve(node: Node, pkg: GoPackage, depth = 0): Node {
  if (depth > 20) return node;
  if (node.kind === "unary" && node.op === "&") return resolve(node.expr, pkg, depth + 1);
  if (node.kind === "name" && pkg.vars.has(node.name)) return resolve(pkg.vars.get(node.name)!, pkg, depth + 1);
  if (node.kind === "call" && node.fn.kind === "name" && node.args.length === 0) {
    const returned = pkg.returns.get(node.fn.name)?.[0];
    if (returned) return resolve(returned, pkg, depth + 1);
  }
  return node;
}

function field(node: Node, name: string): Node | undefined {
  if (node.kind === "unary") return field(node.expr, name);
  if (node.kind !== "composite") return undefined;
  return node.elements.find((e) => e.key?.kind === "name" && e.key.name === name)?.value;
}

function entries(node: Node, pkg: GoPackage): [string, Node][] {
  const map = resolve(node, pkg);
  if (map.kind !== "composite") throw new Error(`expected a map literal, got ${map.kind}`);
  return map.elements.map((e) => {
    const key = e.key && resolve(e.key, pkg);
    if (key?.kind !== "string") throw new Error(`expected a string key, got ${JSON.stringify(e.key)}`);
    return [key.value, e.value];
  });
}

function isTrue(node: Node | undefined): boolean {
  return node?.kind === "name" && node.name === "true";
}

// ---- configschema ----------------------------------------------------------------------------

function configBlock(node: Node, pkg: GoPackage): SchemaBlock {
  const literal = resolve(node, pkg);
  const block: SchemaBlock = {};
  const attributes = field(literal, "Attributes");
  const blockTypes = field(literal, "BlockTypes");
  if (attributes) block.attributes = Object.fromEntries(entries(attributes, pkg).map(([k, v]) => [k, configAttribute(v, pkg)]));
  if (blockTypes) block.block_types = Object.fromEntries(entries(blockTypes, pkg).map(([k, v]) => [k, configNestedBlock(v, pkg)]));
  if (isTrue(field(literal, "Deprecated"))) block.deprecated = true;
  return block;
}

const NESTING: Record<string, SchemaNestedBlock["nesting_mode"]> = {
  "configschema.NestingSingle": "single",
  "configschema.NestingGroup": "group",
  "configschema.NestingList": "list",
  "configschema.NestingSet": "set",
  "configschema.NestingMap": "map",
};

function configNestedBlock(node: Node, pkg: GoPackage): SchemaNestedBlock {
  const literal = resolve(node, pkg);
  const nesting = field(literal, "Nesting");
  const mode = nesting?.kind === "name" ? NESTING[nesting.name] : undefined;
  if (!mode) throw new Error(`unknown nesting ${JSON.stringify(nesting)}`);
  const nested: SchemaNestedBlock = { nesting_mode: mode, block: configBlock(field(literal, "Block")!, pkg) };
  const min = numberField(literal, "MinItems", pkg);
  const max = numberField(literal, "MaxItems", pkg);
  if (min) nested.min_items = min;
  if (max) nested.max_items = max;
  return nested;
}

function numberField(literal: Node, name: string, pkg: GoPackage): number | undefined {
  const value = field(literal, name);
  const resolved = value && resolve(value, pkg);
  return resolved?.kind === "number" ? resolved.value : undefined;
}

/**
 * A `configschema.Attribute` literal, or one of the s3 backend's wrappers around one: a type
 * embedding the attribute as its first field (`stringAttribute{configschema.Attribute{…}, …}`),
 * or a `singleNestedAttribute{Attributes: …, Required: …}` (an object attribute), reached through
 * `x.SchemaAttribute()`.
 */
function configAttribute(node: Node, pkg: GoPackage): SchemaAttribute {
  if (node.kind === "call" && node.fn.kind === "name" && node.fn.name.endsWith(".SchemaAttribute")) {
    return configAttribute({ kind: "name", name: node.fn.name.slice(0, -".SchemaAttribute".length) }, pkg);
  }
  const literal = resolve(node, pkg);
  if (literal.kind !== "composite") throw new Error(`expected an attribute literal, got ${JSON.stringify(literal).slice(0, 120)}`);
  const nestedAttributes = field(literal, "Attributes");
  if (nestedAttributes && !field(literal, "Type")) {
    const attribute: SchemaAttribute = {
      nested_type: {
        nesting_mode: "single",
        attributes: Object.fromEntries(entries(nestedAttributes, pkg).map(([k, v]) => [k, configAttribute(v, pkg)])),
      },
    };
    return withFlags(attribute, literal, true);
  }
  const embedded = literal.elements.find((e) => !e.key && resolve(e.value, pkg).kind === "composite");
  if (embedded && !literal.elements.some((e) => e.key)) return configAttribute(embedded.value, pkg);
  const type = field(literal, "Type");
  const nested = field(literal, "NestedType");
  const attribute: SchemaAttribute = {};
  if (type) attribute.type = ctyType(type, pkg);
  else if (nested) {
    const object = resolve(nested, pkg);
    const nesting = field(object, "Nesting");
    attribute.nested_type = {
      nesting_mode: (nesting?.kind === "name" && NESTING[nesting.name]) || "single",
      attributes: Object.fromEntries(entries(field(object, "Attributes")!, pkg).map(([k, v]) => [k, configAttribute(v, pkg)])),
    };
  } else throw new Error(`attribute without Type or NestedType: ${JSON.stringify(literal).slice(0, 120)}`);
  return withFlags(attribute, literal, false);
}

function withFlags(attribute: SchemaAttribute, literal: Node, defaultOptional: boolean): SchemaAttribute {
  const required = isTrue(field(literal, "Required"));
  if (required) attribute.required = true;
  if (isTrue(field(literal, "Optional")) || (defaultOptional && !required)) attribute.optional = true;
  if (isTrue(field(literal, "Computed"))) attribute.computed = true;
  if (isTrue(field(literal, "Sensitive"))) attribute.sensitive = true;
  if (isTrue(field(literal, "Deprecated"))) attribute.deprecated = true;
  return attribute;
}

const PRIMITIVES: Record<string, CtyType> = {
  "cty.String": "string",
  "cty.Bool": "bool",
  "cty.Number": "number",
  "cty.DynamicPseudoType": "dynamic",
};

function ctyType(node: Node, pkg: GoPackage): CtyType {
  const resolved = resolve(node, pkg);
  if (resolved.kind === "name" && PRIMITIVES[resolved.name]) return PRIMITIVES[resolved.name]!;
  if (resolved.kind === "call" && resolved.fn.kind === "name") {
    const [first, second] = resolved.args;
    switch (resolved.fn.name) {
      case "cty.List":
        return ["list", ctyType(first!, pkg)];
      case "cty.Set":
        return ["set", ctyType(first!, pkg)];
      case "cty.Map":
        return ["map", ctyType(first!, pkg)];
      case "cty.Object":
        return ["object", Object.fromEntries(entries(first!, pkg).map(([k, v]) => [k, ctyType(v, pkg)]))];
      case "cty.ObjectWithOptionalAttrs": {
        const optional = resolve(second!, pkg);
        const names = optional.kind === "composite" ? optional.elements.map((e) => (resolve(e.value, pkg) as { value: string }).value) : [];
        return ["object", Object.fromEntries(entries(first!, pkg).map(([k, v]) => [k, ctyType(v, pkg)])), names];
      }
    }
  }
  throw new Error(`unknown cty type ${JSON.stringify(resolved).slice(0, 120)}`);
}

// ---- legacy helper/schema --------------------------------------------------------------------

const LEGACY_PRIMITIVES: Record<string, CtyType> = {
  "schema.TypeString": "string",
  "schema.TypeBool": "bool",
  "schema.TypeInt": "number",
  "schema.TypeFloat": "number",
};

/** The legacy SDK's `map[string]*schema.Schema`, as `CoreConfigSchema` presents it to Terraform. */
function legacyBlock(node: Node, pkg: GoPackage, deprecations: Record<string, string>, prefix: string): SchemaBlock {
  const block: SchemaBlock = {};
  for (const [name, value] of entries(node, pkg)) {
    const s = resolve(value, pkg);
    const type = (field(s, "Type") as { name?: string } | undefined)?.name ?? "";
    const elem = field(s, "Elem") && resolve(field(s, "Elem")!, pkg);
    const deprecated = field(s, "Deprecated") && resolve(field(s, "Deprecated")!, pkg);
    if (deprecated?.kind === "string" && deprecated.value) deprecations[prefix + name] = deprecated.value;
    if (elem?.kind === "composite" && elem.type === "schema.Resource") {
      const nested: SchemaNestedBlock = {
        nesting_mode: type === "schema.TypeSet" ? "set" : type === "schema.TypeMap" ? "map" : "list",
        block: legacyBlock(field(elem, "Schema")!, pkg, deprecations, `${prefix}${name}.`),
      };
      const min = numberField(s, "MinItems", pkg) ?? 0;
      const max = numberField(s, "MaxItems", pkg);
      const required = isTrue(field(s, "Required"));
      const optional = isTrue(field(s, "Optional"));
      const effectiveMin = optional ? 0 : required && min === 0 ? 1 : min;
      if (effectiveMin) nested.min_items = effectiveMin;
      if (max) nested.max_items = max;
      if (deprecated?.kind === "string" && deprecated.value) nested.block.deprecated = true;
      (block.block_types ??= {})[name] = nested;
      continue;
    }
    let cty: CtyType;
    if (LEGACY_PRIMITIVES[type]) cty = LEGACY_PRIMITIVES[type]!;
    else {
      const element = elem?.kind === "composite" ? (LEGACY_PRIMITIVES[(field(elem, "Type") as { name?: string })?.name ?? ""] ?? "string") : "string";
      const kind = type === "schema.TypeList" ? "list" : type === "schema.TypeSet" ? "set" : type === "schema.TypeMap" ? "map" : undefined;
      if (!kind) throw new Error(`legacy attribute ${prefix}${name}: unknown type ${type}`);
      cty = [kind, element];
    }
    const attribute: SchemaAttribute = { type: cty };
    let required = isTrue(field(s, "Required"));
    // CoreConfigSchema: a required attribute with a default is optional to Terraform core.
    if (required && (field(s, "Default") || hasDefaultFromFunc(field(s, "DefaultFunc"), pkg))) required = false;
    if (required) attribute.required = true;
    else if (isTrue(field(s, "Optional")) || isTrue(field(s, "Required"))) attribute.optional = true;
    if (isTrue(field(s, "Computed"))) attribute.computed = true;
    if (isTrue(field(s, "Sensitive"))) attribute.sensitive = true;
    if (deprecated?.kind === "string" && deprecated.value) attribute.deprecated = true;
    (block.attributes ??= {})[name] = attribute;
  }
  return block;
}

/** `schema.EnvDefaultFunc("X", nil)` yields nothing unless the variable is set: still required. */
function hasDefaultFromFunc(node: Node | undefined, pkg: GoPackage): boolean {
  if (!node) return false;
  const call = resolve(node, pkg);
  if (call.kind === "call" && call.fn.kind === "name" && /EnvDefaultFunc$/.test(call.fn.name)) {
    const fallback = call.args.at(-1);
    return !(fallback?.kind === "name" && fallback.name === "nil");
  }
  return true;
}

// ---- deprecation replacements the code announces -----------------------------------------------

/**
 * The s3 backend announces replacements in code: `deprecatedAttrDiag(attr, replacement)` with
 * paths built by `cty.GetAttrPath("x")` (possibly through a local `attrPath := …`, or a range
 * over a `map[string]string` of old → new endpoint names).
 */
function replacementsFromCode(pkg: GoPackage): Record<string, string> {
  const found: Record<string, string> = {};
  for (const tokens of pkg.tokens) {
    let lastAttrPath: string | undefined;
    let rangeMap: [string, string][] | undefined;
    const localMaps = new Map<string, [string, string][]>();
    const mapAt = (at: number): [string, string][] | undefined => {
      const p = new Parser(tokens);
      p.pos = at;
      const literal = p.parsePrimary();
      if (literal.kind !== "composite") return undefined;
      return literal.elements.map((e) => [(e.key as { value: string }).value, (e.value as { value: string }).value]);
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const assigns = tokens[i + 1]?.v === ":=" || tokens[i + 1]?.v === "=";
      if (t.v === "attrPath" && assigns) lastAttrPath = attrPathAt(tokens, i + 2);
      if (t.t === "ident" && assigns && tokens[i + 2]?.v === "map" && tokens[i + 4]?.v === "string") {
        const map = mapAt(i + 2);
        if (map) localMaps.set(t.v, map);
      }
      if (t.v === "range") rangeMap = tokens[i + 1]?.v === "map" ? mapAt(i + 1) : localMaps.get(tokens[i + 1]?.v ?? "");
      if (t.v !== "deprecatedAttrDiag" || tokens[i + 1]?.v !== "(") continue;
      const p = new Parser(tokens);
      p.pos = i;
      let call: Node;
      try {
        call = p.parseExpression();
      } catch {
        continue; // the function's own declaration
      }
      if (call.kind !== "call" || call.args.length !== 2) continue;
      const [from, to] = call.args as [Node, Node];
      if (rangeMap && from.kind === "call" && from.args[0]?.kind === "name") {
        const base = pathOf(to);
        for (const [old, replacement] of rangeMap) found[old] = `Use "${base ? `${base}.` : ""}${replacement}" instead.`;
        rangeMap = undefined;
        continue;
      }
      const name = from.kind === "name" && from.name === "attrPath" ? lastAttrPath : pathOf(from);
      const replacement = pathOf(to);
      if (name && replacement) found[name] = `Use "${replacement}" instead.`;
    }
  }
  return found;
}

function attrPathAt(tokens: ReturnType<typeof tokenize>, at: number): string | undefined {
  const p = new Parser(tokens);
  p.pos = at;
  try {
    return pathOf(p.parseExpression());
  } catch {
    return undefined;
  }
}

/** `cty.GetAttrPath("a").GetAttr("b")` → `a.b`; non-literal parts are left out. */
function pathOf(node: Node): string | undefined {
  if (node.kind !== "call" || node.fn.kind !== "name") return undefined;
  const literal = node.args.find((a) => a.kind === "string") as { value: string } | undefined;
  if (node.fn.name === "cty.GetAttrPath") return literal?.value;
  if (node.fn.name === ".GetAttr") {
    const base = pathOf(node.args[0]!);
    const own = node.args[1]?.kind === "string" ? node.args[1].value : undefined;
    return base && own ? `${base}.${own}` : base;
  }
  return undefined;
}
