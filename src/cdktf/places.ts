/**
 * A stack's source map (src/check/source-map.ts): for each block of its Terraform JSON, the line
 * that created the construct that wrote it, and for each `addOverride`, the line that called it.
 *
 * Which construct wrote which block comes from the constructs themselves: each element's
 * `toTerraform()` is its fragment of the document, and the stack merges the fragments in element
 * order (arrays such as `provider.aws` by concatenation, so the n-th fragment's item is the n-th
 * item of the merged array), then its own overrides. Only blocks are mapped — a resource, a
 * provider configuration, a backend, an output — not every value: a finding inside a block that
 * no override touched belongs to the line that created the block's construct.
 */
import { joinPointer } from "../core/pointer.js";
import type { SourcePlace } from "../check/source-map.js";
import { isPlainObject } from "../validators/kind.js";
import { type ConstructLike, elementsOf, type StackLike } from "./constructs.js";
import type { SourceRecorder } from "./recorder.js";

/** Top-level keys whose blocks sit two levels down (`resource.<type>.<name>`), not one (`output.<name>`). */
const TYPED = new Set(["resource", "data"]);
/** Keys of the terraform block that hold one block per name (`backend.s3`, `required_providers.aws`). */
const NAMED_IN_TERRAFORM = new Set(["backend", "required_providers"]);

interface Block {
  pointer: string;
  body: unknown;
}

export function sourcePlaces(stack: StackLike, recorder: SourceRecorder): SourcePlace[] {
  const places: SourcePlace[] = [];
  const overrides: { pointer: string; order: number; source: SourcePlace["source"] }[] = [];
  const place = (pointer: string, construct: ConstructLike) => {
    const source = recorder.createdAt(construct)?.location();
    if (source) places.push({ pointer, source });
  };
  const override = (base: string, construct: ConstructLike, blocks: readonly Block[]) => {
    for (const call of recorder.overridesOf(construct)) {
      const segments = call.path.split(".");
      // An element's overrides are merged into one of its blocks: the one that now holds the key.
      const into = blocks.find((b) => isPlainObject(b.body) && Object.hasOwn(b.body, segments[0]!))?.pointer ?? base;
      const source = call.site.location();
      if (source) overrides.push({ pointer: joinPointer(into, ...segments), order: call.order, source });
    }
  };

  place("", stack);
  const arrayLengths = new Map<string, number>();
  for (const element of elementsOf(stack)) {
    let fragment: unknown;
    try {
      fragment = element.toTerraform();
    } catch {
      continue; // cdktf would fail on it too, with its own message
    }
    const blocks = blocksOf(fragment, arrayLengths);
    for (const block of blocks) place(block.pointer, element);
    // Failing that (an override that deleted its key), the element's last block: a provider's configuration comes after its required_providers entry.
    if (blocks.length > 0) override(blocks.at(-1)!.pointer, element, blocks);
  }
  override("", stack, []);
  overrides.sort((a, b) => a.order - b.order);
  return [...places, ...overrides.map(({ pointer, source }) => ({ pointer, source }))];
}

/** The blocks of one element's fragment, with array items numbered after those of the elements before it. */
function blocksOf(fragment: unknown, arrayLengths: Map<string, number>): Block[] {
  if (!isPlainObject(fragment)) return [];
  const blocks: Block[] = [];
  const named = (pointer: string, value: unknown, depth: number) => {
    if (value === undefined || value === null) return; // an element's empty slot (a resource's `moved`): nothing written
    if (depth === 0 || !isPlainObject(value)) {
      blocks.push(...items(pointer, value, arrayLengths));
      return;
    }
    for (const [name, inner] of Object.entries(value)) named(joinPointer(pointer, name), inner, depth - 1);
  };
  for (const [key, value] of Object.entries(fragment)) {
    if (key === "//") continue;
    if (key === "terraform" && isPlainObject(value)) {
      for (const [setting, inner] of Object.entries(value)) {
        named(joinPointer("/terraform", setting), inner, NAMED_IN_TERRAFORM.has(setting) ? 1 : 0);
      }
    } else {
      named(joinPointer("", key), value, TYPED.has(key) ? 2 : 1);
    }
  }
  return blocks;
}

/** A block, or each item of an array of blocks (numbered as in the merged document). */
function items(pointer: string, value: unknown, arrayLengths: Map<string, number>): Block[] {
  if (!Array.isArray(value)) return [{ pointer, body: value }];
  const offset = arrayLengths.get(pointer) ?? 0;
  arrayLengths.set(pointer, offset + value.length);
  return value.map((body, i) => ({ pointer: joinPointer(pointer, offset + i), body }));
}
