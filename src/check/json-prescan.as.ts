/**
 * AssemblyScript, compiled to WebAssembly by `npm run build:prescan` (scripts/build-prescan.ts)
 * into json-prescan-wasm.ts; json-prescan.ts runs it. Not part of the TypeScript build.
 *
 * One pass over a JSON text's UTF-8 bytes that answers one question: is it free of everything
 * json-source.ts's scan (json-scan.ts, with its Collector) is there to find: a key twice in an
 * object, a `__proto__` key, a number a double may not hold? Then the checker can take
 * `JSON.parse`'s value as it is. The JavaScript scan costs about 20 ms on a 1,000-resource stack,
 * most of it before V8 has optimised it; this module, compiled in under a millisecond, runs at
 * close to native speed from its first byte.
 *
 * It is only ever sure of a clean text. Anything it does not settle exactly returns UNSURE, and
 * the JavaScript scan does the work as before:
 *   - a key with an escape or a byte above 0x7f (two spellings of one key, or invalid UTF-8 that
 *     decodes to the same U+FFFD);
 *   - two keys of one object with the same 32-bit hash, whether the same key or a collision;
 *   - a number longer than 15 characters or with an exponent (the Collector accepts exactly the
 *     others without a closer look);
 *   - nesting deeper than MAX_DEPTH, or more keys or hash tables than the reserved memory holds;
 *   - text that is not JSON as far as this pass can tell (JSON.parse finds the rest, after the
 *     memory check: a text too big for memory is refused as such, as the JavaScript scan's may be).
 * A clean text also gives the counts the memory check uses: containers, and values other than
 * the root (members and elements), counted as the Collector counts them.
 *
 * Memory (one instance per text, so nothing is kept): the text at `base`, then per depth its
 * container kind, then per depth a frame of the object open there, then the open objects' key
 * hashes (a stack), then their hash tables (allocated as a stack too: an inner object's table is
 * freed when it closes, before its parent adds a key). Bytes up to 16 past the text are readable
 * (the kinds follow it), so 16 bytes are compared at a time.
 */

/** What `scan` returns. */
const CLEAN: i32 = 0;
const UNSURE: i32 = 1;

/** Containers, and values other than the root, of the last clean text. */
export let containers: u32 = 0;
export let values: u32 = 0;

const MAX_DEPTH: usize = 100000;
const MAX_LENGTH: u32 = 0x20000000;
/** An object's frame: its first key's index in the key stack, its table's offset and mask (0: none yet), the table heap's top when it opened. */
const FRAME: usize = 16;
/** Objects with up to this many keys compare hashes one by one; bigger ones get a table. */
const LINEAR_KEYS: u32 = 32;
const OPEN_OBJECT: u8 = 0x7b;
const OPEN_ARRAY: u8 = 0x5b;
const QUOTE: u8 = 0x22;
const BACKSLASH: u8 = 0x5c;

let base: usize = 0;
let end: usize = 0;
let maxDepth: usize = 0;
let kinds: usize = 0;
let frames: usize = 0;
let keys: usize = 0;
let keysEnd: usize = 0;
let heap: usize = 0;
let heapEnd: usize = 0;
let keyTop: usize = 0;
let heapTop: usize = 0;

/** Lays memory out for a text of `length` bytes; returns where to write it, or 0 when memory cannot grow that far. */
export function reserve(length: u32): usize {
  // Beyond this the layout below would not fit 32-bit addresses (and the text is not worth the try).
  if (length > MAX_LENGTH) return 0;
  const n = <usize>length;
  base = (__heap_base + 15) & ~15;
  maxDepth = n + 1 < MAX_DEPTH ? n + 1 : MAX_DEPTH;
  kinds = base + n;
  frames = (kinds + maxDepth + 16 + 15) & ~15;
  keys = frames + maxDepth * FRAME;
  // A key takes at least 4 bytes (`"":0`), so the open objects never hold more than n / 4 + 1.
  keysEnd = keys + ((n >> 2) + 16) * 4;
  heap = keysEnd;
  heapEnd = heap + (n << 1) + 65536;
  const have = (<usize>memory.size()) << 16;
  if (heapEnd > have && memory.grow(<i32>((heapEnd - have + 0xffff) >> 16)) < 0) return 0;
  return base;
}

/** The first byte at or after `i` that is not JSON whitespace (in JSON text, nothing else up to a space occurs outside strings), or `end`. */
// @ts-ignore: decorator
@inline function skipWhitespace(i: usize): usize {
  while (i < end) {
    const mask = i8x16.bitmask(i8x16.gt_u(v128.load(i), i8x16.splat(0x20)));
    if (mask != 0) {
      i += <usize>ctz(mask);
      return i < end ? i : end;
    }
    i += 16;
  }
  return end;
}

/** The first quote or backslash at or after `i`, or `end`. */
// @ts-ignore: decorator
@inline function quoteOrBackslash(i: usize): usize {
  while (i < end) {
    const v = v128.load(i);
    const mask = i8x16.bitmask(v128.or(i8x16.eq(v, i8x16.splat(QUOTE)), i8x16.eq(v, i8x16.splat(BACKSLASH))));
    if (mask != 0) {
      i += <usize>ctz(mask);
      return i < end ? i : end;
    }
    i += 16;
  }
  return end;
}

/**
 * A member of the object open at `depth - 1`, its key's opening quote at `i`: records the key's
 * hash, unless the object has it already. Returns where the value starts, or 0 (UNSURE).
 */
function member(i: usize, depth: usize): usize {
  if (i >= end || load<u8>(i) != QUOTE) return 0;
  let j = i + 1;
  let hash: u32 = 2166136261; // FNV-1a
  while (true) {
    if (j >= end) return 0;
    const b = load<u8>(j);
    if (b == QUOTE) break;
    if (b == BACKSLASH || b >= 0x80) return 0;
    hash = (hash ^ b) * 16777619;
    j++;
  }
  // "__proto__", which JSON.parse makes an own property and zod's object parsing drops.
  if (j - i == 10 && load<u64>(i + 1) == 0x5f6f746f72705f5f && load<u8>(i + 9) == 0x5f) return 0;
  if (hash == 0) hash = 1; // 0 marks an empty slot

  const frame = frames + (depth - 1) * FRAME;
  const keyBase = keys + ((<usize>load<u32>(frame)) << 2);
  let mask = load<u32>(frame, 8);
  if (mask == 0) {
    for (let k = keyBase; k < keyTop; k += 4) if (load<u32>(k) == hash) return 0;
  } else {
    const table = heap + <usize>load<u32>(frame, 4);
    let slot = hash & mask;
    while (true) {
      const entry = load<u32>(table + ((<usize>slot) << 2));
      if (entry == 0) break;
      if (entry == hash) return 0;
      slot = (slot + 1) & mask;
    }
    store<u32>(table + ((<usize>slot) << 2), hash);
  }
  if (keyTop >= keysEnd) return 0;
  store<u32>(keyTop, hash);
  keyTop += 4;
  const count = <u32>((keyTop - keyBase) >> 2);
  if (mask == 0 ? count >= LINEAR_KEYS : count * 2 > mask) {
    // A table four times the keys, at the top of the table heap (the object's earlier table, if
    // any, stays until the object closes).
    let capacity: u32 = 16;
    while (capacity < count * 4) capacity <<= 1;
    const bytes = (<usize>capacity) << 2;
    if (heapTop + bytes > heapEnd) return 0;
    memory.fill(heapTop, 0, bytes);
    mask = capacity - 1;
    for (let k = keyBase; k < keyTop; k += 4) {
      const h = load<u32>(k);
      let slot = h & mask;
      while (load<u32>(heapTop + ((<usize>slot) << 2)) != 0) slot = (slot + 1) & mask;
      store<u32>(heapTop + ((<usize>slot) << 2), h);
    }
    store<u32>(frame, <u32>(heapTop - heap), 4);
    store<u32>(frame, mask, 8);
    heapTop += bytes;
  }
  values++;
  j = skipWhitespace(j + 1);
  if (j >= end || load<u8>(j) != 0x3a /* : */) return 0;
  return skipWhitespace(j + 1);
}

/** Scans the `length` bytes written at `reserve`'s answer: CLEAN or UNSURE. */
export function scan(length: u32): i32 {
  end = base + <usize>length;
  keyTop = keys;
  heapTop = heap;
  containers = 0;
  values = 0;
  let depth: usize = 0;
  let i = skipWhitespace(base);
  while (true) {
    // A value starts at i.
    if (i >= end) return UNSURE;
    let c = load<u8>(i);
    if (c == OPEN_OBJECT || c == OPEN_ARRAY) {
      if (depth >= maxDepth) return UNSURE;
      containers++;
      store<u8>(kinds + depth, c);
      if (c == OPEN_OBJECT) {
        const frame = frames + depth * FRAME;
        store<u32>(frame, <u32>((keyTop - keys) >> 2));
        store<u32>(frame, 0, 4);
        store<u32>(frame, 0, 8);
        store<u32>(frame, <u32>(heapTop - heap), 12);
      }
      depth++;
      i = skipWhitespace(i + 1);
      if (i >= end) return UNSURE;
      if (load<u8>(i) == c + 2 /* } or ] */) {
        i++;
        depth--;
      } else if (c == OPEN_ARRAY) {
        values++;
        continue;
      } else {
        i = member(i, depth);
        if (i == 0) return UNSURE;
        continue;
      }
    } else if (c == QUOTE) {
      let j = quoteOrBackslash(i + 1);
      while (j < end && load<u8>(j) == BACKSLASH) j = quoteOrBackslash(j + 2);
      if (j >= end) return UNSURE;
      i = j + 1;
    } else if (c == 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      let j = i;
      while (j < end) {
        const b = load<u8>(j);
        if ((b >= 0x30 && b <= 0x39) || b == 0x2d || b == 0x2e || b == 0x2b) j++;
        else if ((b | 0x20) == 0x65 /* e, E */) return UNSURE;
        else break;
      }
      if (j - i > 15) return UNSURE;
      i = j;
    } else if (c == 0x74 /* t */ || c == 0x6e /* n */) {
      // true, null, false, spelt right: a misspelt one is left to the scans, which report it as they did.
      if (i + 4 > end || load<u32>(i) != (c == 0x74 ? 0x65757274 : 0x6c6c756e)) return UNSURE;
      i += 4;
    } else if (c == 0x66 /* f */) {
      if (i + 5 > end || load<u32>(i + 1) != 0x65736c61 /* alse */) return UNSURE;
      i += 5;
    } else {
      return UNSURE;
    }
    // After a value: close containers, or go on to the next member or element.
    while (true) {
      i = skipWhitespace(i);
      if (depth == 0) return i == end ? CLEAN : UNSURE;
      if (i >= end) return UNSURE;
      const kind = load<u8>(kinds + depth - 1);
      c = load<u8>(i);
      if (c == 0x2c /* , */) {
        i = skipWhitespace(i + 1);
        if (kind == OPEN_ARRAY) {
          values++;
        } else {
          i = member(i, depth);
          if (i == 0) return UNSURE;
        }
        break;
      }
      if (c != kind + 2) return UNSURE;
      i++;
      depth--;
      if (kind == OPEN_OBJECT) {
        // The object's keys and tables are done with.
        const frame = frames + depth * FRAME;
        keyTop = keys + ((<usize>load<u32>(frame)) << 2);
        heapTop = heap + <usize>load<u32>(frame, 12);
      }
    }
  }
  return UNSURE; // not reached: AssemblyScript asks for a return after the loop
}
