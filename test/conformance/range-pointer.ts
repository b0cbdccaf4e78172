/**
 * Terraform reports a JSON diagnostic's place as a byte range in the file; the checker as a JSON
 * Pointer. This maps a range's start to the pointer of the innermost value there (a property
 * name counts as its value), so both sides can be compared.
 */
import { type Node, findNodeAtOffset, getNodePath, parseTree } from "jsonc-parser";
import { joinPointer } from "../../src/core/pointer.js";

export class PointerMap {
  private readonly root: Node | undefined;
  private readonly bytes: Buffer;

  constructor(text: string) {
    this.root = parseTree(text, [], { disallowComments: true });
    this.bytes = Buffer.from(text, "utf8");
  }

  /** `byte` is Terraform's 0-based UTF-8 offset; jsonc-parser counts UTF-16 code units. */
  pointerAt(byte: number): string {
    if (!this.root) return "";
    const offset = this.bytes.subarray(0, byte).toString("utf8").length;
    const node = findNodeAtOffset(this.root, offset, false) ?? this.root;
    return joinPointer("", ...getNodePath(node));
  }
}
