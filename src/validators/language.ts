/**
 * The Terraform language's own arguments, written as schema blocks so they are checked by the
 * same validators as provider arguments. Types are as loose as Terraform's JSON syntax allows:
 * references such as `depends_on` entries are strings there.
 */
import type { CtyType, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "../schema/format.js";

const condition: SchemaNestedBlock = {
  nesting_mode: "list",
  block: {
    attributes: {
      condition: { type: "dynamic", required: true },
      error_message: { type: "string", required: true },
    },
  },
};

const commonMeta: SchemaBlock = {
  attributes: {
    count: { type: "number", optional: true },
    for_each: { type: "dynamic", optional: true },
    depends_on: { type: ["list", "string"], optional: true },
    provider: { type: "string", optional: true },
  },
};

/** `count`, `for_each`, `depends_on`, `provider`, `lifecycle`, `provisioner`, `connection`. */
export const RESOURCE_META: SchemaBlock = {
  attributes: {
    ...commonMeta.attributes,
    // Provisioners and connections have schemas of their own (per provisioner type); we accept them as written.
    provisioner: { type: "dynamic", optional: true },
    connection: { type: "dynamic", optional: true },
  },
  block_types: {
    lifecycle: {
      nesting_mode: "single",
      block: {
        attributes: {
          create_before_destroy: { type: "bool", optional: true },
          prevent_destroy: { type: "bool", optional: true },
          // A list of references, or the keyword "all".
          ignore_changes: { type: "dynamic", optional: true },
          replace_triggered_by: { type: ["list", "dynamic"], optional: true },
        },
        block_types: { precondition: condition, postcondition: condition },
      },
    },
  },
};

/** Data sources: `count`, `for_each`, `depends_on`, `provider`, `lifecycle` (conditions only). */
export const DATA_META: SchemaBlock = {
  attributes: commonMeta.attributes,
  block_types: {
    lifecycle: { nesting_mode: "single", block: { block_types: { precondition: condition, postcondition: condition } } },
  },
};

/** Provider configurations: `alias`, and the old in-block `version` constraint. */
export const PROVIDER_META: SchemaBlock = {
  attributes: {
    alias: { type: "string", optional: true },
    version: { type: "string", optional: true, deprecated: true },
  },
};

export type MetaKind = "resource" | "data" | "provider";

const META: Record<MetaKind, SchemaBlock> = { resource: RESOURCE_META, data: DATA_META, provider: PROVIDER_META };

const merged = new WeakMap<SchemaBlock, Map<MetaKind, SchemaBlock>>();
/** Bodies of resources, data sources and provider configurations: Terraform expands `dynamic` blocks in them. */
const languageBodies = new WeakSet<SchemaBlock>();

export function isLanguageBody(block: SchemaBlock): boolean {
  return languageBodies.has(block);
}

/** The provider's block plus the language's meta-arguments (which take precedence, as in Terraform). */
export function withMetaArguments(block: SchemaBlock, kind: MetaKind): SchemaBlock {
  let byKind = merged.get(block);
  if (!byKind) merged.set(block, (byKind = new Map()));
  let result = byKind.get(kind);
  if (!result) {
    const meta = META[kind];
    result = { ...block, attributes: overlaid(block.attributes, meta.attributes), block_types: overlaid(block.block_types, meta.block_types) };
    byKind.set(kind, result);
    languageBodies.add(result);
  }
  return result;
}

/**
 * The entries of `base`, then those of `over` (which win), in an object without a prototype: V8
 * keeps that a hash table from the start, where a literal of another object's entries goes
 * through a hidden class per entry, each new the first time: 3–4 ms against under 1 for the 240
 * aws types of a check (their first use in a process is every check's).
 */
function overlaid<A, B>(base: Readonly<Record<string, A>> | undefined, over: Readonly<Record<string, B>> | undefined): Record<string, A | B> {
  const result = Object.create(null) as Record<string, A | B>;
  for (const key in base) result[key] = base[key]!;
  for (const key in over) result[key] = over[key]!;
  return result;
}

/** The blocks of the `dynamic` construct itself, which cannot hold `dynamic` blocks of their own. */
const constructs = new WeakSet<SchemaBlock>();

export function isDynamicConstruct(block: SchemaBlock): boolean {
  return constructs.has(block);
}

/** Outside the language's own bodies (backends, say): whether a body has block types `dynamic` could generate. */
export function allowsDynamicBlocks(block: SchemaBlock): boolean {
  return !constructs.has(block) && Object.keys(blockSyntaxTypes(block)).length > 0;
}

const asBlocks = new WeakMap<SchemaAttribute, SchemaBlock | null>();

/**
 * Terraform's "attributes as blocks" (internal/lang/blocktoattr): an attribute whose type is a
 * list or set of objects (legacy-SDK providers: `aws_security_group.ingress`,
 * `aws_route_table.route`) may be written as blocks, and then every field of the object is
 * optional. In JSON, blocktoattr reads a plain property of that name as the attribute itself, so
 * every element needs every field (`null` leaves one unset); only `dynamic` blocks generate
 * blocks, and a body that has the plain property too rejects them ("Blocks of type … are not
 * expected here"). This is the body of such a block; protocol-6 nested attributes do not qualify.
 */
export function attributeAsBlock(attribute: SchemaAttribute): SchemaBlock | undefined {
  let result = asBlocks.get(attribute);
  if (result === undefined) {
    const type = attribute.type;
    const collection = Array.isArray(type) && (type[0] === "list" || type[0] === "set");
    const element = collection ? (type![1] as CtyType) : undefined;
    result =
      (attribute.optional || attribute.required) && Array.isArray(element) && element[0] === "object"
        ? {
            attributes: Object.fromEntries(
              Object.entries(element[1]).map(([name, t]): [string, SchemaAttribute] => [name, { type: t as CtyType, optional: true }]),
            ),
          }
        : null;
    asBlocks.set(attribute, result);
  }
  return result ?? undefined;
}

/** A block type `dynamic` can generate: its body, and whether its blocks carry a label (map nesting). */
interface BlockSyntaxType {
  block: SchemaBlock;
  labelled: boolean;
}

const syntaxTypes = new WeakMap<SchemaBlock, Record<string, BlockSyntaxType>>();

/** Everything a body may write with block syntax: its block types and attributes-as-blocks (a block type wins a name). */
function blockSyntaxTypes(block: SchemaBlock): Record<string, BlockSyntaxType> {
  let types = syntaxTypes.get(block);
  if (!types) {
    types = {};
    for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
      const asBlock = attributeAsBlock(attribute);
      if (asBlock) types[name] = { block: asBlock, labelled: false };
    }
    for (const [name, nested] of Object.entries(block.block_types ?? {})) types[name] = { block: nested.block, labelled: nested.nesting_mode === "map" };
    syntaxTypes.set(block, types);
  }
  return types;
}

/** The body of a block of type `name` written with block syntax (what a dynamic block of that name generates). */
export function blockSyntaxBody(block: SchemaBlock, name: string): SchemaBlock | undefined {
  const types = blockSyntaxTypes(block);
  return Object.hasOwn(types, name) ? types[name]!.block : undefined;
}

const dynamicTypes = new WeakMap<SchemaBlock, Record<string, SchemaBlock>>();

/**
 * What the `dynamic` key of a body may hold: for each block type the body can have, the schema
 * of a dynamic block generating it. HCL's dynblock treats `dynamic` as a block type with one
 * label, the generated type, in every body it expands, whether or not the body has block types.
 */
export function dynamicBlockTypes(block: SchemaBlock): Record<string, SchemaBlock> {
  let types = dynamicTypes.get(block);
  if (!types) {
    types = Object.fromEntries(
      Object.entries(blockSyntaxTypes(block)).map(([name, target]): [string, SchemaBlock] => [name, dynamicBlockSpec(target.block, target.labelled)]),
    );
    dynamicTypes.set(block, types);
  }
  return types;
}

const dynamicSpecs = [new WeakMap<SchemaBlock, SchemaBlock>(), new WeakMap<SchemaBlock, SchemaBlock>()] as const;

/**
 * `"dynamic": {"<type>": {"for_each": …, "iterator": …, "labels": …, "content": {…}}}`; `labels`
 * (one per generated block) only for, and required by, block types with a label (map nesting).
 */
export function dynamicBlockSpec(target: SchemaBlock, labelled = false): SchemaBlock {
  const cache = dynamicSpecs[labelled ? 1 : 0];
  let spec = cache.get(target);
  if (!spec) {
    spec = {
      attributes: {
        for_each: { type: "dynamic", required: true },
        iterator: { type: "string", optional: true },
        ...(labelled ? { labels: { type: ["list", "string"], required: true } satisfies SchemaAttribute } : {}),
      },
      block_types: { content: { nesting_mode: "single", block: target, min_items: 1, max_items: 1 } },
    };
    constructs.add(spec);
    cache.set(target, spec);
  }
  return spec;
}
