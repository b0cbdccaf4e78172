/**
 * Keys that JavaScript objects hide, read as Terraform reads them (checked against `terraform
 * validate` 1.11.4):
 *
 * - a key an object holds more than once (JSON.parse keeps the last): a repeated block type adds
 *   blocks (two `"resource"` sections, two `"rule"` keys in a body: all of them count, so all of
 *   them are checked), while a repeated argument is an error, "Duplicate argument", and so is a
 *   repeated key inside an argument's object value, "Duplicate object attribute". The JsonSource
 *   knows every occurrence, and `merge` turns a repeated block key into one array of blocks;
 * - `__proto__` as a key of a block body: no schema has such an argument, but zod's object
 *   validation drops the key (assigning it sets a prototype), so it is reported here.
 *
 * The walk follows the schema (bounded depth) and, inside values, only the paths that lead to
 * such a key, iteratively.
 */
import type { Diagnostic } from "../core/diagnostic.js";
import { joinPointer } from "../core/pointer.js";
import type { SchemaBlock } from "../schema/format.js";
import { isPlainObject } from "../validators/kind.js";
import { allowsDynamicBlocks, dynamicBlockTypes } from "../validators/language.js";
import type { JsonSource, KeyOccurrence } from "./json-source.js";
import { own } from "../core/own.js";

/** How a body reads one of its keys. */
export type KeyRole = "block" | "argument" | "ignore";

export interface FindingContext {
  address?: string;
  constructPath?: string;
}

export class HiddenKeys {
  constructor(
    private readonly source: JsonSource | undefined,
    private readonly file: string,
    /** Where findings go; each comes with its position (the occurrence it is about). */
    private readonly diagnostics: Diagnostic[],
  ) {}

  /**
   * One object of a body: repeated block keys become arrays of all their blocks, repeated
   * arguments are reported.
   */
  resolve(container: Record<string, unknown>, pointer: string, role: (key: string) => KeyRole, name: string, context: FindingContext = {}): void {
    const duplicates = this.source?.duplicatesIn(container);
    if (!duplicates) return;
    for (const [key, occurrences] of [...duplicates]) {
      const kind = role(key);
      if (kind === "block") this.source!.merge(container, key);
      else if (kind === "argument") {
        for (const occurrence of occurrences.slice(1)) {
          this.report(joinPointer(pointer, key), occurrence, context, {
            message: `Duplicate argument "${key}" in ${name}: it was already set at ${this.at(occurrences[0]!)}`,
            detail: `The argument "${key}" was already set at ${this.at(occurrences[0]!)}. Each argument may be set only once; Terraform rejects the configuration ("Duplicate argument").`,
          });
        }
      }
    }
  }

  /** Whether `container` or anything below it holds a hidden key. */
  hasBelow(container: object): boolean {
    if (!this.source?.hasHiddenKeys()) return false;
    return this.source.childrenWithHiddenKeys(container) !== undefined || this.source.duplicatesIn(container) !== undefined || this.source.hasProtoKey(container);
  }

  /**
   * A block body against its schema: blocks, dynamic blocks and argument values below it.
   * `extra` gives the role of keys the schema does not describe (meta-arguments handled elsewhere).
   */
  body(body: Record<string, unknown>, block: SchemaBlock, pointer: string, name: string, context: FindingContext = {}, extra?: (key: string) => KeyRole | undefined): void {
    if (!this.hasBelow(body)) return;
    const dynamic = allowsDynamicBlocks(block);
    const role = (key: string): KeyRole => {
      const special = extra?.(key);
      if (special) return special;
      if (key === "//") return "ignore";
      if (key === "dynamic" && dynamic) return "block";
      if (Object.hasOwn(block.block_types ?? {}, key)) return "block";
      // Also an attribute HCL may write as blocks: in JSON Terraform prefers reading it as the attribute.
      if (Object.hasOwn(block.attributes ?? {}, key)) return "argument";
      // An unknown name is reported as such (once, at its last occurrence).
      return "ignore";
    };
    this.resolve(body, pointer, role, name, context);
    if (this.source!.hasProtoKey(body)) {
      this.diagnostics.push({
        severity: "error",
        rule: "unknown-argument",
        file: this.file,
        pointer: joinPointer(pointer, "__proto__"),
        ...(context.address !== undefined ? { address: context.address } : {}),
        ...(context.constructPath !== undefined ? { constructPath: context.constructPath } : {}),
        message: `Unsupported argument "__proto__": ${name} has no argument or block of that name`,
        detail: 'Terraform rejects this with "No argument or block type is named "__proto__"."',
        suggestions: [],
      });
    }
    for (const child of this.source!.childrenWithHiddenKeys(body) ?? []) {
      if (typeof child !== "string" || extra?.(child) !== undefined) continue;
      const value = body[child];
      const at = joinPointer(pointer, child);
      const nested = Object.hasOwn(block.block_types ?? {}, child) ? block.block_types![child]! : undefined;
      const attribute = Object.hasOwn(block.attributes ?? {}, child) ? block.attributes![child]! : undefined;
      if (nested && nested.nesting_mode === "map") this.labelled(value, at, child, (label) => nested.block, context);
      else if (nested) this.blocks(value, at, nested.block, `${name}.${child}`, context);
      else if (child === "dynamic" && dynamic) {
        const types = dynamicBlockTypes(block);
        this.labelled(value, at, "dynamic", (label) => own(types, label), context);
      } else if (attribute) {
        // An attribute HCL may write as blocks is, as a JSON property, the attribute itself (only `dynamic` makes blocks of it).
        this.objectAttributes(value, at, context);
      }
    }
  }

  /** One block or an array of blocks. */
  blocks(value: unknown, pointer: string, block: SchemaBlock, name: string, context: FindingContext): void {
    if (isPlainObject(value)) return this.body(value, block, pointer, name, context);
    if (!Array.isArray(value) || !this.hasBelow(value)) return;
    for (const index of this.source!.childrenWithHiddenKeys(value) ?? []) {
      const element = value[index as number];
      if (isPlainObject(element)) this.body(element, block, joinPointer(pointer, index), name, context);
    }
  }

  /** Labelled blocks (`{"<label>": block | [block…]}`, or an array of such objects). */
  labelled(value: unknown, pointer: string, name: string, blockOf: (label: string) => SchemaBlock | undefined, context: FindingContext): void {
    const objects: [Record<string, unknown>, string][] = isPlainObject(value)
      ? [[value, pointer]]
      : Array.isArray(value) && this.hasBelow(value)
        ? [...(this.source!.childrenWithHiddenKeys(value) ?? [])].flatMap((i) => (isPlainObject(value[i as number]) ? [[value[i as number], joinPointer(pointer, i)] as [Record<string, unknown>, string]] : []))
        : [];
    for (const [labels, at] of objects) {
      // A repeated label is a second block of that label (the checks then report it as a duplicate).
      this.resolve(labels, at, () => "block", name, context);
      for (const label of this.source!.childrenWithHiddenKeys(labels) ?? []) {
        const block = typeof label === "string" ? blockOf(label) : undefined;
        if (block) this.blocks(labels[label as string], joinPointer(at, label), block, `${name}.${String(label)}`, context);
      }
    }
  }

  /** An argument's value: every repeated key anywhere in it is "Duplicate object attribute". */
  objectAttributes(value: unknown, pointer: string, context: FindingContext): void {
    const pending: [unknown, string][] = [[value, pointer]];
    for (let item = pending.pop(); item; item = pending.pop()) {
      const [current, at] = item;
      if (typeof current !== "object" || current === null) continue;
      for (const [key, occurrences] of this.source?.duplicatesIn(current) ?? []) {
        for (const occurrence of occurrences.slice(1)) {
          this.report(joinPointer(at, key), occurrence, context, {
            message: `Duplicate object attribute "${key}": it was already defined at ${this.at(occurrences[0]!)}`,
            detail: `An attribute named "${key}" was already defined at ${this.at(occurrences[0]!)}; Terraform rejects the value ("Duplicate object attribute").`,
          });
        }
      }
      for (const child of this.source?.childrenWithHiddenKeys(current) ?? []) {
        pending.push([(current as Record<string | number, unknown>)[child], joinPointer(at, child)]);
      }
    }
  }

  private at(occurrence: KeyOccurrence): string {
    return `${this.file}:${occurrence.line}:${occurrence.column}`;
  }

  private report(pointer: string, occurrence: KeyOccurrence, context: FindingContext, text: { message: string; detail: string }): void {
    this.diagnostics.push({
      severity: "error",
      rule: "duplicate",
      file: this.file,
      pointer,
      ...(context.address !== undefined ? { address: context.address } : {}),
      ...(context.constructPath !== undefined ? { constructPath: context.constructPath } : {}),
      ...text,
      suggestions: [],
      line: occurrence.line,
      column: occurrence.column,
    });
  }
}
