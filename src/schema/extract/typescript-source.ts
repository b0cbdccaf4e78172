/**
 * Reads one generated CDKTF binding module of a TypeScript project's `cdktf get` output (which
 * has no jsii assembly; see jsii.ts for everything else) and rebuilds its Terraform schema block,
 * with the TypeScript compiler API. Loaded only for such trees: `typescript` is not a runtime
 * dependency, the project's own copy is used.
 *
 * Where each fact comes from in the generated code:
 * - `synthesizeHclAttributes()` / `xxxToHclTerraform(struct)`: every settable argument by its
 *   Terraform name with `isBlock`, `type` (simple/list/set/map/struct) and `storageClassType`;
 * - the comment the generator writes above each getter, `// arn - computed: true, optional: false,
 *   required: false`: the flags, including computed-only attributes that have no setter;
 * - the getter body (`this.getStringAttribute('arn')`, `new XxxList(this, "x", wrapsSet)`): the
 *   type of computed-only attributes;
 * - the config interfaces: a block typed as one object rather than an array holds at most one item.
 */
import ts from "typescript";
import type { CtyType, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../format.js";
import { ctyFromStorageClass, GETTER_TYPES } from "./cty.js";
import { FLAGS_COMMENT, type Flags } from "./generated-source.js";
import { blockOf, flagFields, sortKeys, structAttribute } from "./shape.js";

export type ModuleKind = "resource" | "data_source" | "provider";

export interface ExtractedModule {
  kind: ModuleKind;
  /** `aws_backup_plan`; for the provider module, the provider's local name (`aws`). */
  typeName: string;
  block: SchemaBlock;
  providerName?: string;
  providerVersion?: string;
  /** Only on the provider module: `terraformProviderSource` (`aws`, `hashicorp/null`…). */
  providerSource?: string;
}

/** One entry of `const attrs = { tf_name: { value, isBlock, type, storageClassType } }`. */
interface HclEntry {
  tfName: string;
  isBlock: boolean;
  type: string;
  storageClassType: string;
  /** The nested struct's `xxxToHclTerraform` function the value is mapped with, if any. */
  childFunction?: string;
  /** The config property the value reads (`struct!.roleArn`), where the value names one. */
  camelName?: string;
}

interface InterfaceProperty {
  isArray: boolean;
  optional: boolean;
}

/** A getter the generator annotated with a flags comment. */
interface Member {
  tfName: string;
  camelName: string;
  flags: Flags;
  /** Type read by a primitive getter (`getStringAttribute` …). */
  getterType?: CtyType;
  /** `new XxxList(this, "x", wrapsSet)` / `XxxOutputReference` / `XxxMap` behind a complex getter. */
  complex?: { className: string; wrapsSet: boolean };
}

interface ClassInfo {
  name: string;
  base?: string;
  tfResourceType?: string;
  members: Map<string, Member>;
  hcl?: HclEntry[];
  metadata: Record<string, string>;
}

const BASES: Record<string, ModuleKind> = {
  TerraformResource: "resource",
  TerraformDataSource: "data_source",
  TerraformProvider: "provider",
};

export class BindingModuleError extends Error {}

export function extractModule(sourceText: string, fileName: string): ExtractedModule | undefined {
  const file = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const parsed = new ParsedModule(file);
  const main = parsed.mainClass();
  if (!main) return undefined; // e.g. the package's own index.ts re-exporting the modules
  const kind = BASES[main.base!]!;
  if (!main.hcl) throw new BindingModuleError(`${fileName}: class ${main.name} has no synthesizeHclAttributes()`);
  const hcl = kind === "provider" ? main.hcl.filter((e) => e.tfName !== "alias") : main.hcl;
  const block = parsed.block(hcl, main, `${main.name}Config`);
  return {
    kind,
    typeName: main.tfResourceType ?? main.metadata["providerName"] ?? "",
    block,
    providerName: main.metadata["providerName"],
    providerVersion: main.metadata["providerVersion"],
    providerSource: main.metadata["terraformProviderSource"],
  };
}

class ParsedModule {
  private readonly classes = new Map<string, ClassInfo>();
  private readonly functions = new Map<string, HclEntry[]>();
  private readonly interfaces = new Map<string, Map<string, InterfaceProperty>>();

  constructor(private readonly file: ts.SourceFile) {
    for (const statement of file.statements) {
      if (ts.isClassDeclaration(statement) && statement.name) this.readClass(statement);
      else if (ts.isFunctionDeclaration(statement) && statement.name?.text.endsWith("ToHclTerraform") && statement.body) {
        this.functions.set(statement.name.text, readHclEntries(statement.body) ?? []);
      } else if (ts.isInterfaceDeclaration(statement)) this.readInterface(statement);
    }
  }

  mainClass(): ClassInfo | undefined {
    return [...this.classes.values()].find((c) => c.base !== undefined && c.base in BASES);
  }

  /**
   * @param onlyAttributes inside a struct-typed attribute everything is an attribute.
   */
  block(entries: HclEntry[], owner: ClassInfo | undefined, interfaceName: string, onlyAttributes = false): SchemaBlock {
    const attributes: Record<string, SchemaAttribute> = {};
    const blockTypes: Record<string, SchemaNestedBlock> = {};
    const members = owner?.members ?? new Map<string, Member>();
    const properties = this.interfaces.get(interfaceName);
    // The generator writes all attributes, then all blocks; struct-typed attributes (object types
    // and protocol-6 nested attributes) are marked `isBlock` too, but sit before the last plain
    // attribute. Those sorting after every plain attribute cannot be told from blocks. Blocks it
    // renders as `any` stay in the block run, so they do not count as plain attributes.
    let lastPlain = -1;
    entries.forEach((entry, index) => {
      if (!entry.isBlock && entry.storageClassType !== "any") lastPlain = index;
    });
    for (const [index, entry] of entries.entries()) {
      const member = members.get(entry.tfName);
      const property = properties?.get(member?.camelName ?? entry.camelName ?? "");
      // Structs without an OutputReference class (the provider's) carry no flags comments:
      // their config interface still tells required (`name: string`) from optional (`name?:`).
      const flags = member?.flags ?? { computed: false, optional: property?.optional ?? true, required: property?.optional === false };
      if (entry.isBlock && (onlyAttributes || index < lastPlain)) {
        attributes[entry.tfName] = { ...this.structAttribute(entry, flags), ...flagFields(flags) };
      } else if (entry.isBlock) {
        blockTypes[entry.tfName] = this.nestedBlock(entry, flags, property?.isArray);
      } else {
        attributes[entry.tfName] = { type: this.entryType(entry), ...flagFields(flags) };
      }
    }
    // Computed-only attributes have a getter but no place in the HCL synthesis.
    for (const member of members.values()) {
      if (member.tfName in attributes || member.tfName in blockTypes) continue;
      if (!member.flags.computed || member.flags.optional || member.flags.required) continue;
      const type = this.memberType(member);
      if (type !== undefined) attributes[member.tfName] = { type, computed: true };
    }
    return blockOf(attributes, blockTypes);
  }

  private structBlock(entry: HclEntry, onlyAttributes: boolean): SchemaBlock {
    const struct = entry.childFunction ? structName(entry.childFunction) : entry.storageClassType.replace(/List$|Map$/, "");
    return this.block(this.functions.get(entry.childFunction ?? "") ?? [], this.classes.get(`${struct}OutputReference`), struct, onlyAttributes);
  }

  /** A struct-typed attribute (see shape.ts). */
  private structAttribute(entry: HclEntry, flags: Flags): Pick<SchemaAttribute, "type" | "nested_type"> {
    const mode = entry.type === "struct" ? "single" : entry.type === "set" ? "set" : entry.type === "map" ? "map" : "list";
    return structAttribute(this.structBlock(entry, true).attributes ?? {}, flags, mode);
  }

  private nestedBlock(entry: HclEntry, flags: Flags, isArray: boolean | undefined): SchemaNestedBlock {
    const block = this.structBlock(entry, false);
    if (entry.type === "struct") return { nesting_mode: "single", block };
    const nesting: SchemaNestedBlock = {
      nesting_mode: entry.type === "set" ? "set" : entry.type === "map" ? "map" : "list",
      block,
    };
    if (flags.required) nesting.min_items = 1;
    // A block the bindings type as one object (not an array) is MaxItems: 1 in the provider.
    if (isArray === false && nesting.nesting_mode !== "map") nesting.max_items = 1;
    return nesting;
  }

  private entryType(entry: HclEntry): CtyType {
    const type = ctyFromStorageClass(entry.storageClassType, entry.type);
    if (type === undefined) {
      throw new BindingModuleError(`${this.file.fileName}: ${entry.tfName} has an unknown storageClassType "${entry.storageClassType}"`);
    }
    return type;
  }

  private memberType(member: Member): CtyType | undefined {
    if (member.getterType) return member.getterType;
    if (!member.complex) return undefined;
    const { className, wrapsSet } = member.complex;
    const m = /^(.*?)(List|Map|OutputReference)$/.exec(className);
    if (!m) return undefined;
    const object = this.objectType(`${m[1]}OutputReference`);
    if (m[2] === "OutputReference") return object;
    return [m[2] === "Map" ? "map" : wrapsSet ? "set" : "list", object];
  }

  private objectType(className: string): CtyType {
    const fields: Record<string, CtyType> = {};
    for (const member of this.classes.get(className)?.members.values() ?? []) {
      const type = this.memberType(member);
      if (type !== undefined) fields[member.tfName] = type;
    }
    return ["object", sortKeys(fields)];
  }

  private readInterface(node: ts.InterfaceDeclaration): void {
    const props = new Map<string, InterfaceProperty>();
    for (const member of node.members) {
      if (ts.isPropertySignature(member) && member.type && ts.isIdentifier(member.name)) {
        props.set(member.name.text, { isArray: isArrayType(member.type), optional: member.questionToken !== undefined });
      }
    }
    this.interfaces.set(node.name.text, props);
  }

  private readClass(node: ts.ClassDeclaration): void {
    const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const info: ClassInfo = {
      name: node.name!.text,
      base: heritage && ts.isPropertyAccessExpression(heritage) ? heritage.name.text : heritage?.getText(this.file),
      members: new Map(),
      metadata: {},
    };
    const text = this.file.text;
    let pending: { tfName: string; flags: Flags } | undefined;
    const initializers = new Map<string, Pick<Member, "complex" | "getterType">>();
    for (const member of node.members) {
      for (const range of ts.getLeadingCommentRanges(text, member.pos) ?? []) {
        const m = FLAGS_COMMENT.exec(text.slice(range.pos, range.end));
        if (m) pending = { tfName: m[1]!, flags: { computed: m[2] === "true", optional: m[3] === "true", required: m[4] === "true" } };
      }
      const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
      if (ts.isPropertyDeclaration(member) && name) {
        if (name === "tfResourceType" && member.initializer && ts.isStringLiteral(member.initializer)) {
          info.tfResourceType = member.initializer.text;
        } else if (member.initializer && ts.isNewExpression(member.initializer)) {
          const complex = complexInitializer(member.initializer);
          if (complex) initializers.set(name, complex);
        }
      } else if (ts.isGetAccessorDeclaration(member) && name && pending) {
        const returned = member.body?.statements.find(ts.isReturnStatement)?.expression;
        const field = returned && initializers.get(privateFieldName(returned) ?? "");
        info.members.set(pending.tfName, {
          tfName: pending.tfName,
          camelName: name,
          flags: pending.flags,
          getterType: field?.getterType ?? (returned && getterType(returned)),
          complex: field?.complex,
        });
        pending = undefined;
      } else if (ts.isMethodDeclaration(member) && name === "synthesizeHclAttributes" && member.body) {
        info.hcl = readHclEntries(member.body);
      } else if (ts.isConstructorDeclaration(member) && member.body) {
        collectStringProperties(member.body, info.metadata);
      }
    }
    this.classes.set(info.name, info);
  }
}


/** `backupPlanRuleLifecycleToHclTerraform` → `BackupPlanRuleLifecycle`. */
function structName(functionName: string): string {
  const base = functionName.slice(0, -"ToHclTerraform".length);
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** Parses the `const attrs = {…}` object literal of a synthesizer body. */
function readHclEntries(body: ts.Block): HclEntry[] | undefined {
  for (const statement of body.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const declaration = statement.declarationList.declarations[0];
    if (!declaration?.initializer || !ts.isObjectLiteralExpression(declaration.initializer)) continue;
    const entries: HclEntry[] = [];
    for (const property of declaration.initializer.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
      const tfName = propertyName(property.name);
      if (tfName === undefined) continue;
      const entry: HclEntry = { tfName, isBlock: false, type: "simple", storageClassType: "" };
      for (const field of property.initializer.properties) {
        if (!ts.isPropertyAssignment(field)) continue;
        const key = propertyName(field.name);
        const value = field.initializer;
        if (key === "isBlock") entry.isBlock = value.kind === ts.SyntaxKind.TrueKeyword;
        else if (key === "type" && ts.isStringLiteral(value)) entry.type = value.text;
        else if (key === "storageClassType" && ts.isStringLiteral(value)) entry.storageClassType = value.text;
        else if (key === "value") {
          entry.childFunction = childFunction(value);
          entry.camelName = structProperty(value);
        }
      }
      entries.push(entry);
    }
    return entries;
  }
  return undefined;
}

/** The module's own `xxxToHclTerraform` function a value expression maps nested structs with. */
function childFunction(expression: ts.Node): string | undefined {
  let found: string | undefined;
  // Helpers of the runtime (`cdktf.stringToHclTerraform`) are property accesses: only the
  // object side of those is searched, so just the module's own functions are found.
  const walk = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node)) return walk(node.expression);
    if (ts.isIdentifier(node)) {
      if (node.text.endsWith("ToHclTerraform")) found = node.text;
      return;
    }
    ts.forEachChild(node, walk);
  };
  walk(expression);
  return found;
}

/** `cdktf.stringToHclTerraform(struct!.roleArn)` → `roleArn`. */
function structProperty(expression: ts.Node): string | undefined {
  let found: string | undefined;
  const walk = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node)) {
      let target: ts.Expression = node.expression;
      if (ts.isNonNullExpression(target)) target = target.expression;
      if (ts.isIdentifier(target) && target.text === "struct") {
        found = node.name.text;
        return;
      }
    }
    ts.forEachChild(node, walk);
  };
  walk(expression);
  return found;
}

function getterType(expression: ts.Expression): CtyType | undefined {
  // Token casts (`cdktf.Token.asNumberList(…)`) only change the TypeScript type.
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && /^as[A-Z]/.test(expression.expression.name.text)) {
    return expression.arguments[0] && getterType(expression.arguments[0]);
  }
  // Sets are read through `cdktf.Fn.tolist(this.getListAttribute('x'))`.
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && expression.expression.name.text === "tolist") {
    const inner = expression.arguments[0] && getterType(expression.arguments[0]);
    return Array.isArray(inner) && inner[0] === "list" ? ["set", inner[1] as CtyType] : inner;
  }
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression)) {
    return GETTER_TYPES[expression.expression.name.text];
  }
  return undefined;
}

/** `this._oidc` → `_oidc`. */
function privateFieldName(expression: ts.Expression): string | undefined {
  return ts.isPropertyAccessExpression(expression) && expression.expression.kind === ts.SyntaxKind.ThisKeyword
    ? expression.name.text
    : undefined;
}

/**
 * `new EksClusterIdentityList(this, "identity", false)` → class and wrapsSet; runtime maps of
 * primitives (`new cdktf.StringMap(this, "outputs")`) are typed directly.
 */
function complexInitializer(node: ts.NewExpression): Pick<Member, "complex" | "getterType"> | undefined {
  if (ts.isPropertyAccessExpression(node.expression)) {
    const name = node.expression.name.text;
    const type = ctyFromStorageClass(name.charAt(0).toLowerCase() + name.slice(1), "");
    return type === undefined ? undefined : { getterType: type };
  }
  if (!ts.isIdentifier(node.expression)) return undefined;
  const className = node.expression.text;
  if (!/(List|Map|OutputReference)$/.test(className)) return undefined;
  return { complex: { className, wrapsSet: node.arguments?.[2]?.kind === ts.SyntaxKind.TrueKeyword } };
}

/** Collects `key: 'string'` pairs (terraformGeneratorMetadata, terraformProviderSource…). */
function collectStringProperties(node: ts.Node, into: Record<string, string>): void {
  if (ts.isPropertyAssignment(node) && ts.isStringLiteralLike(node.initializer)) {
    const key = propertyName(node.name);
    if (key) into[key] = node.initializer.text;
  }
  ts.forEachChild(node, (child) => collectStringProperties(child, into));
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

function isArrayType(type: ts.TypeNode): boolean {
  if (ts.isArrayTypeNode(type)) return true;
  if (ts.isUnionTypeNode(type)) return type.types.some(isArrayType);
  if (ts.isParenthesizedTypeNode(type)) return isArrayType(type.type);
  return false;
}

