/**
 * HCL's native-syntax parser for expressions and templates, following hclsyntax's recursive
 * descent step by step: the same precedence (`||` < `&&` < `==` `!=` < `<` `<=` `>` `>=` <
 * `+` `-` < `*` `/` `%` < unary), the same places where newlines count, the same recovery after
 * an error (so that later errors are the ones HCL reports too) and the same diagnostics, word
 * for word, since Terraform prints HCL's. Terraform 1.11.4 judges this in
 * test/hcl/terraform-agreement.test.ts.
 *
 * Why not HashiCorp's own parser (`getExpressionAst` of @cdktf/hcl2json, HCL compiled to wasm)?
 * It parses native HCL, where a string is a quoted template with backslash escapes, not the
 * already-decoded template a JSON string holds, so `\`, `"` and newlines in JSON strings would be
 * read wrongly; it is asynchronous; and it costs ~0.4 s to load and ~0.5–2 ms per expression
 * (measured here), more than a whole check of a 100-resource stack may take.
 */
import type {
  BinaryOperator,
  Expression,
  ForExpression,
  HclDiagnostic,
  LiteralValue,
  ObjectItem,
  Range,
  TraversalRoot,
  TraversalStep,
} from "./ast.js";
import { type Token, type TokenType, HeredocUnsupported, lexicalDiagnostics, scan } from "./lexer.js";

export interface ParseResult {
  expression: Expression;
  /** Empty when the text parsed; otherwise in the order HCL reports them. */
  diagnostics: HclDiagnostic[];
  /** Set when the text uses syntax this parser does not read (a heredoc): nothing is known about it. */
  unsupported?: string;
}

export interface TraversalResult {
  traversal: { root: TraversalRoot; steps: TraversalStep[] } | undefined;
  diagnostics: HclDiagnostic[];
}

/** A JSON string as Terraform reads an argument: a template (hclsyntax.ParseTemplate). */
export function parseTemplateText(text: string): ParseResult {
  const simple = referenceTemplate(text);
  return simple ? { expression: simple, diagnostics: [] } : scanAndParseTemplate(text);
}

/** parseTemplateText without the shortcut for lone references. */
export function scanAndParseTemplate(text: string): ParseResult {
  return guarded(text, () => {
    const tokens = scan(text, "template");
    const parser = new Parser(text, tokens);
    const expression = parser.parseTemplate("eof");
    return { expression, diagnostics: [...lexicalDiagnostics(text, tokens), ...parser.diagnostics] };
  });
}

/** A bare expression (hclsyntax.ParseExpression), as `replace_triggered_by` entries are read. */
export function parseExpressionText(text: string): ParseResult {
  return guarded(text, () => {
    const tokens = scan(text, "expression");
    const parser = new Parser(text, tokens);
    parser.pushNewlines(false);
    const expression = parser.parseExpression();
    const next = parser.peek();
    if (next.type !== "eof" && !parser.recovery) {
      parser.error("Extra characters after expression", "An expression was successfully parsed, but extra characters were found after it.", next);
    }
    parser.popNewlines();
    return { expression, diagnostics: [...lexicalDiagnostics(text, tokens), ...parser.diagnostics] };
  });
}

/**
 * An absolute traversal (hclsyntax.ParseTraversalAbs): a name, then `.attr` and `[<literal>]`
 * steps only, as `depends_on`, `provider` and `ignore_changes` entries are read.
 */
export function parseTraversalText(text: string): TraversalResult {
  let tokens: Token[];
  try {
    tokens = scan(text, "expression");
  } catch (err) {
    // A heredoc is no traversal: what HCL says of any other leading `<`.
    if (!(err instanceof HeredocUnsupported)) throw err;
    tokens = [{ type: "<", start: err.offset, end: err.offset + 1 }];
  }
  const parser = new Parser(text, tokens);
  parser.pushNewlines(false);
  const traversal = parser.parseTraversal();
  parser.popNewlines();
  return { traversal, diagnostics: [...lexicalDiagnostics(text, tokens), ...parser.diagnostics] };
}

/**
 * The strings cdktf writes most, references alone or in text (`${aws_vpc.main.id}`,
 * `${var.env}-web-1`, `arn:aws:s3:::${var.bucket}/*`), read without scanning: the tree the full
 * parse gives (test/hcl/parser.test.ts compares them). Text with `$` or `%` (escapes, directives)
 * or a carriage return takes the full parse.
 */
const LONE_REFERENCE = /\$\{([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[[0-9]+\])*)\}/g;
const REFERENCE_STEP = /\.([A-Za-z_][\w-]*)|\[([0-9]+)\]/g;
const SPECIAL_TEXT = /[$%\r]/;

function referenceTemplate(text: string): Expression | undefined {
  const parts: Expression[] = [];
  let last = 0;
  // exec, not matchAll: matchAll copies the expression and makes an iterator per call, and most
  // strings of a stack come here once, before V8 has optimised anything away.
  LONE_REFERENCE.lastIndex = 0;
  for (let match = LONE_REFERENCE.exec(text); match; match = LONE_REFERENCE.exec(text)) {
    const at = match.index;
    if (!literalPart(text, last, at, parts)) return undefined;
    const name = match[1]!;
    if (name === "true" || name === "false" || name === "null") return undefined;
    const steps: TraversalStep[] = [];
    let offset = at + 2 + name.length;
    const written = match[2]!;
    REFERENCE_STEP.lastIndex = 0;
    for (let step = REFERENCE_STEP.exec(written); step; step = REFERENCE_STEP.exec(written)) {
      const range = { start: offset, end: offset + step[0].length };
      steps.push(step[1] !== undefined ? { kind: "attr", name: step[1], range } : { kind: "index", key: Number(step[2]), range });
      offset = range.end;
    }
    parts.push({ kind: "traversal", root: { name, range: { start: at + 2, end: at + 2 + name.length } }, steps, range: { start: at + 2, end: offset } });
    last = at + match[0].length;
  }
  if (last === 0 || !literalPart(text, last, text.length, parts)) return undefined;
  const range = { start: 0, end: text.length };
  return parts.length === 1 ? { kind: "templateWrap", wrapped: parts[0]!, range } : { kind: "template", parts, range };
}

/** Adds the text between `start` and `end` as a literal part; false when it needs the full parse. */
function literalPart(text: string, start: number, end: number, parts: Expression[]): boolean {
  if (start === end) return true;
  const value = text.slice(start, end);
  if (SPECIAL_TEXT.test(value)) return false;
  parts.push({ kind: "literal", type: "string", value, range: { start, end } });
  return true;
}

function guarded(text: string, parse: () => ParseResult): ParseResult {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof HeredocUnsupported)) throw err;
    return { expression: { kind: "invalid", range: { start: 0, end: text.length } }, diagnostics: [], unsupported: "a heredoc template (<<EOT)" };
  }
}

const UNTERMINATED_OBJECT = [
  "Unterminated object constructor expression",
  "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
] as const;

/** Binary operators by precedence, 0 binding loosest (the tokens are spelled as the operators). */
const LEVELS: Readonly<Record<BinaryOperator, number>> = {
  "||": 0, "&&": 1, "==": 2, "!=": 2, ">": 3, ">=": 3, "<": 3, "<=": 3, "+": 4, "-": 4, "*": 5, "/": 5, "%": 5,
};

const OPPOSITE: Partial<Record<TokenType, TokenType>> = {
  "{": "}", "}": "{", "[": "]", "]": "[", "(": ")", ")": "(", oquote: "cquote", cquote: "oquote",
  interp: "seqend", control: "seqend", seqend: "interp",
};

const between = (a: Range, b: Range): Range => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
const rangeOf = (token: Token): Range => ({ start: token.start, end: token.end });

/** Template-level items between the expression tokens (hclsyntax's templateToken). */
type TemplatePart =
  | { kind: "literal"; value: string; range: Range }
  | { kind: "interp"; expression: Expression; range: Range }
  | { kind: "if"; condition: Expression; range: Range }
  | { kind: "for"; keyVar?: string; valueVar: string; collection: Expression; range: Range }
  | { kind: "endctrl"; name: "endif" | "else" | "endfor"; range: Range }
  | { kind: "end"; range: Range };

class Parser {
  readonly diagnostics: HclDiagnostic[] = [];
  recovery = false;
  private next = 0;
  private readonly newlines: boolean[] = [true];

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  // --- the peeker ---------------------------------------------------------------------------

  pushNewlines(include: boolean): void {
    this.newlines.push(include);
  }

  popNewlines(): void {
    this.newlines.pop();
  }

  /** The token after `next` as the newline setting sees it, remembered until either changes. */
  private aheadFrom = -1;
  private aheadIncluding = false;
  private aheadToken!: Token;
  private aheadNext = 0;

  private lookahead(): void {
    const including = this.newlines[this.newlines.length - 1]!;
    if (this.aheadFrom === this.next && this.aheadIncluding === including) return;
    this.aheadFrom = this.next;
    this.aheadIncluding = including;
    for (let i = this.next; i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      if (token.type === "comment") {
        // A line comment ends its line: where newlines count, it counts as one.
        if (including && this.text[token.end - 1] === "\n") {
          this.aheadToken = { type: "newline", start: token.start, end: token.end };
          this.aheadNext = i + 1;
          return;
        }
        continue;
      }
      if (token.type === "newline" && !including) continue;
      this.aheadToken = token;
      this.aheadNext = i + 1;
      return;
    }
    this.aheadToken = this.tokens[this.tokens.length - 1]!;
    this.aheadNext = this.tokens.length;
  }

  peek(): Token {
    this.lookahead();
    return this.aheadToken;
  }

  read(): Token {
    this.lookahead();
    this.next = this.aheadNext;
    return this.aheadToken;
  }

  private prevRange(): Range {
    return this.next === 0 ? rangeOf(this.peek()) : rangeOf(this.tokens[this.next - 1]!);
  }

  private source(token: Token): string {
    return this.text.slice(token.start, token.end);
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.type === "ident" && this.source(token) === keyword;
  }

  error(summary: string, detail: string, subject: Token | Range): void {
    this.diagnostics.push({ summary, detail, subject: { start: subject.start, end: subject.end } });
  }

  /** Skips to the token that balances `end` (counting nested pairs), and returns it. */
  private recover(end: TokenType): Token {
    const start = OPPOSITE[end];
    this.recovery = true;
    let nest = 0;
    for (;;) {
      const token = this.read();
      const type = end === "seqend" && token.type === "control" ? "interp" : token.type;
      if (type === start) nest++;
      else if (type === end) {
        if (nest < 1) return token;
        nest--;
      } else if (type === "eof") return token;
    }
  }

  /** Skips past the next `start` … matching end pair. */
  private recoverOver(start: TokenType): void {
    for (;;) {
      const token = this.read();
      if (token.type === start || token.type === "eof") break;
    }
    this.recover(OPPOSITE[start]!);
  }

  // --- templates ------------------------------------------------------------------------------

  parseTemplate(end: TokenType): Expression {
    const { expressions, passthrough, range } = this.parseTemplateInner(end);
    if (passthrough) return { kind: "templateWrap", wrapped: expressions[0]!, range };
    return { kind: "template", parts: expressions, range };
  }

  private parseTemplateInner(end: TokenType): { expressions: Expression[]; passthrough: boolean; range: Range } {
    const { parts, range } = this.parseTemplateParts(end);
    // Adjacent literals (after strip markers did their work) are one literal.
    for (let i = 1; i < parts.length; ) {
      const previous = parts[i - 1]!;
      const current = parts[i]!;
      if (previous.kind === "literal" && current.kind === "literal") {
        previous.value += current.value;
        previous.range = { start: previous.range.start, end: current.range.end };
        parts.splice(i, 1);
      } else i++;
    }
    const structure = new TemplateStructure(parts, this.diagnostics);
    const expressions = structure.parseRoot();
    return { expressions, passthrough: parts.length === 2 && parts[0]!.kind === "interp", range };
  }

  private parseTemplateParts(end: TokenType): { parts: TemplatePart[]; range: Range } {
    const parts: TemplatePart[] = [];
    const startRange = rangeOf(this.peek());
    let endRange: Range = startRange;
    let trimNextLeft = false;
    let nextCanTrimPrevious = false;

    tokens: for (;;) {
      const next = this.read();
      if (next.type === end) {
        endRange = rangeOf(next);
        break;
      }
      const trimLeft = trimNextLeft;
      trimNextLeft = false;
      const canTrimPrevious = nextCanTrimPrevious;
      nextCanTrimPrevious = false;
      const trimPrevious = () => {
        const previous = parts[parts.length - 1];
        if (canTrimPrevious && this.source(next).endsWith("~") && previous?.kind === "literal") previous.value = previous.value.replace(/\s+$/u, "");
      };

      switch (next.type) {
        case "stringlit":
        case "quotedlit": {
          let value = this.literalValue(next);
          if (trimLeft) value = value.replace(/^\s+/u, "");
          parts.push({ kind: "literal", value, range: rangeOf(next) });
          nextCanTrimPrevious = true;
          break;
        }
        case "interp": {
          trimPrevious();
          this.pushNewlines(false);
          const expression = this.parseExpression();
          const close = this.peek();
          if (close.type !== "seqend") {
            if (!this.recovery) {
              if (close.type === "eof") {
                this.error(
                  "Unclosed template interpolation sequence",
                  "There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.",
                  startRange,
                );
              } else if (close.type === ":") {
                this.error(
                  "Extra characters after interpolation expression",
                  'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
                  close,
                );
              } else if ((close.type === "cquote" || close.type === "oquote") && end === "cquote") {
                this.error(
                  "Unclosed template interpolation sequence",
                  "There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.",
                  startRange,
                );
              } else {
                this.error(
                  "Extra characters after interpolation expression",
                  'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
                  close,
                );
              }
            }
            this.recover("seqend");
          } else {
            this.read();
            if (this.source(close).startsWith("~")) trimNextLeft = true;
          }
          this.popNewlines();
          parts.push({ kind: "interp", expression, range: between(rangeOf(next), rangeOf(close)) });
          break;
        }
        case "control": {
          trimPrevious();
          this.pushNewlines(false);
          const keyword = this.peek();
          if (keyword.type !== "ident") {
            if (!this.recovery) {
              this.error("Invalid template directive", 'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.', keyword);
            }
            this.recover("seqend");
            this.popNewlines();
            continue tokens;
          }
          this.read();
          const word = this.source(keyword);
          const directiveRange = () => between(rangeOf(next), rangeOf(this.peek()));
          if (word === "if") {
            const condition = this.parseExpression();
            parts.push({ kind: "if", condition, range: directiveRange() });
          } else if (word === "else" || word === "endif" || word === "endfor") {
            parts.push({ kind: "endctrl", name: word, range: directiveRange() });
          } else if (word === "for") {
            const forError = (detail: string) => {
              if (!this.recovery) this.error("Invalid 'for' directive", detail, this.peek());
              this.recover("seqend");
              this.popNewlines();
            };
            if (this.peek().type !== "ident") {
              forError("For directive requires variable name after 'for'.");
              continue tokens;
            }
            let keyVar: string | undefined;
            let valueVar = this.source(this.read());
            if (this.peek().type === ",") {
              keyVar = valueVar;
              this.read();
              if (this.peek().type !== "ident") {
                forError("For directive requires value variable name after comma.");
                continue tokens;
              }
              valueVar = this.source(this.read());
            }
            if (!this.isKeyword(this.peek(), "in")) {
              forError("For directive requires 'in' keyword after names.");
              continue tokens;
            }
            this.read();
            const collection = this.parseExpression();
            parts.push({ kind: "for", ...(keyVar !== undefined ? { keyVar } : {}), valueVar, collection, range: directiveRange() });
          } else {
            if (!this.recovery) {
              const suggestion = nameSuggestion(word, ["if", "for", "else", "endif", "endfor"]);
              this.error(
                "Invalid template control keyword",
                `${JSON.stringify(word)} is not a valid template control keyword.${suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : ""}`,
                keyword,
              );
            }
            this.recover("seqend");
            this.popNewlines();
            continue tokens;
          }
          const close = this.peek();
          if (close.type !== "seqend") {
            if (!this.recovery) this.error(`Extra characters in ${word} marker`, "Expected a closing brace to end the sequence, but found extra characters.", close);
            this.recover("seqend");
          } else {
            this.read();
            if (this.source(close).startsWith("~")) trimNextLeft = true;
          }
          this.popNewlines();
          break;
        }
        default: {
          if (!this.recovery) this.error("Unterminated template string", "No closing marker was found for the string.", next);
          endRange = rangeOf(this.recover(end));
          break tokens;
        }
      }
    }
    // An empty template is the empty string.
    if (parts.length === 0) parts.push({ kind: "literal", value: "", range: { start: startRange.end, end: startRange.end } });
    parts.push({ kind: "end", range: endRange });
    return { parts, range: between(startRange, endRange) };
  }

  /** A literal token's text: `$${` and `%%{` unescaped, and a quoted string's backslash escapes. */
  private literalValue(token: Token): string {
    const raw = this.source(token);
    if (token.type === "stringlit") return raw.includes("{") ? raw.replace(/([$%])\1\{/g, "$1{") : raw;
    let out = "";
    for (let i = 0; i < raw.length; ) {
      const c = raw[i]!;
      if ((c === "$" || c === "%") && raw[i + 1] === c && raw[i + 2] === "{") {
        out += `${c}{`;
        i += 3;
        continue;
      }
      if (c !== "\\") {
        out += c;
        i++;
        continue;
      }
      const at = token.start + i;
      const selector = raw[i + 1];
      const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
      if (selector === undefined) {
        this.error("Invalid escape sequence", "Backslash must be followed by an escape sequence selector character.", { start: at, end: at + 1 });
        out += c;
        i++;
      } else if (Object.hasOwn(simple, selector)) {
        out += simple[selector];
        i += 2;
      } else if (selector === "u" || selector === "U") {
        const want = selector === "u" ? 4 : 8;
        const hex = /^[0-9a-fA-F]*/.exec(raw.slice(i + 2, i + 2 + want))![0];
        const length = 2 + hex.length;
        if (hex.length !== want) {
          this.error(
            "Invalid escape sequence",
            `The \\${selector} escape sequence must be followed by ${selector === "u" ? "four" : "eight"} hexadecimal digits.`,
            { start: at, end: at + length },
          );
          out += raw.slice(i, i + length);
        } else {
          const code = parseInt(hex, 16);
          if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
            this.error("Invalid escape sequence", `Cannot encode character U+${code.toString(16).padStart(4, "0")} in UTF-8.`, { start: at, end: at + length });
            out += raw.slice(i, i + length);
          } else out += String.fromCodePoint(code);
        }
        i += length;
      } else {
        const symbol = String.fromCodePoint(raw.codePointAt(i + 1)!);
        this.error("Invalid escape sequence", `The symbol ${JSON.stringify(symbol)} is not a valid escape sequence selector.`, { start: at, end: at + 1 + symbol.length });
        out += symbol;
        i += 1 + symbol.length;
      }
    }
    return out;
  }

  // --- expressions ----------------------------------------------------------------------------

  parseExpression(): Expression {
    const start = rangeOf(this.peek());
    const mark = this.diagnostics.length;
    const condition = this.parseBinary(0);
    if ((this.recovery && this.diagnostics.length > mark) || this.peek().type !== "?") return condition;
    this.read();
    const trueMark = this.diagnostics.length;
    const trueResult = this.parseExpression();
    if (this.recovery && this.diagnostics.length > trueMark) return condition;
    const colon = this.peek();
    if (colon.type !== ":") {
      this.error("Missing false expression in conditional", "The conditional operator (...?...:...) requires a false expression, delimited by a colon.", colon);
      return condition;
    }
    this.read();
    const falseMark = this.diagnostics.length;
    const falseResult = this.parseExpression();
    if (this.recovery && this.diagnostics.length > falseMark) return condition;
    return { kind: "conditional", condition, trueResult, falseResult, range: between(start, falseResult.range) };
  }

  /**
   * Binary operations at precedence `level` and tighter (0 binds loosest), left-associative:
   * a+b+c is (a+b)+c. Precedence climbing builds the tree hclsyntax's one-function-per-level
   * descent builds, and stops at the same token after an error.
   */
  private parseBinary(level: number): Expression {
    const mark = this.diagnostics.length;
    let left = this.parseWithTraversals();
    if (this.recovery && this.diagnostics.length > mark) return left;
    for (;;) {
      const operator = this.peek().type as BinaryOperator;
      const operatorLevel = Object.hasOwn(LEVELS, operator) ? LEVELS[operator] : -1;
      if (operatorLevel < level) return left;
      this.read();
      const rightMark = this.diagnostics.length;
      const right = this.parseBinary(operatorLevel + 1);
      if (this.recovery && this.diagnostics.length > rightMark) return left;
      left = { kind: "binary", operator, left, right, range: between(left.range, right.range) };
    }
  }

  private parseWithTraversals(): Expression {
    return this.parseTraversals(this.parseTerm());
  }

  private parseTraversals(from: Expression): Expression {
    let result = from;
    for (;;) {
      const next = this.peek();
      if (next.type === ".") {
        const dot = this.read();
        const attr = this.peek();
        if (attr.type === "ident") {
          this.read();
          result = withStep(result, { kind: "attr", name: this.source(attr), range: between(rangeOf(dot), rangeOf(attr)) });
        } else if (attr.type === "number") {
          // The legacy index, `a.0` for `a[0]`, inherited from HIL.
          this.read();
          result = withStep(result, this.legacyIndex(dot, attr, attr, false));
        } else if (attr.type === "*") {
          // The attribute-only splat, `a.*.b`.
          const marker = this.read();
          const steps: TraversalStep[] = [];
          const first = rangeOf(this.peek());
          let last = rangeOf(marker);
          let abandoned = false;
          while (this.peek().type === ".") {
            const stepDot = this.read();
            const name = this.peek();
            if (name.type === "number") {
              this.read();
              steps.push(this.legacyIndex(stepDot, name, attr, true));
              last = rangeOf(name);
              continue;
            }
            if (name.type !== "ident") {
              if (!this.recovery) {
                if (name.type === "*") this.error("Nested splat expression not allowed", "A splat expression (*) cannot be used inside another attribute-only splat expression.", name);
                else this.error("Invalid attribute name", "An attribute name is required after a dot.", attr);
              }
              // HCL gives up on the splat here, keeping what came before it.
              this.recovery = true;
              abandoned = true;
              break;
            }
            this.read();
            steps.push({ kind: "attr", name: this.source(name), range: between(rangeOf(stepDot), rangeOf(name)) });
            last = rangeOf(name);
          }
          if (abandoned) continue;
          const item: Expression = { kind: "splatItem", range: between(rangeOf(dot), rangeOf(marker)) };
          const each: Expression = steps.length === 0 ? item : { kind: "relativeTraversal", source: item, steps, range: between(first, last) };
          result = { kind: "splat", source: result, each, full: false, range: between(from.range, last) };
        } else {
          this.error("Invalid attribute name", "An attribute name is required after a dot.", attr);
          // Following items will probably be misparsed until something allows a re-sync.
          result = { kind: "invalid", range: between(from.range, rangeOf(dot)) };
          this.recovery = true;
        }
      } else if (next.type === "[") {
        const open = this.read();
        if (this.peek().type === "*") {
          // The full splat, `a[*].b[0]`: every following step applies to each element.
          this.read();
          let close = this.read();
          if (close.type !== "]" && !this.recovery) {
            // HCL points this error at the token its recovery stops at (its subject aliases `close`).
            close = this.recover("]");
            this.error("Missing close bracket on splat index", 'The star for a full splat operator must be immediately followed by a closing bracket ("]").', close);
          }
          const item: Expression = { kind: "splatItem", range: between(rangeOf(open), rangeOf(close)) };
          const each = this.parseTraversals(item);
          result = { kind: "splat", source: result, each, full: true, range: between(from.range, each.range) };
        } else {
          this.pushNewlines(false);
          const mark = this.diagnostics.length;
          const key = this.parseExpression();
          let close: Token;
          if (this.recovery && this.diagnostics.length > mark) close = this.recover("]");
          else {
            close = this.read();
            if (close.type !== "]" && !this.recovery) {
              close = this.recover("]");
              this.error("Missing close bracket on index", 'The index operator must end with a closing bracket ("]").', close);
            }
          }
          this.popNewlines();
          const range = between(rangeOf(open), rangeOf(close));
          const literal = literalKey(key);
          if (literal !== undefined) result = withStep(result, { ...literal, range });
          else result = { kind: "index", collection: result, key, bracketRange: range, range: between(from.range, range) };
        }
      } else return result;
    }
  }

  private legacyIndex(dot: Token, number: Token, reportAt: Token, inSplat: boolean): TraversalStep {
    const range = between(rangeOf(dot), rangeOf(number));
    const text = this.source(number);
    const at = text.indexOf(".");
    if (at >= 0) {
      const pair = `[${text.slice(0, at)}][${text.slice(at + 1)}]`;
      this.error(
        "Invalid legacy index syntax",
        inSplat
          ? `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax with a full splat expression [*] instead, like ${pair}.`
          : `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like ${pair}.`,
        reportAt,
      );
      return { kind: "index", dynamic: true, range };
    }
    const value = this.numberValue(number);
    return value === undefined ? { kind: "index", dynamic: true, range } : { kind: "index", key: value, range };
  }

  private numberValue(token: Token): number | undefined {
    const text = this.source(token);
    if (/^[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$/.test(text)) return Number(text);
    this.error("Invalid number literal", "Failed to recognize the value of this number literal.", token);
    return undefined;
  }

  private parseTerm(): Expression {
    const start = this.peek();
    switch (start.type) {
      case "(": {
        const open = this.read();
        this.pushNewlines(false);
        const mark = this.diagnostics.length;
        const expression = this.parseExpression();
        if (this.diagnostics.length > mark) {
          this.recover(")");
          this.popNewlines();
          return expression;
        }
        const close = this.peek();
        if (close.type !== ")") {
          this.error("Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.", close);
          this.recovery = true;
        }
        const closing = this.read();
        this.popNewlines();
        return { kind: "parentheses", expression, range: between(rangeOf(open), rangeOf(closing)) };
      }
      case "number": {
        this.read();
        const value = this.numberValue(start);
        if (value === undefined) return { kind: "invalid", range: rangeOf(start) };
        return { kind: "literal", type: "number", value, text: this.source(start), range: rangeOf(start) };
      }
      case "ident": {
        this.read();
        const after = this.peek().type;
        if (after === "(" || after === "::") return this.finishCall(start);
        const name = this.source(start);
        const range = rangeOf(start);
        if (name === "true" || name === "false") return { kind: "literal", type: "bool", value: name === "true", range };
        if (name === "null") return { kind: "literal", type: "null", value: null, range };
        return { kind: "traversal", root: { name, range }, steps: [], range };
      }
      case "oquote": {
        const open = this.read();
        const { expressions, passthrough } = this.parseTemplateInner("cquote");
        const range = between(rangeOf(open), this.prevRange());
        if (passthrough) return { kind: "templateWrap", wrapped: expressions[0]!, range };
        return { kind: "template", parts: expressions, range };
      }
      case "-":
      case "!": {
        this.read();
        // Binds tighter than any binary operator: -46+5 is (-46)+5.
        const operand = this.parseWithTraversals();
        return { kind: "unary", operator: start.type, operand, range: between(rangeOf(start), operand.range) };
      }
      case "[":
        return this.parseTuple();
      case "{":
        return this.parseObject();
      default:
        if (!this.recovery) {
          if (start.type === "eof") this.error("Missing expression", "Expected the start of an expression, but found the end of the file.", start);
          else this.error("Invalid expression", "Expected the start of an expression, but found an invalid expression token.", start);
        }
        this.recovery = true;
        return { kind: "invalid", range: rangeOf(start) };
    }
  }

  private finishCall(nameToken: Token): Expression {
    let open = this.read();
    let name = this.source(nameToken);
    let nameEnd = nameToken.end;
    while (open.type === "::") {
      const part = this.read();
      if (part.type !== "ident") {
        this.error("Missing function name", "Function scope resolution symbol :: must be followed by a function name in this scope.", part);
        this.recoverOver("(");
        return { kind: "invalid", range: between(rangeOf(nameToken), rangeOf(part)) };
      }
      name += `::${this.source(part)}`;
      nameEnd = part.end;
      open = this.read();
    }
    const nameRange = { start: nameToken.start, end: nameEnd };
    if (open.type !== "(") {
      this.error("Missing open parenthesis", "Function selector must be followed by an open parenthesis to begin the function call.", open);
      this.recoverOver("(");
      return { kind: "invalid", range: between(rangeOf(nameToken), rangeOf(open)) };
    }

    const args: Expression[] = [];
    let expandFinal = false;
    let close: Token | undefined;
    this.pushNewlines(false);
    for (;;) {
      if (this.peek().type === ")") {
        close = this.read();
        break;
      }
      const mark = this.diagnostics.length;
      args.push(this.parseExpression());
      if (this.recovery && this.diagnostics.length > mark) {
        const recovered = this.recover(")");
        if (recovered.type === ")") close = recovered;
        break;
      }
      const separator = this.read();
      if (separator.type === ")") {
        close = separator;
        break;
      }
      if (separator.type === "...") {
        expandFinal = true;
        if (this.peek().type !== ")") {
          if (!this.recovery) {
            this.error("Missing closing parenthesis", "An expanded function argument (with ...) must be immediately followed by closing parentheses.", separator);
          }
          close = this.recover(")");
        } else close = this.read();
        break;
      }
      if (separator.type !== ",") {
        if (separator.type === "eof") {
          this.error(
            "Unterminated function call",
            "There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.",
            between(rangeOf(nameToken), rangeOf(open)),
          );
        } else this.error("Missing argument separator", "A comma is required to separate each function argument from the next.", separator);
        close = this.recover(")");
        break;
      }
      if (this.peek().type === ")") {
        close = this.read();
        break;
      }
    }
    this.popNewlines();
    const end = close ?? open;
    return { kind: "call", name, nameRange, args, expandFinal, range: between(nameRange, rangeOf(end)) };
  }

  private parseTuple(): Expression {
    const open = this.read();
    this.pushNewlines(false);
    try {
      if (this.isKeyword(this.peek(), "for")) return this.finishFor(open);
      const elements: Expression[] = [];
      let close: Token;
      for (;;) {
        if (this.peek().type === "]") {
          close = this.read();
          break;
        }
        const mark = this.diagnostics.length;
        elements.push(this.parseExpression());
        if (this.recovery && this.diagnostics.length > mark) {
          close = this.recover("]");
          break;
        }
        const next = this.peek();
        if (next.type === "]") {
          close = this.read();
          break;
        }
        if (next.type !== ",") {
          if (!this.recovery) {
            if (next.type === "eof") {
              this.error(
                "Unterminated tuple constructor expression",
                "There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.",
                open,
              );
            } else this.error("Missing item separator", "Expected a comma to mark the beginning of the next item.", next);
          }
          close = this.recover("]");
          break;
        }
        this.read();
      }
      return { kind: "tuple", elements, range: between(rangeOf(open), rangeOf(close)) };
    } finally {
      this.popNewlines();
    }
  }

  private parseObject(): Expression {
    const open = this.read();
    // `for` expressions ignore newlines, object constructors do not.
    this.pushNewlines(false);
    const isFor = this.isKeyword(this.peek(), "for");
    this.popNewlines();
    if (isFor) return this.finishFor(open);

    this.pushNewlines(true);
    try {
      const items: ObjectItem[] = [];
      let close: Token;
      for (;;) {
        const next = this.peek();
        if (next.type === "newline") {
          this.read();
          continue;
        }
        if (next.type === "}") {
          close = this.read();
          break;
        }
        const forceExpression = next.type === "(";
        const keyMark = this.diagnostics.length;
        const key = this.parseExpression();
        if (this.recovery && this.diagnostics.length > keyMark) {
          close = this.recover("}");
          break;
        }
        const keyIsName = !forceExpression && key.kind === "traversal" && key.steps.length === 0;
        const separator = this.peek();
        if (separator.type !== "=" && separator.type !== ":") {
          if (!this.recovery) {
            if (separator.type === "newline" || separator.type === ",") {
              this.error("Missing attribute value", 'Expected an attribute value, introduced by an equals sign ("=").', separator);
            } else if (separator.type === "ident") {
              this.error(
                "Missing key/value separator",
                'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.',
                separator,
              );
            } else if (separator.type === "eof") {
              this.error(...UNTERMINATED_OBJECT, open);
            } else this.error("Missing key/value separator", 'Expected an equals sign ("=") to mark the beginning of the attribute value.', separator);
          }
          close = this.recover("}");
          break;
        }
        this.read();
        const valueMark = this.diagnostics.length;
        const value = this.parseExpression();
        if (this.recovery && this.diagnostics.length > valueMark) {
          if (value.kind === "invalid") items.push({ key, keyIsName, value });
          close = this.recover("}");
          break;
        }
        items.push({ key, keyIsName, value });
        const after = this.peek();
        if (after.type === "}") {
          close = this.read();
          break;
        }
        if (after.type !== "," && after.type !== "newline") {
          if (!this.recovery) {
            if (after.type === "eof") {
              this.error(...UNTERMINATED_OBJECT, open);
            } else this.error("Missing attribute separator", "Expected a newline or comma to mark the beginning of the next attribute.", after);
          }
          close = this.recover("}");
          break;
        }
        this.read();
      }
      return { kind: "object", items, range: between(rangeOf(open), rangeOf(close)) };
    } finally {
      this.popNewlines();
    }
  }

  private finishFor(open: Token): Expression {
    this.pushNewlines(false);
    try {
      this.read(); // `for`
      const object = open.type === "{";
      const closeType: TokenType = object ? "}" : "]";
      const fail = (detail?: string): Expression => {
        if (detail !== undefined && !this.recovery) this.error("Invalid 'for' expression", detail, this.peek());
        const close = this.recover(closeType);
        return { kind: "invalid", range: between(rangeOf(open), rangeOf(close)) };
      };
      if (this.peek().type !== "ident") return fail("For expression requires variable name after 'for'.");
      let keyVar: string | undefined;
      let valueVar = this.source(this.read());
      if (this.peek().type === ",") {
        keyVar = valueVar;
        this.read();
        if (this.peek().type !== "ident") return fail("For expression requires value variable name after comma.");
        valueVar = this.source(this.read());
      }
      if (!this.isKeyword(this.peek(), "in")) return fail("For expression requires the 'in' keyword after its name declarations.");
      this.read();
      const collectionMark = this.diagnostics.length;
      const collection = this.parseExpression();
      if (this.recovery && this.diagnostics.length > collectionMark) return fail();
      if (this.peek().type !== ":") return fail("For expression requires a colon after the collection expression.");
      this.read();

      const valueMark = this.diagnostics.length;
      let key: Expression | undefined;
      let value = this.parseExpression();
      if (this.peek().type === "=>") {
        this.read();
        key = value;
        value = this.parseExpression();
      }
      if (this.recovery && this.diagnostics.length > valueMark) return fail();

      let group = false;
      let ellipsis: Token | undefined;
      if (this.peek().type === "...") {
        ellipsis = this.read();
        group = true;
      }
      let condition: Expression | undefined;
      if (this.isKeyword(this.peek(), "if")) {
        this.read();
        const conditionMark = this.diagnostics.length;
        condition = this.parseExpression();
        if (this.recovery && this.diagnostics.length > conditionMark) return fail();
      }
      let close: Token;
      if (this.peek().type === closeType) close = this.read();
      else {
        if (!this.recovery) this.error("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", this.peek());
        close = this.recover(closeType);
      }
      if (!object) {
        if (key) this.error("Invalid 'for' expression", "Key expression is not valid when building a tuple.", key.range);
        if (ellipsis) this.error("Invalid 'for' expression", "Grouping ellipsis (...) cannot be used when building a tuple.", ellipsis);
      } else if (!key) this.error("Invalid 'for' expression", "Key expression is required when building an object.", value.range);

      const result: ForExpression = {
        kind: "for",
        object,
        ...(keyVar !== undefined ? { keyVar } : {}),
        valueVar,
        collection,
        ...(key ? { key } : {}),
        value,
        ...(condition ? { condition } : {}),
        group,
        range: between(rangeOf(open), rangeOf(close)),
      };
      return result;
    } finally {
      this.popNewlines();
    }
  }

  // --- traversals -----------------------------------------------------------------------------

  parseTraversal(): TraversalResult["traversal"] {
    const variable = this.read();
    if (variable.type !== "ident") {
      this.error("Variable name required", "Must begin with a variable name.", variable);
      return undefined;
    }
    const root = { name: this.source(variable), range: rangeOf(variable) };
    const steps: TraversalStep[] = [];
    const result = { root, steps };
    for (;;) {
      const next = this.peek();
      if (next.type === "eof") return result;
      if (next.type === ".") {
        const dot = this.read();
        const name = this.read();
        if (name.type !== "ident") {
          this.error("Attribute name required", name.type === "*" ? "Splat expressions (.*) may not be used here." : "Dot must be followed by attribute name.", name);
          return result;
        }
        steps.push({ kind: "attr", name: this.source(name), range: between(rangeOf(dot), rangeOf(name)) });
      } else if (next.type === "[") {
        const open = this.read();
        const key = this.peek();
        let value: LiteralValue | undefined;
        if (key.type === "number") {
          this.read();
          value = this.numberValue(key) ?? null;
        } else if (key.type === "oquote") {
          value = this.quotedStringLiteral();
        } else {
          if (key.type === "*") this.error("Attribute name required", "Splat expressions ([*]) may not be used here.", key);
          else this.error("Index value required", "Index brackets must contain either a literal number or a literal string.", key);
          return result;
        }
        const close = this.read();
        if (close.type !== "]") this.error("Unclosed index brackets", "Index key must be followed by a closing bracket.", close);
        steps.push({ kind: "index", key: value, range: between(rangeOf(open), rangeOf(close)) });
        if (this.diagnostics.length > 0) return result;
      } else {
        this.error("Invalid character", "Expected an attribute access or an index operator.", next);
        return result;
      }
    }
  }

  /** A quoted string without template sequences (hclsyntax's parseQuotedStringLiteral). */
  private quotedStringLiteral(): string {
    this.read(); // the opening quote
    let value = "";
    for (;;) {
      const token = this.read();
      if (token.type === "cquote") return value;
      if (token.type === "quotedlit") value += this.literalValue(token);
      else if (token.type === "interp" || token.type === "control") {
        const which = token.type === "interp" ? "$" : "%";
        this.error(
          "Invalid string literal",
          `Template sequences are not allowed in this string. To include a literal ${JSON.stringify(which)}, double it (as "${which}${which}") to escape it.`,
          token,
        );
        value += `${which}{ ... }`;
        this.recover("seqend");
      } else if (token.type === "eof") {
        this.error("Unterminated string literal", "Unable to find the closing quote mark before the end of the file.", token);
        return value;
      } else {
        this.error("Invalid string literal", "This item is not valid in a string literal.", token);
        this.recover("cquote");
        return value;
      }
    }
  }
}

/** A traversal extended by one constant step (HCL's makeRelativeTraversal). */
function withStep(expression: Expression, step: TraversalStep): Expression {
  if (expression.kind === "traversal" || expression.kind === "relativeTraversal") {
    expression.steps.push(step);
    expression.range = between(expression.range, step.range);
    return expression;
  }
  return { kind: "relativeTraversal", source: expression, steps: [step], range: between(expression.range, step.range) };
}

/** An index key HCL reads as a constant step: a literal, or a template that is one literal. */
function literalKey(key: Expression): { kind: "index"; key: LiteralValue } | { kind: "index"; dynamic: true } | undefined {
  if (key.kind === "literal") return { kind: "index", key: key.value };
  if (key.kind === "invalid") return { kind: "index", dynamic: true };
  if (key.kind === "template" && key.parts.length === 1 && key.parts[0]!.kind === "literal") return { kind: "index", key: key.parts[0].value };
  return undefined;
}

/** Terraform's did-you-mean for directive keywords: the first candidate within distance 2. */
function nameSuggestion(given: string, candidates: readonly string[]): string | undefined {
  return candidates.find((candidate) => levenshtein(given, candidate) < 3);
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Turns the flat template parts into expressions, pairing `%{if}`/`%{else}`/`%{endif}` and
 * `%{for}`/`%{endfor}` (hclsyntax's templateParser).
 */
class TemplateStructure {
  private position = 0;

  constructor(
    private readonly parts: TemplatePart[],
    private readonly diagnostics: HclDiagnostic[],
  ) {}

  private peek(): TemplatePart {
    return this.parts[this.position]!;
  }

  private read(): TemplatePart {
    const part = this.peek();
    if (part.kind !== "end") this.position++;
    return part;
  }

  parseRoot(): Expression[] {
    const expressions: Expression[] = [];
    while (this.peek().kind !== "end") expressions.push(this.parseItem());
    return expressions;
  }

  private error(summary: string, detail: string, subject: Range): Expression {
    this.diagnostics.push({ summary, detail, subject });
    return { kind: "invalid", range: subject };
  }

  private parseItem(): Expression {
    const part = this.peek();
    switch (part.kind) {
      case "literal":
        this.read();
        return { kind: "literal", type: "string", value: part.value, range: part.range };
      case "interp":
        this.read();
        return part.expression;
      case "if":
        return this.parseIf();
      case "for":
        return this.parseFor();
      case "end":
        this.read();
        return this.error("Unexpected end of template", "The control directives within this template are unbalanced.", part.range);
      case "endctrl":
        this.read();
        return this.error(`Unexpected ${part.name} directive`, "The control directives within this template are unbalanced.", part.range);
    }
  }

  private parseIf(): Expression {
    const open = this.read() as Extract<TemplatePart, { kind: "if" }>;
    const ifItems: Expression[] = [];
    const elseItems: Expression[] = [];
    let current = ifItems;
    let endif: Range;
    for (;;) {
      const next = this.peek();
      if (next.kind === "end") {
        return this.error("Unexpected end of template", `The if directive at ${describeAt(open.range)} is missing its corresponding endif directive.`, next.range);
      }
      if (next.kind === "endctrl") {
        this.read();
        if (next.name === "else") {
          if (current === ifItems) {
            current = elseItems;
            continue;
          }
          return this.error("Unexpected else directive", `Already in the else clause for the if started at ${describeAt(open.range)}.`, next.range);
        }
        if (next.name === "endif") {
          endif = next.range;
          break;
        }
        return this.error(`Unexpected ${next.name} directive`, `Expecting an endif directive for the if started at ${describeAt(open.range)}.`, next.range);
      }
      current.push(this.parseItem());
    }
    if (ifItems.length === 0) ifItems.push({ kind: "literal", type: "string", value: "", range: { start: open.range.end, end: open.range.end } });
    if (elseItems.length === 0) elseItems.push({ kind: "literal", type: "string", value: "", range: { start: endif.start, end: endif.start } });
    const branch = (items: Expression[]): Expression => ({ kind: "template", parts: items, range: between(items[0]!.range, items[items.length - 1]!.range) });
    return { kind: "conditional", condition: open.condition, trueResult: branch(ifItems), falseResult: branch(elseItems), range: between(open.range, endif) };
  }

  private parseFor(): Expression {
    const open = this.read() as Extract<TemplatePart, { kind: "for" }>;
    const items: Expression[] = [];
    let endfor: Range;
    for (;;) {
      const next = this.peek();
      if (next.kind === "end") {
        return this.error("Unexpected end of template", `The for directive at ${describeAt(open.range)} is missing its corresponding endfor directive.`, next.range);
      }
      if (next.kind === "endctrl") {
        this.read();
        if (next.name === "endfor") {
          endfor = next.range;
          break;
        }
        if (next.name === "else") return this.error("Unexpected else directive", "An else clause is not expected for a for directive.", next.range);
        return this.error(`Unexpected ${next.name} directive`, `Expecting an endfor directive corresponding to the for directive at ${describeAt(open.range)}.`, next.range);
      }
      items.push(this.parseItem());
    }
    if (items.length === 0) items.push({ kind: "literal", type: "string", value: "", range: { start: open.range.end, end: open.range.end } });
    const value: Expression = { kind: "template", parts: items, range: between(items[0]!.range, items[items.length - 1]!.range) };
    const range = between(open.range, endfor);
    const tuple: ForExpression = {
      kind: "for",
      object: false,
      ...(open.keyVar !== undefined ? { keyVar: open.keyVar } : {}),
      valueVar: open.valueVar,
      collection: open.collection,
      value,
      group: false,
      range,
    };
    return { kind: "templateJoin", tuple, range };
  }
}

/**
 * Where a directive is, for messages that point back at it. Terraform names the file, line and
 * columns (`main.tf.json:9,10-22`); a parse of one string knows only its characters.
 */
function describeAt(range: Range): string {
  return `characters ${range.start + 1}-${range.end} of this string`;
}
