/**
 * Rebuilds a provider's `terraform providers schema -json` entry from the jsii assembly of its
 * CDKTF bindings (the `.jsii` JSON every binding package carries, whatever language it is
 * published for), completed by the generator's own source for what the assembly cannot hold.
 *
 * From the assembly:
 * - resource, data source and provider classes (bases `…TerraformResource`, `…TerraformDataSource`,
 *   `…TerraformProvider`), their Terraform type from the class doc (`{@link …/resources/backup_plan aws_backup_plan}`);
 * - the config interface (the initializer's `config`) and the struct interfaces of nested blocks:
 *   each property's Terraform name (the anchor of its `Docs at Terraform Registry` link), its type,
 *   `optional`, and whether it is a block (documented as "`<name>` block.") or an attribute;
 * - a struct typed as one object (not an array) is a block of at most one item;
 * - computed-only attributes: getters of the class (or of the struct's `…OutputReference`) that have
 *   no config property, typed by the getter (`cdktf.StringMap`, `…List` → its `…OutputReference`).
 *
 * From the generated source (generated-source.ts): `computed` on optional attributes, set versus
 * list, and nesting mode `single`. Where the source is silent (provider-level nested blocks have
 * no getters), required/optional come from the interface and collections are lists.
 */
import { z } from "../../zod.js";
import type { CtyType, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../format.js";
import type { Flags, GeneratedMember, GeneratedModule } from "./generated-source.js";
import { blockOf, flagFields, sortKeys, structAttribute } from "./shape.js";
import { BindingsLayoutError } from "./sources.js";

export type TypeRef =
  | { primitive: string }
  | { fqn: string }
  | { collection: { kind: "array" | "map"; elementtype: TypeRef } }
  | { union: { types: TypeRef[] } };

const typeRefSchema: z.ZodType<TypeRef> = z.lazy(() =>
  z.union([
    z.object({ primitive: z.string() }),
    z.object({ fqn: z.string() }),
    z.object({ collection: z.object({ kind: z.enum(["array", "map"]), elementtype: typeRefSchema }) }),
    z.object({ union: z.object({ types: z.array(typeRefSchema) }) }),
  ]),
) as z.ZodType<TypeRef>;

const docsSchema = z.object({ summary: z.string().optional(), remarks: z.string().optional() }).optional();

const propertySchema = z.object({
  name: z.string(),
  type: typeRefSchema,
  optional: z.boolean().optional(),
  static: z.boolean().optional(),
  docs: docsSchema,
});
type Property = z.infer<typeof propertySchema>;

const jsiiTypeSchema = z.object({
  fqn: z.string(),
  kind: z.string(),
  name: z.string(),
  base: z.string().optional(),
  datatype: z.boolean().optional(),
  docs: docsSchema,
  locationInModule: z.object({ filename: z.string() }).optional(),
  properties: z.array(propertySchema).optional(),
  methods: z.array(z.object({ name: z.string(), returns: z.object({ type: typeRefSchema }).optional() })).optional(),
  initializer: z.object({ parameters: z.array(z.object({ name: z.string(), type: typeRefSchema })).optional() }).optional(),
});
type JsiiType = z.infer<typeof jsiiTypeSchema>;

/** The top of an assembly; types are validated one by one as they are used. */
export const assemblySchema = z.object({
  schema: z.literal("jsii/0.10.0"),
  name: z.string(),
  version: z.string(),
  types: z.record(z.string(), z.unknown()),
});
export type Assembly = z.infer<typeof assemblySchema>;

/** An assembly that cannot be read as CDKTF bindings: reported like any unusable bindings. */
export class AssemblyError extends BindingsLayoutError {}

const EMPTY_MODULE: GeneratedModule = { classes: new Map(), hcl: new Map() };

export type ModuleKind = "resource" | "data_source" | "provider";

export interface ExtractedType {
  kind: ModuleKind;
  /** `aws_backup_plan`; for the provider, its local name (`aws`). */
  typeName: string;
  block: SchemaBlock;
  /** The generated module the class lives in, as jsii records it (`src/backup-plan/index.ts`). */
  module: string;
}

const BASES: Record<string, ModuleKind> = { TerraformResource: "resource", TerraformDataSource: "data_source", TerraformProvider: "provider" };
const REGISTRY_LINK = /Docs at Terraform Registry: \{@link \S+#([\w-]+) [^}]*\}/;
const TYPE_LINK = /\{@link \S+ ([\w-]+)\}/;
/** Runtime classes of cdktf/cdktn that getters return for maps and lists of maps. */
const RUNTIME_COLLECTIONS: Record<string, CtyType> = {
  StringMap: ["map", "string"],
  NumberMap: ["map", "number"],
  BooleanMap: ["map", "bool"],
  AnyMap: ["map", "dynamic"],
  StringMapList: ["list", ["map", "string"]],
  NumberMapList: ["list", ["map", "number"]],
  BooleanMapList: ["list", ["map", "bool"]],
  AnyMapList: ["list", ["map", "dynamic"]],
};

export interface AssemblyOptions {
  /** Only classes of these generated modules (by jsii file name); the provider class is always read. */
  include?: (file: string) => boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Every resource, data source and provider class of the assembly, each with its schema block.
 * `moduleSource` gives the generator's facts for a module path as jsii records it.
 */
export function extractAssembly(
  value: unknown,
  origin: string,
  moduleSource: (file: string) => GeneratedModule | undefined,
  options: AssemblyOptions = {},
): ExtractedType[] {
  const parsed = assemblySchema.safeParse(value);
  if (!parsed.success) throw new AssemblyError(`${origin}: not a jsii assembly (${parsed.error.issues[0]?.message})`);
  return new AssemblyReader(parsed.data, origin, moduleSource).extract(options);
}

class AssemblyReader {
  private readonly validated = new Map<string, JsiiType>();

  constructor(
    private readonly assembly: Assembly,
    private readonly origin: string,
    private readonly moduleSource: (file: string) => GeneratedModule | undefined,
  ) {}

  extract(options: AssemblyOptions): ExtractedType[] {
    const classes = Object.entries(this.assembly.types).flatMap(([fqn, raw]) => {
      const { base, locationInModule } = raw as { base?: unknown; locationInModule?: { filename?: unknown } };
      const kind = typeof base === "string" ? BASES[base.slice(base.lastIndexOf(".") + 1)] : undefined;
      const file = typeof locationInModule?.filename === "string" ? locationInModule.filename : "";
      return kind && (kind === "provider" || !options.include || options.include(file)) ? [{ fqn, kind, file }] : [];
    });
    const found: ExtractedType[] = [];
    for (const { fqn, kind, file } of classes) {
      const type = this.type(fqn)!;
      if (!this.moduleSource(file)) throw new AssemblyError(`${this.origin}: no generated source for ${file} (class ${type.name})`);
      const typeName = TYPE_LINK.exec(type.docs?.summary ?? "")?.[1];
      if (!typeName) throw new AssemblyError(`${this.origin}: class ${fqn} does not name its Terraform type in its documentation`);
      const config = type.initializer?.parameters?.find((p) => p.name === "config")?.type;
      if (!config || !("fqn" in config)) throw new AssemblyError(`${this.origin}: class ${fqn} has no config parameter`);
      const block = new BlockBuilder(this, kind === "provider").block(config.fqn, fqn, type.name, false);
      found.push({ kind, typeName, block, module: file });
      options.onProgress?.(found.length, classes.length);
    }
    return found;
  }

  get name(): string {
    return this.assembly.name;
  }

  type(fqn: string): JsiiType | undefined {
    let type = this.validated.get(fqn);
    if (type) return type;
    const raw = this.assembly.types[fqn];
    if (raw === undefined) return undefined;
    const parsed = jsiiTypeSchema.safeParse(raw);
    if (!parsed.success) throw new AssemblyError(`${this.origin}: type ${fqn} is not a valid jsii type: ${parsed.error.issues[0]?.message}`);
    type = parsed.data;
    this.validated.set(fqn, type);
    return type;
  }

  /**
   * The generator's facts for the file a type is declared in: big modules keep their structs in
   * `index-structs/*.ts` files of their own.
   */
  source(fqn: string): GeneratedModule {
    const file = this.type(fqn)?.locationInModule?.filename;
    return (file !== undefined ? this.moduleSource(file) : undefined) ?? EMPTY_MODULE;
  }

  /** A struct (data type interface) of this assembly, if `fqn` names one. */
  struct(fqn: string): JsiiType | undefined {
    const type = fqn.startsWith(`${this.assembly.name}.`) ? this.type(fqn) : undefined;
    return type?.kind === "interface" && type.datatype ? type : undefined;
  }
}

/** `a.b.BackupPlanRule` + `OutputReference` → `a.b.BackupPlanRuleOutputReference`. */
const sibling = (fqn: string, name: string) => `${fqn.slice(0, fqn.lastIndexOf(".") + 1)}${name}`;

/** A type without `IResolvable` (every complex value may also be a token). */
function withoutTokens(ref: TypeRef): TypeRef {
  if (!("union" in ref)) return ref;
  const kept = ref.union.types.filter((t) => !("fqn" in t && /\.IResolvable$/.test(t.fqn)));
  return kept.length === 1 ? kept[0]! : { union: { types: kept } };
}

interface StructUse {
  fqn: string;
  shape: "single" | "array" | "map";
}

class BlockBuilder {
  /** Structs being built, outermost first: the generator never nests a struct inside itself. */
  private readonly building: string[] = [];

  constructor(
    private readonly reader: AssemblyReader,
    private readonly isProvider: boolean,
  ) {}

  private members(classFqn: string): Map<string, GeneratedMember> {
    return this.reader.source(classFqn).classes.get(classFqn.slice(classFqn.lastIndexOf(".") + 1)) ?? new Map();
  }

  /**
   * The block of a config or struct interface. `classFqn` is the class whose getters read it back
   * (the resource class, or the struct's `…OutputReference`), `hclName` the key of its HCL entries.
   * @param onlyAttributes inside a struct-typed attribute everything is an attribute.
   */
  block(interfaceFqn: string, classFqn: string, hclName: string, onlyAttributes: boolean): SchemaBlock {
    const iface = this.reader.type(interfaceFqn);
    if (!iface) throw new AssemblyError(`interface ${interfaceFqn} is missing from the assembly`);
    const members = this.members(classFqn);
    const hcl = this.reader.source(interfaceFqn).hcl.get(hclName) ?? this.reader.source(classFqn).hcl.get(hclName);
    const byCamel = new Map([...members].map(([tfName, m]) => [m.camelName, tfName]));
    const attributes: Record<string, SchemaAttribute> = {};
    const blockTypes: Record<string, SchemaNestedBlock> = {};

    for (const property of iface.properties ?? []) {
      if (property.static) continue;
      const tfName = registryName(property) ?? byCamel.get(property.name);
      if (!tfName) throw new AssemblyError(`${interfaceFqn}.${property.name}: no Terraform name in its documentation or generated source`);
      if (this.isProvider && tfName === "alias" && interfaceFqn.endsWith("Config")) continue;
      const member = members.get(tfName);
      const flags: Flags = member?.flags ?? { computed: false, optional: property.optional === true, required: property.optional !== true };
      const set = member?.set === true || hcl?.get(tfName)?.type === "set";
      const type = withoutTokens(property.type);
      const struct = this.structUse(type);
      if (struct && this.building.includes(struct.fqn)) {
        // A struct the bindings nest inside itself (cdktn's generator reuses a recursive block's
        // type, aws_wafv2_web_acl_rule statements): Terraform's schema is finite but the bindings
        // do not say how deep, so the inner block accepts any value.
        attributes[tfName] = { type: "dynamic", ...flagFields(flags) };
      } else if (struct && !onlyAttributes && isBlockDoc(property, tfName)) {
        blockTypes[tfName] = this.nestedBlock(struct, flags, set);
      } else if (struct) {
        attributes[tfName] = { ...this.structAttribute(struct, flags, set), ...flagFields(flags) };
      } else {
        attributes[tfName] = { type: this.cty(type, set), ...flagFields(flags) };
      }
    }

    // Computed-only attributes have a getter but no config property.
    const getters = this.reader.type(classFqn)?.properties ?? [];
    for (const [tfName, member] of members) {
      if (tfName in attributes || tfName in blockTypes) continue;
      if (!member.flags.computed || member.flags.optional || member.flags.required) continue;
      const getter = getters.find((p) => p.name === member.camelName && !p.static);
      if (getter) attributes[tfName] = { type: this.getterType(getter.type, member), computed: true };
    }
    return blockOf(attributes, blockTypes);
  }

  private structUse(type: TypeRef): StructUse | undefined {
    if ("fqn" in type) return this.reader.struct(type.fqn) && { fqn: type.fqn, shape: "single" };
    if ("collection" in type) {
      const element = withoutTokens(type.collection.elementtype);
      if ("fqn" in element && this.reader.struct(element.fqn)) return { fqn: element.fqn, shape: type.collection.kind === "map" ? "map" : "array" };
    }
    return undefined;
  }

  private structBlock(struct: StructUse, onlyAttributes: boolean): SchemaBlock {
    const name = struct.fqn.slice(struct.fqn.lastIndexOf(".") + 1);
    this.building.push(struct.fqn);
    try {
      return this.block(struct.fqn, sibling(struct.fqn, `${name}OutputReference`), name, onlyAttributes);
    } finally {
      this.building.pop();
    }
  }

  private nestedBlock(struct: StructUse, flags: Flags, set: boolean): SchemaNestedBlock {
    const block = this.structBlock(struct, false);
    if (struct.shape === "single" && this.acceptsTokens(struct)) return { nesting_mode: "single", block };
    const nesting: SchemaNestedBlock = { nesting_mode: struct.shape === "map" ? "map" : set ? "set" : "list", block };
    if (flags.required) nesting.min_items = 1;
    // A block the bindings type as one object (not an array) is MaxItems: 1 in the provider.
    if (struct.shape === "single") nesting.max_items = 1;
    return nesting;
  }

  /**
   * The generator lets a whole block of nesting mode `single` be a token (its `…OutputReference`
   * holds `Struct | IResolvable`), but not the one item of a list limited to one.
   */
  private acceptsTokens(struct: StructUse): boolean {
    const name = struct.fqn.slice(struct.fqn.lastIndexOf(".") + 1);
    const internal = this.reader.type(sibling(struct.fqn, `${name}OutputReference`))?.properties?.find((p) => p.name === "internalValue");
    return internal !== undefined && "union" in internal.type && internal.type.union.types.some((t) => "fqn" in t && /\.IResolvable$/.test(t.fqn));
  }

  private structAttribute(struct: StructUse, flags: Flags, set: boolean): Pick<SchemaAttribute, "type" | "nested_type"> {
    const mode = struct.shape === "single" ? "single" : struct.shape === "map" ? "map" : set ? "set" : "list";
    return structAttribute(this.structBlock(struct, true).attributes ?? {}, flags, mode);
  }

  /** The cty type of a config property; `set` turns its outermost list into a set. */
  private cty(type: TypeRef, set: boolean): CtyType {
    if ("primitive" in type) return primitive(type.primitive);
    if ("collection" in type) {
      const element = this.cty(withoutTokens(type.collection.elementtype), false);
      return [type.collection.kind === "map" ? "map" : set ? "set" : "list", element];
    }
    if ("union" in type) {
      // `boolean | IResolvable` is the usual one; anything else accepts any value.
      return "dynamic";
    }
    const struct = this.reader.struct(type.fqn);
    return struct ? this.objectFromStruct(type.fqn) : "dynamic";
  }

  private objectFromStruct(fqn: string): CtyType {
    const fields = this.structBlock({ fqn, shape: "single" }, true).attributes ?? {};
    return ["object", Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.type ?? "dynamic"]))];
  }

  /** The cty type a computed getter returns: primitives, runtime maps, or generated complex classes. */
  private getterType(ref: TypeRef, member: GeneratedMember): CtyType {
    const { set } = member;
    const type = withoutTokens(ref);
    if (!("fqn" in type)) return this.cty(type, set);
    const name = type.fqn.slice(type.fqn.lastIndexOf(".") + 1);
    // Booleans are read as tokens (`IResolvable`), as are values of any type.
    if (name === "IResolvable") return member.reads === "getBooleanAttribute" ? "bool" : "dynamic";
    if (!type.fqn.startsWith(`${this.reader.name}.`)) return RUNTIME_COLLECTIONS[name] ?? "dynamic";
    const complex = /^(.*?)(List|Map|OutputReference)$/.exec(name);
    if (!complex) return this.cty(type, set);
    const object = this.objectFromClass(sibling(type.fqn, `${complex[1]}OutputReference`));
    if (complex[2] === "OutputReference") return object;
    return [complex[2] === "Map" ? "map" : set ? "set" : "list", object];
  }

  /** The object type a computed `…OutputReference` reads: its annotated getters. */
  private objectFromClass(classFqn: string): CtyType {
    const getters = this.reader.type(classFqn)?.properties ?? [];
    const fields: Record<string, CtyType> = {};
    for (const [tfName, member] of this.members(classFqn)) {
      const getter = getters.find((p) => p.name === member.camelName && !p.static);
      if (getter) fields[tfName] = this.getterType(getter.type, member);
    }
    return ["object", sortKeys(fields)];
  }
}

function primitive(name: string): CtyType {
  switch (name) {
    case "string":
    case "date":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "bool";
    default:
      return "dynamic";
  }
}

function registryName(property: Property): string | undefined {
  return REGISTRY_LINK.exec(property.docs?.summary ?? "")?.[1] ?? REGISTRY_LINK.exec(property.docs?.remarks ?? "")?.[1];
}

/** The generator documents blocks as "`<name>` block." and attributes by their description. */
function isBlockDoc(property: Property, tfName: string): boolean {
  return property.docs?.summary?.trim() === `${tfName} block.`;
}


