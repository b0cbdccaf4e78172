/**
 * HCL's scanner, for the two ways Terraform JSON reads a string: as a bare template (every
 * attribute value, `${…}` and `%{…}` sequences in literal text) and as a bare expression
 * (`replace_triggered_by` entries, traversals). Tokens are what hclsyntax's scanner emits, at the
 * same places, so that the parser can follow hclsyntax's decisions (and word its errors) exactly:
 *
 * - template text: literal runs, `${` / `${~`, `%{` / `%{~`; `$${` and `%%{` stay literal
 *   tokens (the parser unescapes them); a `$` or `%` not followed by `{` is literal text. Token
 *   boundaries matter: strip markers (`~`) trim only the adjacent token, and HCL reports an
 *   unclosed `${` at the template's first token;
 * - inside a sequence: HCL's expression tokens; braces are counted, and the `}` (or `~}`) that
 *   balances the sequence's opening ends it; a `"` starts a quoted template with its own escapes
 *   (`\n`, `\"`, `\uNNNN`…) and nested sequences;
 * - characters HCL never uses become `invalid` tokens, reported by `lexicalDiagnostics` the way
 *   hclsyntax's checkInvalidTokens reports them (bitwise operators, `'`, `;`, curly quotes…).
 *
 * Heredocs (`<<EOT`) are valid HCL but never written in JSON strings; the scanner stops at one
 * and says so (`heredoc`), and callers treat the string as unanalysed rather than guess.
 */
import type { HclDiagnostic, Range } from "./ast.js";

export type TokenType =
  | "{" | "}" | "[" | "]" | "(" | ")"
  | "oquote" | "cquote"
  | "*" | "/" | "+" | "-" | "%"
  | "=" | "==" | "!=" | "<" | "<=" | ">" | ">="
  | "&&" | "||" | "!"
  | "." | "," | "::" | "..." | "=>" | "?" | ":"
  | "interp" | "control" | "seqend"
  | "quotedlit" | "stringlit" | "number" | "ident"
  | "comment" | "newline" | "eof"
  | "&" | "|" | "~" | "^" | "'" | "`" | ";"
  | "quotednewline" | "invalid";

export interface Token {
  type: TokenType;
  start: number;
  end: number;
}

export class HeredocUnsupported extends Error {
  constructor(readonly offset: number) {
    super("heredoc templates are not supported in Terraform JSON strings");
  }
}

const SELF_TOKENS = new Set("[]().,*/%+-=<>!?:&|~^;`'");
const IDENT = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const HEREDOC = /<<-?[\p{ID_Start}_][\p{ID_Continue}-]*\r?\n/uy;
const DIGIT = /[0-9]/;
const TWO_CHARACTER_TOKENS = new Set(["==", "!=", ">=", "<=", "&&", "||", "::", "=>"]);

/**
 * Where an identifier starting at `i` ends (`i` when none does): HCL's (ID_Start | "_")
 * (ID_Continue | "-")*, ASCII ones without the Unicode-aware expression.
 */
function identifierEnd(text: string, i: number, code: number): number {
  const asciiStart = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
  if (asciiStart) {
    let j = i + 1;
    for (let k = text.charCodeAt(j); (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95 || k === 45; k = text.charCodeAt(++j));
    if (j >= text.length || text.charCodeAt(j) < 128) return j;
  } else if (code < 128) return i;
  IDENT.lastIndex = i;
  const match = IDENT.exec(text);
  return match ? i + match[0].length : i;
}

type Mode = "template" | "main" | "quoted";

/**
 * `mode`: `template` for a bare template (a JSON string in expression mode), `expression` for a
 * bare expression. Always ends with an `eof` token at `text.length`.
 */
export function scan(text: string, mode: "template" | "expression"): Token[] {
  const tokens: Token[] = [];
  const modes: Mode[] = [mode === "template" ? "template" : "main"];
  let braces = 0;
  const returnBraces: number[] = [];
  let i = 0;
  const emit = (type: TokenType, start: number, end: number) => {
    tokens.push({ type, start, end });
    i = end;
  };
  const enterSequence = (type: "interp" | "control") => {
    emit(type, i, i + (text[i + 2] === "~" ? 3 : 2));
    braces++;
    returnBraces.push(braces);
    modes.push("main");
  };

  while (i < text.length) {
    const current = modes[modes.length - 1]!;
    const c = text[i]!;
    if (current === "template" || current === "quoted") {
      if ((c === "$" || c === "%") && text[i + 1] === "{") {
        enterSequence(c === "$" ? "interp" : "control");
        continue;
      }
      const quoted = current === "quoted";
      if (quoted && c === '"') {
        emit("cquote", i, i + 1);
        modes.pop();
        continue;
      }
      if (quoted && (c === "\n" || c === "\r")) {
        let j = i;
        while (text[j] === "\n" || text[j] === "\r") j++;
        emit("quotednewline", i, j);
        continue;
      }
      const literal = quoted ? "quotedlit" : "stringlit";
      if (c === "$" || c === "%") {
        // `$${` (and `$${~`) is one token, the escape; any other `$` is one on its own.
        if (text[i + 1] === c && text[i + 2] === "{") emit(literal, i, i + (text[i + 3] === "~" ? 4 : 3));
        else if (i + 1 < text.length) emit(literal, i, i + 1);
        // HCL's scanner needs the next character to decide: at the very end a bare template takes
        // it as text, a quoted one as an invalid character.
        else emit(quoted ? "invalid" : "stringlit", i, i + 1);
        continue;
      }
      if (quoted && c === "\\" && (i + 1 === text.length || text[i + 1] === "\n" || text[i + 1] === "\r")) {
        emit("invalid", i, i + 1);
        continue;
      }
      const end = literalEnd(text, i, quoted);
      // A carriage return without its line feed stops HCL's scanner: the rest is text.
      if (!quoted && text[end] === "\r" && text[end + 1] !== "\n") emit("stringlit", i, text.length);
      else emit(literal, i, end);
      continue;
    }

    // Inside `${…}` or `%{…}`: expression tokens.
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      emit("number", i, numberEnd(text, i));
      continue;
    }
    const identifier = identifierEnd(text, i, code);
    if (identifier > i) {
      emit("ident", i, identifier);
      continue;
    }
    const next = text[i + 1];
    if (c === "#" || (c === "/" && next === "/")) {
      const newline = text.indexOf("\n", i);
      emit("comment", i, newline < 0 ? text.length : newline + 1);
      continue;
    }
    if (c === "/" && next === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close >= 0) {
        emit("comment", i, close + 2);
        continue;
      }
    }
    if (c === "\n" || (c === "\r" && next === "\n")) {
      emit("newline", i, i + (c === "\n" ? 1 : 2));
      continue;
    }
    if (c === "." && next === "." && text[i + 2] === ".") {
      emit("...", i, i + 3);
      continue;
    }
    const two = next !== undefined && TWO_CHARACTER_TOKENS.has(c + next) ? ((c + next) as TokenType) : undefined;
    if (two) {
      emit(two, i, i + 2);
      continue;
    }
    if (c === "{") {
      emit("{", i, i + 1);
      braces++;
      continue;
    }
    if (c === "}" || (c === "~" && next === "}")) {
      const closes = returnBraces.length > 0 && returnBraces[returnBraces.length - 1] === braces;
      // A `~}` always ends a sequence token: the parser then reports one used to close a brace.
      emit(closes || c === "~" ? "seqend" : "}", i, i + (c === "~" ? 2 : 1));
      braces--;
      if (closes) {
        returnBraces.pop();
        modes.pop();
      }
      continue;
    }
    if (c === '"') {
      emit("oquote", i, i + 1);
      modes.push("quoted");
      continue;
    }
    if (c === "<") {
      HEREDOC.lastIndex = i;
      if (HEREDOC.test(text)) throw new HeredocUnsupported(i);
    }
    if (SELF_TOKENS.has(c)) {
      emit(c as TokenType, i, i + 1);
      continue;
    }
    // One character (a whole code point) HCL does not use.
    emit("invalid", i, i + (c.codePointAt(0)! > 0xffff ? 2 : 1));
  }
  tokens.push({ type: "eof", start: text.length, end: text.length });
  return tokens;
}

/**
 * The end of a run of template text from `i`: up to the next `$` or `%`, or a newline (a bare
 * template's run takes one newline with it; a quoted template's stops before it, and at its
 * closing quote, a backslash taking the next character with it).
 */
function literalEnd(text: string, i: number, quoted: boolean): number {
  let j = i;
  while (j < text.length) {
    const c = text[j]!;
    if (c === "$" || c === "%") return j;
    if (c === "\n") return quoted ? j : j + 1;
    if (c === "\r") return quoted || text[j + 1] !== "\n" ? j : j + 2;
    if (quoted && c === '"') return j;
    if (quoted && c === "\\") {
      if (j + 1 >= text.length || text[j + 1] === "\n" || text[j + 1] === "\r") return j;
      j += 2;
      continue;
    }
    j++;
  }
  return j;
}

/** HCL's NumberLit: digits, `.` and exponents, never ending in `.` (`1.` is `1` then `.`). */
function numberEnd(text: string, i: number): number {
  let j = i + 1;
  let end = j;
  for (;;) {
    const c = text[j];
    if (c !== undefined && DIGIT.test(c)) end = ++j;
    else if (c === ".") j++;
    else if ((c === "e" || c === "E") && /^[+-]?[0-9]/.test(text.slice(j + 1, j + 3))) {
      j += text[j + 1] === "+" || text[j + 1] === "-" ? 3 : 2;
      end = j;
    } else return end;
  }
}

/** Tokens HCL rejects wherever they appear, worded as hclsyntax's checkInvalidTokens words them. */
export function lexicalDiagnostics(text: string, tokens: readonly Token[]): HclDiagnostic[] {
  const diagnostics: HclDiagnostic[] = [];
  let bitwise = 0;
  let backticks = 0;
  let apostrophes = 0;
  let semicolons = 0;
  const add = (token: Token, summary: string, detail: string) =>
    diagnostics.push({ summary, detail, subject: { start: token.start, end: token.end } satisfies Range });
  for (const token of tokens) {
    switch (token.type) {
      case "&":
      case "|":
      case "^":
      case "~":
        if (bitwise++ < 4) {
          const hint = { "&": ' Did you mean boolean AND ("&&")?', "|": ' Did you mean boolean OR ("||")?', "~": ' Did you mean boolean NOT ("!")?', "^": "" }[token.type];
          add(token, "Unsupported operator", `Bitwise operators are not supported.${hint}`);
        }
        break;
      case "`":
        if (backticks % 2 === 0) {
          add(token, "Invalid character", 'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".');
        }
        if (backticks <= 2) backticks++;
        break;
      case "'":
        if (apostrophes % 2 === 0) add(token, "Invalid character", 'Single quotes are not valid. Use double quotes (") to enclose strings.');
        if (apostrophes <= 2) apostrophes++;
        break;
      case ";":
        if (semicolons++ < 1) {
          add(
            token,
            "Invalid character",
            'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
          );
        }
        break;
      case "quotednewline":
        add(
          token,
          "Invalid multi-line string",
          'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
        );
        break;
      case "invalid": {
        const chars = text.slice(token.start, token.end);
        if (chars === "\u201c" || chars === "\u201d") {
          add(
            token,
            "Invalid character",
            '"Curly quotes" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a "straight quote".',
          );
        } else add(token, "Invalid character", "This character is not used within the language.");
        break;
      }
    }
  }
  return diagnostics;
}
