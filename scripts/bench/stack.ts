/**
 * Synthetic cdktf stacks for the benchmark, shaped like what `cdktf synth` writes: cdktf's `//`
 * metadata, a `terraform` block (required_providers pin, s3 backend), a provider block, the
 * variable dynamic blocks iterate over, and N resources drawn round-robin from many aws types,
 * each with its required arguments and blocks, a few optional ones, `tags`, one optional block
 * written out and one dynamic block where the type has a repeatable block, `${…}` references to
 * attributes of resources made earlier, `depends_on` and `lifecycle`. Every body is valid for its
 * schema (`benchTypes` keeps the types whose bodies check clean), so the benchmark measures
 * checking, not reporting. Deterministic: the same arguments give the same bytes.
 *
 *   tsx scripts/bench/stack.ts <resources> <out-file> [--compact]
 */
import { writeFileSync } from "node:fs";
import { checkDocument } from "../../src/check/document.js";
import type { CtyType, SchemaAttribute, SchemaBlock } from "../../src/schema/format.js";
import type { ProviderSchemaSnapshot } from "../../src/schema/model.js";
import { shippedSchemas } from "../../src/schema/store/index.js";

export const AWS_VERSION = "6.25.0";

export interface StackOptions {
  snapshot: ProviderSchemaSnapshot;
  /** Resource types to draw from, in order (round-robin). */
  types: readonly string[];
  resources: number;
  stackName?: string;
}

/** A resource generated earlier, and an attribute of it a reference may name. */
interface Made {
  type: string;
  name: string;
  attribute?: string;
}

export function generateStack(options: StackOptions): Record<string, unknown> {
  const stack = options.stackName ?? "bench";
  const resources: Record<string, Record<string, unknown>> = {};
  const made: Made[] = [];
  for (let i = 0; i < options.resources; i++) {
    const type = options.types[i % options.types.length]!;
    const name = `r${i}`;
    const schema = options.snapshot.resource(type);
    if (!schema) throw new Error(`${options.snapshot.address} ${options.snapshot.version} has no resource type ${type}`);
    // Any earlier resource (a multiplicative hash of i), so that references are as varied as a real stack's.
    const earlier = made.length > 0 ? made[(Math.imul(i, 0x9e3779b1) >>> 0) % made.length] : undefined;
    const reference = earlier?.attribute && `\${${earlier.type}.${earlier.name}.${earlier.attribute}}`;
    const body = blockBody(schema.block, { ...(reference ? { reference } : {}), seed: i });
    if (earlier && i % 3 === 0) body.depends_on = [`${earlier.type}.${earlier.name}`];
    if (i % 5 === 0) body.lifecycle = { create_before_destroy: true, ...(schema.block.attributes?.tags ? { ignore_changes: ["tags"] } : {}) };
    body["//"] = { metadata: { path: `${stack}/${name}`, uniqueId: name } };
    (resources[type] ??= {})[name] = body;
    made.push({ type, name, attribute: referable(schema.block) });
  }
  return {
    "//": { metadata: { backend: "s3", stackName: stack, version: "0.21.0" }, outputs: {} },
    terraform: {
      required_providers: { aws: { source: "aws", version: options.snapshot.version } },
      backend: { s3: { bucket: "state", key: `${stack}.tfstate`, region: "eu-west-1" } },
    },
    provider: { aws: [{ region: "eu-west-1" }] },
    variable: { items: { type: "list(any)" } },
    resource: resources,
  };
}

/**
 * The resource types of aws 6.25.0 a benchmark stack draws from: every third type (a spread over
 * the whole provider rather than the aws_a… corner) whose generated bodies check clean, up to
 * `count`.
 */
export function benchTypes(snapshot: ProviderSchemaSnapshot, count = 240): string[] {
  const all = snapshot.resourceTypes();
  const chosen: string[] = [];
  const schemas = shippedSchemas();
  for (let i = 0; i < all.length && chosen.length < count; i += 3) {
    const document = generateStack({ snapshot, types: [all[i]!], resources: 2 });
    const { diagnostics } = checkDocument(document, { file: "bench.tf.json", schemas, terraform: { version: "1.11.4", source: "bench" } });
    if (diagnostics.length === 0) chosen.push(all[i]!);
  }
  return chosen;
}

/** A string attribute every instance has, for references: `id`, else `arn`, else the first computed string. */
function referable(block: SchemaBlock): string | undefined {
  const attributes = block.attributes ?? {};
  if (attributes.id?.type === "string") return "id";
  if (attributes.arn?.type === "string") return "arn";
  return Object.keys(attributes).find((name) => attributes[name]!.type === "string" && attributes[name]!.computed);
}

interface Fill {
  /** A `${…}` reference to use for some string arguments. */
  reference?: string;
  seed: number;
}

/**
 * Required arguments and blocks, the first few optional primitive arguments, `tags`, one optional
 * block written out and one dynamic block: about the 900 bytes per resource of a synthesized stack.
 */
function blockBody(block: SchemaBlock, fill: Fill, depth = 0): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  let optionals = 0;
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.required) body[name] = attributeValue(attribute, fill, name);
    else if (name === "tags" && depth === 0) body[name] = { ...TAGS, Name: `resource-${fill.seed}` };
    else if (attribute.optional && optionals < 12 && isSimple(attribute.type)) {
      body[name] = attributeValue(attribute, fill, name);
      optionals++;
    }
  }
  let dynamic = false;
  let optionalBlock = false;
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const required = (nested.min_items ?? 0) > 0;
    if (required || (!optionalBlock && depth < 2 && nested.nesting_mode !== "map")) {
      optionalBlock ||= !required;
      const one = blockBody(nested.block, fill, depth + 1);
      body[name] = nested.nesting_mode === "single" || nested.nesting_mode === "group" ? one : nested.nesting_mode === "map" ? { k: one } : [one];
    } else if (!dynamic && depth === 0 && (nested.nesting_mode === "list" || nested.nesting_mode === "set") && nested.max_items !== 1) {
      // cdktf writes iterators and escape hatches as dynamic blocks over a variable or a list.
      body.dynamic = { [name]: { for_each: "${var.items}", content: blockBody(nested.block, { seed: fill.seed }, depth + 1) } };
      dynamic = true;
    }
  }
  return body;
}

/** Tags as a platform team sets them on every resource. */
const TAGS = { Environment: "bench", Team: "platform", CostCenter: "cc-1234", Owner: "platform@example.com", Repository: "github.com/example/infra", ManagedBy: "cdktf" };

/** Primitives and collections of primitives: what apps set most. */
function isSimple(type: CtyType | undefined): boolean {
  if (type === "string" || type === "number" || type === "bool") return true;
  return Array.isArray(type) && type[0] !== "object" && type[0] !== "tuple" && typeof type[1] === "string" && type[1] !== "dynamic";
}

function attributeValue(attribute: SchemaAttribute, fill: Fill, name: string): unknown {
  if (attribute.nested_type) {
    const element = Object.fromEntries(
      Object.entries(attribute.nested_type.attributes)
        .filter(([, a]) => a.required)
        .map(([n, a]) => [n, attributeValue(a, fill, n)]),
    );
    const mode = attribute.nested_type.nesting_mode;
    return mode === "single" || mode === "group" ? element : mode === "map" ? { k: element } : [element];
  }
  return value(attribute.type ?? "dynamic", fill, name);
}

function value(type: CtyType, fill: Fill, name: string): unknown {
  if (type === "string") return fill.reference && /(_id|_arn|name)$/.test(name) ? fill.reference : `${name}-${fill.seed}`;
  if (type === "number") return (fill.seed % 5) + 1;
  if (type === "bool") return fill.seed % 2 === 0;
  if (type === "dynamic") return `${name}-${fill.seed}`;
  switch (type[0]) {
    case "list":
    case "set":
      return [value(type[1] as CtyType, fill, name)];
    case "map":
      return { key: value(type[1] as CtyType, fill, name) };
    case "object": {
      const optional = new Set(type[2] ?? []);
      return Object.fromEntries(
        Object.entries(type[1])
          .filter(([field]) => !optional.has(field))
          .map(([field, t]) => [field, value(t, fill, field)]),
      );
    }
    case "tuple":
      return type[1].map((t) => value(t, fill, name));
  }
}

if (process.argv[1]?.endsWith("stack.ts")) {
  const [count, out] = process.argv.slice(2);
  if (!count || !out) {
    console.error("usage: tsx scripts/bench/stack.ts <resources> <out-file> [--compact]");
    process.exit(2);
  }
  const snapshot = shippedSchemas().open("hashicorp/aws", AWS_VERSION);
  const stack = generateStack({ snapshot, types: benchTypes(snapshot), resources: Number(count) });
  writeFileSync(out, JSON.stringify(stack, null, process.argv.includes("--compact") ? undefined : 2));
}
