/**
 * A JSON file as written: its value, the duplicate keys in it, and where each JSON pointer is.
 * Parsing is strict JSON, as Terraform reads `*.tf.json`; problems are reported with their line
 * and column.
 *
 * Why not a library: Terraform has no nesting limit (it accepts arrays 10,000 deep and more),
 * reports duplicate keys, and reads numbers with arbitrary precision, and a check must place
 * hundreds of thousands of findings and read a 200 MB file at close to `JSON.parse`'s cost. The
 * position-aware parsers (jsonc-parser, which this module replaced, json-source-map, momoa)
 * descend recursively and build a node per value (about 20× the file in memory); `JSON.parse`
 * is iterative and fast but keeps neither positions, duplicates nor exact numbers. So values
 * come from `JSON.parse`, and an iterative scanner (json-scan.ts) finds duplicates and numbers a
 * double cannot hold in one pass (unless a WebAssembly pre-scan, json-prescan.ts, proves the
 * text has none, as most have), and places findings in a second pass only when there are some,
 * all of them at once (linear in the file plus the findings).
 */
import { nodeV8 } from "../core/builtins.js";
import { ExactNumber, isFaithfulDouble } from "../core/exact-number.js";
import { joinPointer, parsePointer } from "../core/pointer.js";
import { type PrescanCounts, prescanJson } from "./json-prescan.js";
import { JsonScanner, JsonSyntaxError, type ScanVisitor } from "./json-scan.js";

export interface Position {
  /** 1-based, like editors and Terraform. */
  line: number;
  /** 1-based, in UTF-16 code units from the line start. */
  column: number;
}

export class MalformedJsonError extends Error {
  constructor(
    readonly file: string,
    readonly position: Position,
    readonly reason: string,
  ) {
    super(`${file}:${position.line}:${position.column}: malformed JSON: ${reason}`);
  }
}

/** A file this process cannot hold in memory to check. */
export class JsonTooLargeError extends Error {}

/** One occurrence of a key that an object holds more than once. */
export interface KeyOccurrence {
  /** Offset of the key's opening quote, and its line and column. */
  keyOffset: number;
  line: number;
  column: number;
  valueStart: number;
  valueEnd: number;
}

/** After `merge`: which occurrence of a key each element of the merged array came from. */
interface MergedPart {
  keyOffset: number;
  /** Index of the part's first element in the merged array, and how many it brought. */
  base: number;
  count: number;
  /** Whether the occurrence was an array (its elements merged) or one value. */
  array: boolean;
}

export interface Located {
  /** The pointer into the file as written (a merged key's elements point into their own occurrence). */
  pointer: string;
  position: Position;
}

/** A place inside the JSON string at a pointer: an offset into its decoded value; `key` for the property's key rather than its value. */
export interface InString {
  offset: number;
  key: boolean;
}

const BOM_REASON =
  'the file starts with a byte order mark (U+FEFF), which is not JSON: Terraform rejects it ("Invalid start of value"); save the file as UTF-8 without one';

export class JsonSource {
  private readonly duplicates = new WeakMap<object, Map<string, KeyOccurrence[]>>();
  /** Objects with an own `__proto__` key (which zod's object validation drops). */
  private readonly protoKeys = new WeakSet<object>();
  /** For each container on the way to a duplicate or a `__proto__` key: the keys or indices that lead there. */
  private readonly marks = new WeakMap<object, Set<string | number>>();
  private readonly merges = new WeakMap<object, Map<string, MergedPart[]>>();
  private merged = false;
  /** Whether any object has a duplicate or `__proto__` key (most documents have none). */
  private hidden = false;
  private root: unknown;

  private constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /**
   * Parses `text`; throws MalformedJsonError naming the first problem's line and column, and
   * JsonTooLargeError when its values would not fit in this process's memory.
   */
  static parse(file: string, text: string): JsonSource {
    const source = new JsonSource(file, text);
    if (text.charCodeAt(0) === 0xfeff) throw new MalformedJsonError(file, { line: 1, column: 1 }, BOM_REASON);
    source.root = source.parseRange(0, text.length);
    return source;
  }

  /** The document's value, as JSON.parse would give it, but with numbers kept exact (ExactNumber). */
  value(): unknown {
    return this.root;
  }

  /** The keys `container` (an object of this document) holds more than once, each occurrence in order. */
  duplicatesIn(container: object): ReadonlyMap<string, readonly KeyOccurrence[]> | undefined {
    return this.duplicates.get(container);
  }

  /** Whether some object of the document has duplicate keys or a `__proto__` key: when none has, there is nothing to look up per object. */
  hasHiddenKeys(): boolean {
    return this.hidden;
  }

  /** Whether `container` has an own `__proto__` key. */
  hasProtoKey(container: object): boolean {
    return this.protoKeys.has(container);
  }

  /** The keys or indices of `container` under which some object holds duplicate keys or `__proto__`. */
  childrenWithHiddenKeys(container: object): ReadonlySet<string | number> | undefined {
    return this.marks.get(container);
  }

  /**
   * Makes every occurrence of a duplicate key count, as HCL does for blocks: `container[key]`
   * becomes one array of all occurrences' values (an occurrence that is an array gives its
   * elements). Pointers through the merged array are mapped back to each occurrence.
   */
  merge(container: Record<string, unknown>, key: string): unknown[] {
    const occurrences = this.duplicates.get(container)?.get(key);
    if (!occurrences) throw new Error(`no duplicate key "${key}" to merge`);
    const merged: unknown[] = [];
    const parts: MergedPart[] = [];
    const marked = new Set<number>();
    occurrences.forEach((occurrence, i) => {
      const value = i === occurrences.length - 1 ? container[key] : this.parseRange(occurrence.valueStart, occurrence.valueEnd);
      const values = Array.isArray(value) ? value : [value];
      parts.push({ keyOffset: occurrence.keyOffset, base: merged.length, count: values.length, array: Array.isArray(value) });
      for (const element of values) {
        if (typeof element === "object" && element !== null && (this.duplicates.has(element) || this.protoKeys.has(element) || this.marks.has(element))) marked.add(merged.length);
        merged.push(element);
      }
    });
    setOwn(container, key, merged);
    this.duplicates.get(container)!.delete(key);
    if (marked.size > 0) {
      this.marks.set(merged, marked);
      this.mark(container, key);
    }
    let byKey = this.merges.get(container);
    if (!byKey) this.merges.set(container, (byKey = new Map()));
    byKey.set(key, parts);
    this.merged = true;
    return merged;
  }

  /** Where `pointer` is written; see `locate`. */
  position(pointer: string): Position {
    return this.locate([pointer])[0]!.position;
  }

  /**
   * Where each pointer is written, in one pass over the file. For an object property this is its
   * key (where a person looks for a misspelt name); when a pointer leads nowhere (a missing
   * argument), the deepest existing ancestor. With `within[i]`, pointer i is a string and the
   * position is that character of it: the offset into the decoded value is mapped through the
   * string as written (escapes such as `\"` or `\u00e9` take more characters than they stand for).
   */
  locate(pointers: readonly string[], within: readonly (InString | undefined)[] = []): Located[] {
    // A clean file has nothing to place: no second pass over it.
    if (pointers.length === 0) return [];
    const locator = new Locator(this.text);
    const targets = pointers.map((pointer) => {
      const { anchor, path, written } = this.merged ? this.throughMerges(pointer) : { anchor: ROOT, path: parsePointer(pointer), written: pointer };
      return { node: locator.add(anchor, path), written };
    });
    const scanner = new JsonScanner(this.text, { lines: true });
    scanner.run(locator.attach(scanner));
    const inStrings = placeInStrings(this.text, targets.map((t) => t.node), within);
    return targets.map(({ node, written }, i) => ({ pointer: written, position: inStrings.get(i) ?? locator.positionOf(node) }));
  }

  /**
   * A pointer through merged keys (`…/rule/3/…`, the fourth `rule` block of all occurrences)
   * becomes a path from the occurrence it lies in (an anchor: that occurrence's key offset) and
   * the pointer as written (`…/rule/1/…`, the second element of that occurrence).
   */
  private throughMerges(pointer: string): { anchor: number; path: string[]; written: string } {
    const segments = parsePointer(pointer);
    let anchor = ROOT;
    let path: string[] = [];
    const written: string[] = [];
    let current: unknown = this.root;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      written.push(segment);
      path.push(segment);
      if (Array.isArray(current)) {
        current = current[Number(segment)];
        continue;
      }
      if (typeof current !== "object" || current === null || !Object.hasOwn(current, segment)) {
        current = undefined;
        continue;
      }
      const parts = this.merges.get(current)?.get(segment);
      const next = segments[i + 1];
      const merged = (current as Record<string, unknown>)[segment];
      const index = next !== undefined && /^(0|[1-9]\d*)$/.test(next) ? Number(next) : -1;
      const part = parts && index >= 0 ? partHolding(parts, index) : undefined;
      current = merged;
      if (!part) continue;
      anchor = part.keyOffset;
      path = part.array ? [String(index - part.base)] : [];
      written.push(...path);
      current = (merged as unknown[])[index];
      i++;
    }
    return { anchor, path, written: joinPointer("", ...written) };
  }

  /**
   * Parses the text from `start` to `end` (the document, or one occurrence of a duplicate key):
   * the scan first, so that a file too big for memory is refused before JSON.parse builds it.
   */
  private parseRange(start: number, end: number): unknown {
    const whole = start === 0 && end === this.text.length;
    // Most documents have nothing for the scan to find: the pre-scan proves that for the whole
    // text at close to native speed (json-prescan.ts), and the scan runs only when it cannot.
    const clean = whole ? prescanJson(this.text) : undefined;
    let collector: Collector | undefined;
    if (!clean) {
      collector = new Collector(this.text);
      try {
        new JsonScanner(this.text, { start, end }).run(collector);
      } catch (err) {
        if (err instanceof JsonSyntaxError) throw this.syntaxError(err);
        throw err;
      }
    }
    checkMemory(this.file, end - start, clean ?? collector!);
    let value: unknown;
    try {
      value = JSON.parse(whole ? this.text : this.text.slice(start, end));
    } catch (err) {
      throw this.syntaxError(err);
    }
    if (collector) {
      if (collector.rootNumber !== undefined) value = new ExactNumber(collector.rootNumber);
      this.attach(value, collector);
    }
    return value;
  }

  /** The fast scan or JSON.parse rejected the text: the validating scan says where and why, in our words. */
  private syntaxError(parseError: unknown): MalformedJsonError {
    try {
      new JsonScanner(this.text, { validate: true }).run(IGNORE);
    } catch (err) {
      if (err instanceof JsonSyntaxError) return new MalformedJsonError(this.file, this.lineIndex().position(err.offset), err.reason);
      throw err;
    }
    // The scanner accepts all JSON.parse accepts and no more (the fuzz tests hold it to that).
    return new MalformedJsonError(this.file, { line: 1, column: 1 }, parseError instanceof Error ? parseError.message : String(parseError));
  }

  /** Records what the scan found on the values JSON.parse made of it. */
  private attach(root: unknown, collector: Collector): void {
    if (collector.duplicates.length > 0 || collector.protoKeys.length > 0) this.hidden = true;
    const resolve = (frame: Frame): object | null => resolveFrame(frame, root, this.text);
    for (const { frame, member, text } of collector.numbers) {
      const container = resolve(frame);
      if (!container) continue;
      if (frame.array) (container as unknown[])[member] = new ExactNumber(text);
      else if (isLastOccurrence(frame, member, this.text)) setOwn(container, frame.keyAt(member, this.text), new ExactNumber(text));
    }
    for (const { frame, duplicates } of collector.duplicates) {
      const container = resolve(frame);
      if (!container) continue;
      for (const occurrences of duplicates.values()) {
        for (const occurrence of occurrences) Object.assign(occurrence, this.lineIndex().position(occurrence.keyOffset));
      }
      this.duplicates.set(container, duplicates);
      this.markAncestors(frame);
    }
    for (const frame of collector.protoKeys) {
      const container = resolve(frame);
      if (!container) continue;
      this.protoKeys.add(container);
      this.markAncestors(frame);
    }
  }

  /** Marks the way from the root to a resolved frame's container. */
  private markAncestors(frame: Frame): void {
    for (let child = frame; child.parent; child = child.parent) {
      const parent = child.parent.resolved as object;
      const via = child.parent.array ? child.via : child.parent.keyAt(child.via, this.text);
      if (!this.mark(parent, via)) break;
    }
  }

  private lines: LineIndex | undefined;

  /** Line starts, computed once and only for files whose messages cite positions (duplicate keys, a syntax error). */
  private lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.text));
  }

  /** Marks `via` as leading to duplicates below `container`; false when it already was. */
  private mark(container: object, via: string | number): boolean {
    let set = this.marks.get(container);
    if (!set) this.marks.set(container, (set = new Set()));
    if (set.has(via)) return false;
    set.add(via);
    return true;
  }
}

/** The part a merged array's element came from (parts are in order: a binary search). */
function partHolding(parts: readonly MergedPart[], index: number): MergedPart | undefined {
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (parts[mid]!.base <= index) lo = mid;
    else hi = mid - 1;
  }
  const part = parts[lo];
  return part && index >= part.base && index < part.base + part.count ? part : undefined;
}

/** `object[key] = value` for keys from the file: `__proto__` too is a plain own property, as JSON.parse makes it. */
function setOwn(object: object, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Scan state of one open container; frames are reused unless a finding holds on to them. */
class Frame {
  parent: Frame | null = null;
  array = false;
  /** The member (object parent) or element index (array parent) this container is the value of. */
  via = -1;
  members = 0;
  keyStarts: number[] = [];
  keyEnds: number[] = [];
  escaped: boolean[] = [];
  valueStarts: number[] = [];
  valueEnds: number[] = [];
  /**
   * Buckets of this object's keys so far, one bit each (see Collector.key): a key in an empty
   * bucket repeats none. Unused once a key has escapes, whose text is not the key.
   */
  buckets = 0;
  escapedKeys = false;
  /** Key → first member, once an object has too many members to compare keys one by one. */
  index: Map<string, number> | null = null;
  /** Key → every member with that key, for keys given more than once. */
  repeated: Map<string, number[]> | null = null;
  /** Whether the object has a `__proto__` key. */
  proto = false;
  pinned = false;
  resolved: object | null | undefined = undefined;

  reset(parent: Frame | null, array: boolean, via: number): void {
    this.parent = parent;
    this.array = array;
    this.via = via;
    this.members = 0;
    this.buckets = 0;
    this.escapedKeys = false;
    this.index = null;
    this.repeated = null;
    this.proto = false;
    this.pinned = false;
    this.resolved = undefined;
  }

  keyAt(member: number, text: string): string {
    const start = this.keyStarts[member]!;
    const end = this.keyEnds[member]!;
    return this.escaped[member] ? (JSON.parse(text.slice(start, end)) as string) : text.slice(start + 1, end - 1);
  }
}

/** Objects with up to this many members find a repeated key by comparing keys one by one… */
const SMALL_OBJECT = 8;
/** …or, while no key has escapes, this many, and a key only when its bucket is taken (Frame.buckets). */
const BUCKETED_OBJECT = 32;

/** The parse pass: duplicate keys, numbers a double cannot hold, and how many values there are. */
class Collector implements ScanVisitor {
  readonly duplicates: { frame: Frame; duplicates: Map<string, KeyOccurrence[]> }[] = [];
  readonly numbers: { frame: Frame; member: number; text: string }[] = [];
  /** Objects with a `__proto__` key. */
  readonly protoKeys: Frame[] = [];
  rootNumber: string | undefined;
  containers = 0;
  /** Members and elements: every value but the root. */
  values = 0;
  private readonly frames: (Frame | undefined)[] = [];
  private depth = 0;
  private current: Frame | null = null;

  constructor(private readonly text: string) {}

  open(array: boolean, _offset: number): void {
    const parent = this.current;
    let frame = this.frames[this.depth];
    if (!frame) this.frames[this.depth] = frame = new Frame();
    frame.reset(parent, array, parent ? parent.members - 1 : -1);
    this.depth++;
    this.current = frame;
    this.containers++;
  }

  close(_end: number): void {
    const frame = this.current!;
    if (frame.repeated) {
      const duplicates = new Map<string, KeyOccurrence[]>();
      for (const [key, members] of frame.repeated) {
        duplicates.set(
          key,
          // Lines and columns are filled in once the value is known to be in the document.
          members.map((m) => ({ keyOffset: frame.keyStarts[m]!, line: 0, column: 0, valueStart: frame.valueStarts[m]!, valueEnd: frame.valueEnds[m]! })),
        );
      }
      this.duplicates.push({ frame, duplicates });
      this.pin(frame);
    }
    this.depth--;
    if (frame.pinned) this.frames[this.depth] = undefined;
    this.current = frame.parent;
  }

  key(start: number, end: number, escaped: boolean, valueStart: number): void {
    const frame = this.current!;
    const m = frame.members++;
    this.values++;
    frame.keyStarts[m] = start;
    frame.keyEnds[m] = end;
    frame.escaped[m] = escaped;
    frame.valueStarts[m] = valueStart;
    if ((end - start === 11 || escaped) && !frame.proto && frame.keyAt(m, this.text) === "__proto__") {
      frame.proto = true;
      this.protoKeys.push(frame);
      this.pin(frame);
    }
    if (escaped) frame.escapedKeys = true;
    if (m < (frame.escapedKeys ? SMALL_OBJECT : BUCKETED_OBJECT)) {
      if (!frame.escapedKeys) {
        // Most keys are in a bucket (by length, first and last character) no earlier key is in,
        // and so are compared with none.
        const bit = 1 << ((end - start + 5 * this.text.charCodeAt(start + 1) + this.text.charCodeAt(end - 2)) & 31);
        const taken = (frame.buckets & bit) !== 0;
        frame.buckets |= bit;
        if (!taken) return;
      }
      for (let k = 0; k < m; k++) {
        if (this.sameKey(frame, k, m)) return this.repeat(frame, k, m);
      }
      return;
    }
    if (!frame.index) {
      frame.index = new Map();
      for (let k = 0; k < m; k++) {
        const key = frame.keyAt(k, this.text);
        if (!frame.index.has(key)) frame.index.set(key, k);
      }
    }
    const key = frame.keyAt(m, this.text);
    const first = frame.index.get(key);
    if (first === undefined) frame.index.set(key, m);
    else this.repeat(frame, first, m);
  }

  element(index: number, _offset: number): void {
    if (index < 0) return;
    this.current!.members = index + 1;
    this.values++;
  }

  valueEnd(end: number): void {
    const frame = this.current!;
    frame.valueEnds[frame.members - 1] = end;
  }

  number(start: number, end: number): void {
    // Short numbers without an exponent always fit a double; only the rest are looked at closely.
    if (end - start <= 15) {
      let plain = true;
      for (let i = start; i < end && plain; i++) plain = (this.text.charCodeAt(i) | 0x20) !== 0x65;
      if (plain) return;
    }
    const text = this.text.slice(start, end);
    if (isFaithfulDouble(text)) return;
    const frame = this.current;
    if (!frame) this.rootNumber = text;
    else {
      this.numbers.push({ frame, member: frame.members - 1, text });
      this.pin(frame);
    }
  }

  private repeat(frame: Frame, first: number, member: number): void {
    if (!frame.repeated) frame.repeated = new Map();
    const key = frame.keyAt(first, this.text);
    const members = frame.repeated.get(key);
    if (members) members.push(member);
    else frame.repeated.set(key, [first, member]);
  }

  private sameKey(frame: Frame, a: number, b: number): boolean {
    if (frame.escaped[a] || frame.escaped[b]) return frame.keyAt(a, this.text) === frame.keyAt(b, this.text);
    const startA = frame.keyStarts[a]!;
    const startB = frame.keyStarts[b]!;
    const length = frame.keyEnds[a]! - startA;
    if (frame.keyEnds[b]! - startB !== length) return false;
    const text = this.text;
    for (let i = 1; i < length - 1; i++) if (text.charCodeAt(startA + i) !== text.charCodeAt(startB + i)) return false;
    return true;
  }

  /** Keeps `frame` and its ancestors from being reused: a finding refers to them. */
  private pin(frame: Frame | null): void {
    for (let f = frame; f && !f.pinned; f = f.parent) f.pinned = true;
  }
}

/** The value a frame scanned, within `root`; null when it is an earlier occurrence of a repeated key. */
function resolveFrame(frame: Frame, root: unknown, text: string): object | null {
  const chain: Frame[] = [];
  for (let f: Frame | null = frame; f && f.resolved === undefined; f = f.parent) chain.push(f);
  for (let i = chain.length - 1; i >= 0; i--) {
    const f = chain[i]!;
    const parent = f.parent;
    if (!parent) f.resolved = root as object;
    else if (!parent.resolved) f.resolved = null;
    else if (parent.array) f.resolved = (parent.resolved as unknown[])[f.via] as object;
    else f.resolved = isLastOccurrence(parent, f.via, text) ? ((parent.resolved as Record<string, unknown>)[parent.keyAt(f.via, text)] as object) : null;
  }
  return frame.resolved ?? null;
}

/** Whether `member` of an object frame is the occurrence of its key that JSON.parse kept (the last). */
function isLastOccurrence(frame: Frame, member: number, text: string): boolean {
  if (!frame.repeated) return true;
  const members = frame.repeated.get(frame.keyAt(member, text));
  return !members || members[members.length - 1] === member;
}

/**
 * JSON.parse needs at most about this much heap for what the scan counted (measured on Node 20:
 * `[]` in an array 43 bytes, `{"a":1}` 48, a number 12, a string a little more than its
 * length); a file that needs more than the heap has left (with a fifth kept for the check
 * itself) is refused up front instead of ending in V8's out-of-memory crash.
 */
function checkMemory(file: string, bytes: number, counts: PrescanCounts): void {
  const needed = counts.containers * 40 + counts.values * 12 + bytes;
  // Under 16 MB, far below what any heap Node runs with has free: not worth loading node:v8 to ask.
  if (needed < 16e6) return;
  const heap = nodeV8().getHeapStatistics();
  const available = heap.heap_size_limit - heap.used_heap_size;
  if (needed > available * 0.8) {
    const mb = (n: number) => `${Math.ceil(n / 1e6)} MB`;
    throw new JsonTooLargeError(
      `${file}: too large to check: its ${counts.values + 1} values need about ${mb(needed)} of memory, ` +
        `${mb(available)} are available (raise it with NODE_OPTIONS=--max-old-space-size=<MB>)`,
    );
  }
}

const ROOT = -1;

const IGNORE: ScanVisitor = { open() {}, close() {}, key() {}, element() {}, valueEnd() {}, number() {} };

/** Offsets where lines start, to turn any offset into a line and column. */
class LineIndex {
  private starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
    // A lone carriage return ends a line too (rare: scan for it only if there is one).
    if (text.includes("\r")) {
      this.starts = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/** A step of the pointers being located: a key or index below its parent, found or not. */
class PathNode {
  children: Map<string, PathNode> | null = null;
  line = 0;
  column = 0;
  /** Where the property's key (or the element) starts, and where its value starts, each with the start of its line. */
  keyOffset = -1;
  keyLineStart = 0;
  valueOffset = -1;
  valueLine = 0;
  valueLineStart = 0;
  constructor(readonly parent: PathNode | null) {}

  child(segment: string): PathNode {
    if (!this.children) this.children = new Map();
    let node = this.children.get(segment);
    if (!node) this.children.set(segment, (node = new PathNode(this)));
    return node;
  }
}

type Tracked = PathNode | PathNode[] | null;

/** The position pass: follows the pointers' paths through the text and records where each step is. */
class Locator implements ScanVisitor {
  private readonly roots = new Map<number, PathNode>();
  private readonly tracked: Tracked[] = [];
  private depth = 0;
  private next: Tracked = null;
  private scanner: JsonScanner | null = null;

  constructor(private readonly text: string) {}

  /** The node for `path` below `anchor` (the root, or the key offset of one occurrence of a key). */
  add(anchor: number, path: readonly string[]): PathNode {
    let node = this.roots.get(anchor);
    if (!node) this.roots.set(anchor, (node = new PathNode(null)));
    for (const segment of path) node = node.child(segment);
    return node;
  }

  positionOf(node: PathNode): Position {
    let found: PathNode | null = node;
    while (found && found.line === 0) found = found.parent;
    return found ? { line: found.line, column: found.column } : { line: 1, column: 1 };
  }

  open(_array: boolean, _offset: number): void {
    this.tracked[++this.depth] = this.next;
    this.next = null;
  }

  close(_end: number): void {
    this.tracked[this.depth--] = null;
  }

  key(start: number, end: number, escaped: boolean, valueStart: number): void {
    const parent = this.tracked[this.depth];
    const anchored = this.roots.size > 1 || !this.roots.has(ROOT) ? this.roots.get(start) : undefined;
    let found: Tracked = null;
    if (parent) {
      const key = escaped ? (JSON.parse(this.text.slice(start, end)) as string) : this.text.slice(start + 1, end - 1);
      found = childOf(parent, key);
    }
    if (anchored) found = found === null ? anchored : [...(Array.isArray(found) ? found : [found]), anchored];
    // The scanner is past the colon by now (maybe on a later line), at the value: place the key by its own line.
    const scanner = this.scanner!;
    this.record(found, start, scanner.keyLine, scanner.keyLineStart, valueStart, scanner.line, scanner.lineStart);
  }

  element(index: number, offset: number): void {
    const scanner = this.scanner!;
    if (index < 0) return this.record(this.roots.get(ROOT) ?? null, offset, scanner.line, scanner.lineStart, offset, scanner.line, scanner.lineStart);
    const parent = this.tracked[this.depth];
    this.record(parent ? childOf(parent, String(index)) : null, offset, scanner.line, scanner.lineStart, offset, scanner.line, scanner.lineStart);
  }

  valueEnd(): void {}

  number(): void {}

  /** Where the current key or element is, for every node that follows it; they track its value next. */
  private record(found: Tracked, offset: number, line: number, lineStart: number, valueOffset: number, valueLine: number, valueLineStart: number): void {
    this.next = found;
    if (!found) return;
    for (const node of Array.isArray(found) ? found : [found]) {
      node.line = line;
      node.column = offset - lineStart + 1;
      node.keyOffset = offset;
      node.keyLineStart = lineStart;
      node.valueOffset = valueOffset;
      node.valueLine = valueLine;
      node.valueLineStart = valueLineStart;
    }
  }

  attach(scanner: JsonScanner): this {
    this.scanner = scanner;
    return this;
  }
}

function childOf(tracked: PathNode | PathNode[], segment: string): Tracked {
  if (!Array.isArray(tracked)) return tracked.children?.get(segment) ?? null;
  const found = tracked.map((node) => node.children?.get(segment)).filter((n): n is PathNode => n !== undefined);
  return found.length === 0 ? null : found.length === 1 ? found[0]! : found;
}

/**
 * Positions inside strings, for the targets that ask for one (`within`), by target index. The
 * offsets asked of one string are sorted and its text walked once: linear in the strings' lengths
 * plus the targets, however many findings one string has. A target whose pointer did not lead to
 * a string keeps the pointer's own position.
 */
function placeInStrings(text: string, nodes: readonly PathNode[], within: readonly (InString | undefined)[]): Map<number, Position> {
  const positions = new Map<number, Position>();
  const byString = new Map<number, { start: number; line: number; lineStart: number; wanted: { offset: number; target: number }[] }>();
  within.forEach((place, target) => {
    const node = nodes[target]!;
    if (!place || node.line === 0) return;
    const start = place.key ? node.keyOffset : node.valueOffset;
    if (start < 0 || text.charCodeAt(start) !== 0x22) return;
    let entry = byString.get(start);
    if (!entry) byString.set(start, (entry = { start, line: place.key ? node.line : node.valueLine, lineStart: place.key ? node.keyLineStart : node.valueLineStart, wanted: [] }));
    entry.wanted.push({ offset: place.offset, target });
  });
  for (const { start, line, lineStart, wanted } of byString.values()) {
    wanted.sort((a, b) => a.offset - b.offset);
    // Raw index and decoded offset, advanced together; JSON strings hold no line breaks.
    let raw = start + 1;
    let decoded = 0;
    for (const { offset, target } of wanted) {
      while (decoded < offset && raw < text.length && text.charCodeAt(raw) !== 0x22) {
        raw += text.charCodeAt(raw) !== 0x5c ? 1 : text.charCodeAt(raw + 1) === 0x75 ? 6 : 2;
        decoded++;
      }
      positions.set(target, { line, column: raw - lineStart + 1 });
    }
  }
  return positions;
}
