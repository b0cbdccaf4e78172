/** RFC 6901 JSON Pointers: the one way every diagnostic names a place in a file. */

export type PathSegment = string | number;

function escapeSegment(segment: PathSegment): string {
  if (typeof segment !== "string") return String(segment);
  // Names rarely hold `~` or `/`: a pointer is made per resource and per expression.
  return segment.includes("~") || segment.includes("/") ? segment.replace(/~/g, "~0").replace(/\//g, "~1") : segment;
}

/** `joinPointer("/resource", "aws_x", 0)` → `/resource/aws_x/0`. */
export function joinPointer(base: string, ...segments: readonly PathSegment[]): string {
  let pointer = base;
  for (const segment of segments) pointer += "/" + escapeSegment(segment);
  return pointer;
}

/** `/a~1b/0` → `["a/b", "0"]`; the empty pointer is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`"${pointer}" is not a JSON pointer`);
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
