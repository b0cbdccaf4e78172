/**
 * Just enough of Go to read schema literals out of Terraform's backend sources: a tokenizer and
 * an expression parser for composite literals (`configschema.Block{…}`, `map[string]*schema.Schema{…}`),
 * calls, selectors, literals and `+`. Package-level `var x = …` and `func f() T { return … }`
 * are indexed so references between them can be followed.
 */

export type Token =
  | { t: "ident"; v: string }
  | { t: "string"; v: string }
  | { t: "number"; v: string }
  | { t: "punct"; v: string };

export type Node =
  | { kind: "composite"; type?: string; elements: { key?: Node; value: Node }[] }
  | { kind: "name"; name: string }
  | { kind: "call"; fn: Node; args: Node[] }
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "unary"; op: string; expr: Node }
  | { kind: "binary"; op: string; left: Node; right: Node }
  | { kind: "func" };

const PUNCT = ["...", "&&", "||", ":=", "==", "!=", "<=", ">=", "<-", "++", "--", "+=", "-="];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) i++;
    else if (source.startsWith("//", i)) i = source.indexOf("\n", i) < 0 ? source.length : source.indexOf("\n", i);
    else if (source.startsWith("/*", i)) i = source.indexOf("*/", i + 2) + 2;
    else if (c === '"') {
      let j = i + 1;
      while (source[j] !== '"') j += source[j] === "\\" ? 2 : 1;
      tokens.push({ t: "string", v: unescapeGo(source.slice(i + 1, j)) });
      i = j + 1;
    } else if (c === "`") {
      const j = source.indexOf("`", i + 1);
      tokens.push({ t: "string", v: source.slice(i + 1, j) });
      i = j + 1;
    } else if (c === "'") {
      const j = source.indexOf("'", i + 1 + (source[i + 1] === "\\" ? 1 : 0));
      tokens.push({ t: "string", v: source.slice(i + 1, j) });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 200))!;
      tokens.push({ t: "ident", v: m[0] });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9a-fA-FxX._]*/.exec(source.slice(i, i + 50))!;
      tokens.push({ t: "number", v: m[0] });
      i += m[0].length;
    } else {
      const long = PUNCT.find((p) => source.startsWith(p, i));
      tokens.push({ t: "punct", v: long ?? c });
      i += long?.length ?? 1;
    }
  }
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", '"': '"', "'": "'" };

/** Go's interpreted string escapes: \n, \xHH, \NNN (octal), \uHHHH, \UHHHHHHHH. */
function unescapeGo(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return SIMPLE_ESCAPES[e] ?? e;
  });
}

export class Parser {
  pos = 0;
  constructor(readonly tokens: Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  is(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && (t.t === "punct" || t.t === "ident") && t.v === v;
  }
  expect(v: string): void {
    if (!this.is(v)) throw new Error(`expected "${v}" at token ${this.pos}, got ${JSON.stringify(this.peek())}`);
    this.pos++;
  }

  /** Skips a balanced (…), […] or {…} group starting at the current token. */
  skipGroup(): void {
    const open = this.peek()!.v;
    const close = open === "(" ? ")" : open === "[" ? "]" : "}";
    let depth = 0;
    do {
      const t = this.tokens[this.pos++]!;
      if (t.t === "punct" && t.v === open) depth++;
      else if (t.t === "punct" && t.v === close) depth--;
    } while (depth > 0);
  }

  /** Past a function's result types to the `{` of its body (result types may hold `interface{}`). */
  skipToBody(): void {
    while (!this.is("{")) {
      if (this.is("(") || this.is("[")) this.skipGroup();
      else if (this.is("interface") || this.is("struct")) {
        this.pos++;
        this.skipGroup();
      } else this.pos++;
    }
  }

  /** A type: `map[K]V`, `[]T`, `*T`, `pkg.Name`, `func(…) …`. */
  parseType(): string {
    if (this.is("*")) {
      this.pos++;
      return `*${this.parseType()}`;
    }
    if (this.is("[")) {
      this.expect("[");
      this.expect("]");
      return `[]${this.parseType()}`;
    }
    if (this.is("map")) {
      this.pos++;
      this.expect("[");
      const key = this.parseType();
      this.expect("]");
      return `map[${key}]${this.parseType()}`;
    }
    return this.qualifiedName();
  }

  qualifiedName(): string {
    let name = (this.tokens[this.pos++] as { v: string }).v;
    while (this.is(".") && this.peek(1)?.t === "ident") {
      this.pos++;
      name += `.${(this.tokens[this.pos++] as { v: string }).v}`;
    }
    return name;
  }

  parseExpression(): Node {
    let left = this.parseUnary();
    while (this.is("+") || this.is("||") || this.is("&&")) {
      const op = this.peek()!.v;
      this.pos++;
      left = { kind: "binary", op, left, right: this.parseUnary() };
    }
    return left;
  }

  parseUnary(): Node {
    if (this.is("&") || this.is("-") || this.is("!")) {
      const op = this.peek()!.v;
      this.pos++;
      return { kind: "unary", op, expr: this.parseUnary() };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  parsePrimary(): Node {
    const t = this.peek();
    if (!t) throw new Error("unexpected end of source");
    if (t.t === "string") {
      this.pos++;
      return { kind: "string", value: t.v };
    }
    if (t.t === "number") {
      this.pos++;
      return { kind: "number", value: Number(t.v.replace(/_/g, "")) };
    }
    if (this.is("(")) {
      this.pos++;
      const inner = this.parseExpression();
      this.expect(")");
      return inner;
    }
    if (this.is("{")) return this.parseCompositeBody(undefined);
    if (this.is("func")) {
      // A function literal: its body is code, not data.
      this.pos++;
      this.skipGroup();
      this.skipToBody();
      this.skipGroup();
      return { kind: "func" };
    }
    if (this.is("[") || this.is("map") || this.is("*")) {
      const type = this.parseType();
      return this.is("{") ? this.parseCompositeBody(type) : { kind: "name", name: type };
    }
    if (t.t === "ident") {
      const name = this.qualifiedName();
      if (this.is("{")) return this.parseCompositeBody(name);
      return { kind: "name", name };
    }
    throw new Error(`unexpected token ${JSON.stringify(t)} at ${this.pos}`);
  }

  /** Calls and selectors. A method called on an expression, `x.M(a)`, becomes a call of `.M` with arguments (x, a). */
  parsePostfix(node: Node): Node {
    for (;;) {
      if (this.is("(")) {
        node = { kind: "call", fn: node, args: this.parseArguments() };
      } else if (this.is("[")) {
        // An index expression, `x["k"]`: kept as a call of `[]`.
        this.pos++;
        const index = this.parseExpression();
        this.expect("]");
        node = { kind: "call", fn: { kind: "name", name: "[]" }, args: [node, index] };
      } else if (this.is(".") && this.peek(1)?.t === "ident") {
        this.pos++;
        const member = (this.tokens[this.pos++] as { v: string }).v;
        if (node.kind === "name") node = { kind: "name", name: `${node.name}.${member}` };
        else node = { kind: "call", fn: { kind: "name", name: `.${member}` }, args: [node, ...(this.is("(") ? this.parseArguments() : [])] };
      } else return node;
    }
  }

  parseArguments(): Node[] {
    this.expect("(");
    const args: Node[] = [];
    while (!this.is(")")) {
      args.push(this.parseExpression());
      if (this.is("...")) this.pos++;
      if (this.is(",")) this.pos++;
    }
    this.pos++;
    return args;
  }

  parseCompositeBody(type: string | undefined): Node {
    this.expect("{");
    const elements: { key?: Node; value: Node }[] = [];
    while (!this.is("}")) {
      const first = this.parseExpression();
      if (this.is(":")) {
        this.pos++;
        elements.push({ key: first, value: this.parseExpression() });
      } else elements.push({ value: first });
      if (this.is(",")) this.pos++;
    }
    this.pos++;
    return { kind: "composite", ...(type ? { type } : {}), elements };
  }
}

/** Package-level declarations of one Go package (all its non-test files). */
export interface GoPackage {
  vars: Map<string, Node>;
  /** Functions and methods (`Type.Method`) whose body holds `return <expression>`: every such expression. */
  returns: Map<string, Node[]>;
  /**
   * Every `schema.Backend{…}` (legacy SDK) and `backendbase.Base{…}` literal, wherever it is:
   * backends build one in `New` with the schema in its `Schema` field.
   */
  schemaHolders: Node[];
  tokens: Token[][];
}

export function readPackage(files: string[]): GoPackage {
  const pkg: GoPackage = { vars: new Map(), returns: new Map(), schemaHolders: [], tokens: [] };
  for (const source of files) {
    const tokens = tokenize(source);
    pkg.tokens.push(tokens);
    tokens.forEach((t, i) => {
      const holder = (t.v === "schema" && tokens[i + 2]?.v === "Backend") || (t.v === "backendbase" && tokens[i + 2]?.v === "Base");
      if (holder && tokens[i + 1]?.v === "." && tokens[i + 3]?.v === "{") {
        const p = new Parser(tokens);
        p.pos = i;
        try {
          pkg.schemaHolders.push(p.parsePrimary());
        } catch (err) {
          const near = tokens.slice(Math.max(0, p.pos - 8), p.pos + 4).map((x) => x.v).join(" ");
          throw new Error(`${t.v} literal: ${(err as Error).message} near: ${near}`);
        }
      }
    });
    const p = new Parser(tokens);
    let depth = 0;
    while (p.pos < tokens.length) {
      const t = tokens[p.pos]!;
      if (t.t === "punct" && (t.v === "{" || t.v === "(" || t.v === "[")) depth++;
      else if (t.t === "punct" && (t.v === "}" || t.v === ")" || t.v === "]")) depth--;
      if (depth === 0 && t.t === "ident" && (t.v === "var" || t.v === "const")) {
        p.pos++;
        if (p.is("(")) {
          p.pos++;
          while (!p.is(")")) readDeclaration(p, pkg);
          p.pos++;
        } else readDeclaration(p, pkg);
        continue;
      }
      if (depth === 0 && t.t === "ident" && t.v === "func") {
        p.pos++;
        let receiver = "";
        if (p.is("(")) {
          const start = p.pos;
          p.skipGroup();
          const inner = tokens.slice(start, p.pos).filter((x) => x.t === "ident").map((x) => x.v);
          receiver = `${inner.at(-1)}.`;
        }
        const name = receiver + (tokens[p.pos++] as { v: string }).v;
        p.skipToBody();
        const bodyStart = p.pos;
        p.skipGroup();
        const bodyEnd = p.pos;
        const returns: Node[] = [];
        for (let i = bodyStart; i < bodyEnd; i++) {
          const token = tokens[i]!;
          if (token.t !== "ident" || token.v !== "return") continue;
          const inner = new Parser(tokens);
          inner.pos = i + 1;
          try {
            returns.push(inner.parseExpression());
          } catch {
            // Returns of code we do not model.
          }
        }
        pkg.returns.set(name, returns);
        continue;
      }
      p.pos++;
    }
  }
  return pkg;
}

/** `name [Type] = value` (one of a `var`/`const` group); unreadable values are skipped to the next line's name. */
function readDeclaration(p: Parser, pkg: GoPackage): void {
  const name = p.peek()!.v;
  p.pos++;
  while (!p.is("=") && !p.is(")") && p.peek()?.t !== "ident") p.pos++;
  if (p.peek()?.t === "ident" && !p.is("=")) {
    // A type before `=`, or a bare `iota`-style name: skip the type.
    try {
      p.parseType();
    } catch {
      p.pos++;
    }
  }
  if (!p.is("=")) return;
  p.pos++;
  const start = p.pos;
  try {
    pkg.vars.set(name, p.parseExpression());
  } catch {
    p.pos = start + 1;
    while (p.pos < p.tokens.length && !(p.peek()?.t === "ident" && (p.is("=", 1) || p.peek(1)?.t === "ident")) && !p.is(")")) p.pos++;
  }
}
