/**
 * Realistic synthesized stacks for benchmarks: a `cdk.tf.json` as `cdktf synth` writes it, with
 * `resources` resources drawn round-robin from `types` aws 6.25.0 resource types (every required
 * argument, a few optional ones, nested blocks, now and then a dynamic block, interpolations,
 * cdktf's `//` metadata), a provider block and an s3 backend. Deterministic: the same arguments
 * give the same bytes.
 *
 *   tsx scripts/generate-stack.ts <resources> <out-file> [--compact]
 */
import { writeFileSync } from "node:fs";
import type { CtyType, SchemaAttribute, SchemaBlock } from "../src/schema/format.js";
import { SchemaStore, SHIPPED_SCHEMAS_DIR } from "../src/schema/store/index.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface StackOptions {
  resources: number;
  /** How many distinct resource types (at least 200 for the issue #14 benchmarks). */
  types?: number;
}

export function generateStack({ resources, types = 240 }: StackOptions): { [key: string]: Json } {
  const snapshot = new SchemaStore(SHIPPED_SCHEMAS_DIR).open("hashicorp/aws", "6.25.0");
  // Every sixth type: a spread over the whole provider rather than the aws_a* corner.
  const all = snapshot.resourceTypes();
  const chosen = Array.from({ length: Math.min(types, all.length) }, (_, i) => all[(i * 6) % all.length]!);
  const byType: Record<string, Record<string, Json>> = {};
  // References name one of 50 VPCs declared first (references are checked: they must exist).
  for (let i = 0; i < Math.min(50, resources); i++) (byType.aws_vpc ??= {})[`vpc_${i}`] = { cidr_block: `10.${i}.0.0/16` };
  for (let i = 0; i < resources; i++) {
    const type = chosen[i % chosen.length]!;
    const name = `${type.replace(/^aws_/, "")}_${i}`;
    const body = bodyOf(snapshot.resource(type)!.block, i, 0);
    body["//"] = { metadata: { path: `bench/${name}`, uniqueId: name } };
    (byType[type] ??= {})[name] = body;
  }
  return {
    "//": { metadata: { backend: "s3", stackName: "bench", version: "0.21.0" }, outputs: {} },
    provider: { aws: [{ region: "us-east-1" }] },
    // What the dynamic blocks' for_each refers to.
    variable: { items: { type: "list(string)" } },
    resource: byType,
    terraform: {
      backend: { s3: { bucket: "state", key: "bench.tfstate", region: "us-east-1" } },
      required_providers: { aws: { source: "aws", version: "6.25.0" } },
    },
  };
}

function bodyOf(block: SchemaBlock, seed: number, depth: number): { [key: string]: Json } {
  const body: { [key: string]: Json } = {};
  let optional = 0;
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const settable = attribute.required || (attribute.optional && optional++ < 10);
    if (settable) body[name] = attributeValue(attribute, name, seed);
  }
  let blocks = 0;
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    // Required blocks at every depth, a few optional ones near the top.
    if ((nested.min_items ?? 0) === 0 && (depth >= 2 || blocks++ >= 2)) continue;
    const inner = bodyOf(nested.block, seed, depth + 1);
    if (nested.nesting_mode === "single" || nested.nesting_mode === "group") body[name] = inner;
    else if (nested.nesting_mode === "map") body[name] = { main: inner };
    else if (seed % 7 === 0 && depth === 0) {
      ((body.dynamic ??= {}) as { [key: string]: Json })[name] = { for_each: "${var.items}", iterator: "each_item", content: inner };
    } else body[name] = [inner];
  }
  return body;
}

function attributeValue(attribute: SchemaAttribute, name: string, seed: number): Json {
  if (attribute.nested_type) return bodyOf({ attributes: attribute.nested_type.attributes }, seed, 2);
  return valueOf(attribute.type ?? "string", name, seed);
}

function valueOf(type: CtyType, name: string, seed: number): Json {
  if (type === "string" || type === "dynamic") {
    return seed % 3 === 0 ? `\${aws_vpc.vpc_${seed % 50}.id}` : `${name}-${seed}`;
  }
  if (type === "number") return seed % 100;
  if (type === "bool") return seed % 2 === 0;
  const [kind, element] = type;
  if (kind === "list" || kind === "set") return [valueOf(element, name, seed)];
  if (kind === "map") return { Name: valueOf(element, name, seed), Stack: valueOf(element, "stack", seed) };
  if (kind === "tuple") return element.map((t) => valueOf(t, name, seed));
  return Object.fromEntries(Object.entries(element).map(([key, t]) => [key, valueOf(t, key, seed)]));
}

if (process.argv[1]?.endsWith("generate-stack.ts")) {
  const [count, out] = process.argv.slice(2);
  if (!count || !out) {
    console.error("usage: tsx scripts/generate-stack.ts <resources> <out-file> [--compact]");
    process.exit(2);
  }
  const stack = generateStack({ resources: Number(count) });
  writeFileSync(out, JSON.stringify(stack, null, process.argv.includes("--compact") ? undefined : 2));
}
