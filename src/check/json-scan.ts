/**
 * A JSON scanner that walks a text iteratively, with an explicit stack, so nesting depth is
 * limited by memory alone, as it is for Terraform. It builds no values: it tells a visitor where
 * keys, elements, containers and numbers are, and can track the line so a visitor can place what
 * it sees. Two modes: validating (strict RFC 8259, as Terraform reads `*.tf.json`: no comments,
 * no trailing commas; the first problem stops it with its offset and a reason), to explain text
 * that is not JSON, and fast, which skips strings and whitespace with native searches and leaves
 * the fine print (escapes, control characters, number syntax) to `JSON.parse` (on text that is
 * not JSON it may stop with an error or miss the problem, but it always ends). See
 * json-source.ts for why this is not a library.
 */

export interface ScanVisitor {
  /** A container opens at `offset` (its `{` or `[`). */
  open(array: boolean, offset: number): void;
  /** The innermost open container closes; `end` is just past its `}` or `]`. */
  close(end: number): void;
  /**
   * An object member: its key from `start` (the opening quote) to `end` (past the closing one),
   * `escaped` when the key holds escape sequences; its value starts at `valueStart`.
   */
  key(start: number, end: number, escaped: boolean, valueStart: number): void;
  /** An array element (`index` ≥ 0), or the document's root value (`index` -1), starts at `offset`. */
  element(index: number, offset: number): void;
  /** The current object member's value ended just before `end`. */
  valueEnd(end: number): void;
  /** A number from `start` to `end`. */
  number(start: number, end: number): void;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const OBJECT = 0;
const ARRAY = 1;

export interface ScanOptions {
  /** Check every rule of JSON; otherwise the text is taken to be JSON (JSON.parse checks it). */
  validate?: boolean;
  /** Keep `line` and `lineStart` current. */
  lines?: boolean;
  /** Scan only from `start` to `end` (one value inside the text). */
  start?: number;
  end?: number;
}

export class JsonScanner {
  /** With `lines`: the 1-based line of the scan position, and the offset at which that line starts. */
  line = 1;
  lineStart = 0;
  private readonly start: number;
  private readonly end: number;
  private readonly validate: boolean;
  private readonly lines: boolean;

  constructor(
    private readonly text: string,
    options: ScanOptions = {},
  ) {
    this.start = options.start ?? 0;
    this.end = options.end ?? text.length;
    this.validate = options.validate ?? false;
    this.lines = options.lines ?? false;
  }

  /** Scans the whole range as one JSON document; throws JsonSyntaxError at the first problem. */
  run(visitor: ScanVisitor): void {
    const text = this.text;
    const end = this.end;
    const kinds: number[] = [];
    const counts: number[] = [];
    let depth = 0;
    let i = this.whitespace(this.start);
    visitor.element(-1, i);
    for (;;) {
      // A value starts at i.
      if (i >= end) throw new JsonSyntaxError(i, "expected a value");
      let c = text.charCodeAt(i);
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        const array = c === 0x5b;
        visitor.open(array, i);
        kinds[depth] = array ? ARRAY : OBJECT;
        counts[depth] = 0;
        depth++;
        i = this.whitespace(i + 1);
        if (i < end && text.charCodeAt(i) === (array ? 0x5d : 0x7d)) {
          i++;
          depth--;
          visitor.close(i);
        } else {
          if (array) visitor.element(counts[depth - 1]!++, i);
          else i = this.member(i, visitor);
          continue;
        }
      } else if (c === 0x22 /* " */) {
        i = this.string(i);
      } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
        const start = i;
        i = this.number(i);
        visitor.number(start, i);
      } else if (c === 0x74 /* t */) {
        i = this.literal(i, "true");
      } else if (c === 0x66 /* f */) {
        i = this.literal(i, "false");
      } else if (c === 0x6e /* n */) {
        i = this.literal(i, "null");
      } else {
        throw new JsonSyntaxError(i, c === 0x2f ? COMMENTS : c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a ? "expected a value" : "unexpected character");
      }
      // After a value: close containers, or go on to the next member or element.
      for (;;) {
        if (depth === 0) {
          i = this.whitespace(i);
          if (i < end) throw new JsonSyntaxError(i, "unexpected content after the end of the document");
          return;
        }
        const kind = kinds[depth - 1];
        if (kind === OBJECT) visitor.valueEnd(i);
        i = this.whitespace(i);
        if (i >= end) throw new JsonSyntaxError(i, kind === OBJECT ? "expected '}'" : "expected ']'");
        c = text.charCodeAt(i);
        if (c === 0x2c /* , */) {
          i = this.whitespace(i + 1);
          if (kind === OBJECT) i = this.member(i, visitor);
          else visitor.element(counts[depth - 1]!++, i);
          break;
        }
        if (c === (kind === OBJECT ? 0x7d : 0x5d)) {
          i++;
          depth--;
          visitor.close(i);
          continue;
        }
        throw new JsonSyntaxError(i, c === 0x2f ? COMMENTS : "expected ',' or the end of the object or array");
      }
    }
  }

  /** With `lines`: the line of the last key, and the offset at which that line starts. */
  keyLine = 1;
  keyLineStart = 0;

  /** A member's key and colon at `i`; returns where its value starts. */
  private member(i: number, visitor: ScanVisitor): number {
    this.keyLine = this.line;
    this.keyLineStart = this.lineStart;
    const c = i < this.end ? this.text.charCodeAt(i) : -1;
    if (c !== 0x22) throw new JsonSyntaxError(i, c === 0x2f ? COMMENTS : "expected a property name in double quotes");
    const end = this.string(i);
    const escaped = this.escaped;
    const colon = this.whitespace(end);
    if (colon >= this.end || this.text.charCodeAt(colon) !== 0x3a) throw new JsonSyntaxError(colon, "expected ':'");
    const valueStart = this.whitespace(colon + 1);
    visitor.key(i, end, escaped, valueStart);
    return valueStart;
  }

  /** Whether the last string scanned held escape sequences. */
  private escaped = false;

  /** Offset of the next backslash at or after the scan position (fast mode), or Infinity. */
  private nextBackslash = -1;

  /** A string at `i` (its opening quote); returns the offset past its closing quote. */
  private string(i: number): number {
    if (!this.validate) return this.knownString(i);
    const text = this.text;
    const end = this.end;
    let escaped = false;
    let j = i + 1;
    for (;;) {
      if (j >= end) throw new JsonSyntaxError(i, "unterminated string");
      const c = text.charCodeAt(j);
      if (c === 0x22) break;
      if (c === 0x5c /* \ */) {
        escaped = true;
        const e = j + 1 < end ? text.charCodeAt(j + 1) : -1;
        if (e === 0x75 /* u */) {
          for (let k = j + 2; k < j + 6; k++) {
            if (k >= end || !isHexDigit(text.charCodeAt(k))) throw new JsonSyntaxError(j, "invalid unicode escape");
          }
          j += 6;
        } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
          j += 2;
        } else {
          throw new JsonSyntaxError(j, "invalid escape character");
        }
        continue;
      }
      if (c < 0x20) throw new JsonSyntaxError(c === 0x0a || c === 0x0d ? i : j, c === 0x0a || c === 0x0d ? "unterminated string" : "invalid character in string");
      j++;
    }
    this.escaped = escaped;
    return j + 1;
  }

  /**
   * A string in text known to be JSON: the next quote ends it unless escapes come first. The
   * next backslash is searched once and remembered, so the whole scan stays linear.
   */
  private knownString(i: number): number {
    const text = this.text;
    let close = text.indexOf('"', i + 1);
    if (close < 0 || close >= this.end) throw new JsonSyntaxError(i, "unterminated string");
    if (this.nextBackslash < i) this.nextBackslash = indexOrInfinity(text.indexOf("\\", i));
    if (this.nextBackslash > close) {
      this.escaped = false;
      return close + 1;
    }
    this.escaped = true;
    let backslash = this.nextBackslash;
    for (;;) {
      const after = backslash + (text.charCodeAt(backslash + 1) === 0x75 /* u */ ? 6 : 2);
      close = text.indexOf('"', after);
      if (close < 0 || close >= this.end) throw new JsonSyntaxError(i, "unterminated string");
      backslash = indexOrInfinity(text.indexOf("\\", after));
      if (backslash > close) {
        this.nextBackslash = backslash;
        return close + 1;
      }
    }
  }

  /** A number at `i`; returns the offset past it. */
  private number(i: number): number {
    const text = this.text;
    let j = i;
    if (!this.validate) {
      while (j < this.end && isNumberContinuation(text.charCodeAt(j))) j++;
      return j;
    }
    if (text.charCodeAt(j) === 0x2d) j++;
    const first = text.charCodeAt(j);
    if (first === 0x30) j++;
    else if (first >= 0x31 && first <= 0x39) j = this.digits(j);
    else throw new JsonSyntaxError(i, "invalid number");
    if (text.charCodeAt(j) === 0x2e /* . */) {
      const fraction = this.digits(j + 1);
      if (fraction === j + 1) throw new JsonSyntaxError(i, "invalid number");
      j = fraction;
    }
    const e = text.charCodeAt(j);
    if (e === 0x65 || e === 0x45) {
      j++;
      const sign = text.charCodeAt(j);
      if (sign === 0x2b || sign === 0x2d) j++;
      const exponent = this.digits(j);
      if (exponent === j) throw new JsonSyntaxError(i, "invalid number");
      j = exponent;
    }
    // `01`, `1.`, `1x`: a number runs into something that cannot follow it.
    if (j < this.end && isNumberContinuation(text.charCodeAt(j))) throw new JsonSyntaxError(i, "invalid number");
    return j;
  }

  private digits(i: number): number {
    const text = this.text;
    while (i < this.end) {
      const c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      i++;
    }
    return i;
  }

  private literal(i: number, word: string): number {
    const end = i + word.length;
    if (!this.validate) return end;
    if (end > this.end || !this.text.startsWith(word, i) || (end < this.end && isNumberContinuation(this.text.charCodeAt(end)))) {
      throw new JsonSyntaxError(i, "unexpected character");
    }
    return end;
  }

  /** Skips JSON whitespace from `i`, counting lines (`\n`, `\r\n` and a lone `\r` end one) with `lines`. */
  private whitespace(i: number): number {
    const text = this.text;
    const end = this.end;
    // In text known to be JSON, every character up to a space outside strings is whitespace.
    if (!this.validate && !this.lines) {
      while (i < end && text.charCodeAt(i) <= 0x20) i++;
      return i;
    }
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09) continue;
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
        this.line++;
        this.lineStart = i + 1;
        continue;
      }
      if (c !== 0x0d) break;
    }
    return i;
  }
}

const COMMENTS = "comments are not allowed in JSON";

const indexOrInfinity = (index: number) => (index < 0 ? Infinity : index);

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Letters, digits, `.`, `+`, `-`, `_`: what would make a number or keyword token longer. */
function isNumberContinuation(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x5f;
}
