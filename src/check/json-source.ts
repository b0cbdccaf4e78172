/**
 * A JSON file as written: its value plus a position-aware tree, so every JSON pointer a
 * diagnostic carries can be turned into a line and column (the pretty, SARIF and GitHub
 * reporters all need that). Parsing is strict JSON, as Terraform reads `*.tf.json`: comments
 * and trailing commas are errors, reported with their line and column.
 */
import { type Node, type ParseError, getNodeValue, parseTree, printParseErrorCode } from "jsonc-parser";
import { parsePointer } from "../core/pointer.js";

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

const REASONS: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':'",
  CommaExpected: "expected ',' or the end of the object or array",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: "unexpected content after the end of the document",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string",
};

export class JsonSource {
  private constructor(
    readonly file: string,
    readonly text: string,
    private readonly tree: Node,
    private readonly lineStarts: number[],
  ) {}

  /** Parses `text`; throws MalformedJsonError naming the first problem's line and column. */
  static parse(file: string, written: string): JsonSource {
    // A byte order mark is not JSON; editors hide it, so it becomes a space and columns stay put.
    const text = written.charCodeAt(0) === 0xfeff ? " " + written.slice(1) : written;
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const lineStarts = computeLineStarts(text);
    const first = errors[0];
    if (first !== undefined || tree === undefined) {
      const offset = first?.offset ?? 0;
      const reason = first ? (REASONS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error)) : "empty document";
      throw new MalformedJsonError(file, positionAt(lineStarts, offset), reason);
    }
    return new JsonSource(file, text, tree, lineStarts);
  }

  /** The document's value, as JSON.parse would give it. */
  value(): unknown {
    return getNodeValue(this.tree);
  }

  /**
   * Where `pointer` is written. For an object property this is its key (where a person looks
   * for a misspelt name); when the pointer leads nowhere (a missing argument), the deepest
   * existing ancestor.
   */
  position(pointer: string): Position {
    let node = this.tree;
    for (const segment of parsePointer(pointer)) {
      const child = childOf(node, segment);
      if (child === undefined) break;
      node = child;
    }
    const key = node.parent?.type === "property" ? node.parent.children?.[0] : undefined;
    return positionAt(this.lineStarts, (key ?? node).offset);
  }
}

function childOf(node: Node, segment: string): Node | undefined {
  if (node.type === "array") {
    return /^(0|[1-9]\d*)$/.test(segment) ? node.children?.[Number(segment)] : undefined;
  }
  if (node.type !== "object") return undefined;
  // Duplicate keys: JSON.parse (and getNodeValue) keep the last one, so do we.
  const properties = node.children ?? [];
  for (let i = properties.length - 1; i >= 0; i--) {
    if (properties[i]!.children?.[0]?.value === segment) return properties[i]!.children?.[1];
  }
  return undefined;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function positionAt(lineStarts: number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}
