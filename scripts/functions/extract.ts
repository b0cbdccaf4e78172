/**
 * The built-in functions of one Terraform release, read from `internal/lang/functions.go` at its
 * tag: the table `(*Scope).Functions` builds, as written in that release —
 *
 * - up to 1.7, a map literal assigned to `s.funcs`, then `s.funcs["name"] = …` additions;
 * - 1.8 to 1.14, a map literal `coreFuncs := map[…]{…}` plus `coreFuncs["name"] = …`, copied into
 *   `s.funcs` under each name and under `core::name`;
 * - from 1.15, `coreFuncs := baseFunctions(…)` (that function's map literal and additions) plus
 *   `coreFuncs["name"] = …`.
 *
 * Names added only `if s.ConsoleMode` (`type`) exist in `terraform console` alone and are left
 * out. Anything else in the source than these shapes is an error, not a guess.
 */
export interface ReleaseFunctions {
  /** Built-in function names, sorted. */
  functions: string[];
  /** Whether built-ins are also callable as `core::name` (1.8+). */
  coreNamespace: boolean;
  /** Whether `provider::<local name>::<function>` calls exist (1.8+). */
  providerFunctions: boolean;
}

export function extractFunctions(source: string): ReleaseFunctions {
  const scope = functionBody(source, "func (s *Scope) Functions()");
  const table = /range coreFuncs\b/.test(scope) ? "coreFuncs" : "s.funcs";
  const names = new Set<string>();
  const initial = new RegExp(`${table.replace(".", "\\.")}\\s*:?=\\s*(map\\[string\\]function\\.Function\\s*\\{|baseFunctions\\()`).exec(scope);
  if (!initial) throw new Error(`functions.go: no initial value for ${table} in (*Scope).Functions`);
  if (initial[1]!.startsWith("map")) {
    for (const name of mapLiteralKeys(scope, initial.index)) names.add(name);
  } else {
    const base = functionBody(source, "func baseFunctions(");
    const literal = /fs\s*:=\s*map\[string\]function\.Function\s*\{/.exec(base);
    if (!literal) throw new Error("functions.go: baseFunctions builds no map literal `fs`");
    for (const name of mapLiteralKeys(base, literal.index)) names.add(name);
    for (const name of assignedNames(base, "fs")) names.add(name);
  }
  for (const name of assignedNames(scope, table)) names.add(name);
  if (names.size < 50) throw new Error(`functions.go: only ${names.size} functions found; has the source changed shape?`);
  return {
    functions: [...names].sort(),
    coreNamespace: scope.includes('"core::"+name') || scope.includes('"core::" + name'),
    providerFunctions: scope.includes('"provider::%s::%s"'),
  };
}

/** The text between a Go function's opening and closing braces. */
function functionBody(source: string, signature: string): string {
  const at = source.indexOf(signature);
  if (at < 0) throw new Error(`functions.go: no ${signature}`);
  const open = source.indexOf("{", source.indexOf(")", at + signature.length - 1));
  return source.slice(open + 1, matchingBrace(source, open));
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "`") {
      const end = c === '"' ? /"(?:[^"\\\n]|\\.)*"/y : /`[^`]*`/y;
      end.lastIndex = i;
      const m = end.exec(text);
      if (m) i += m[0].length - 1;
    } else if (c === "/" && text[i + 1] === "/") i = text.indexOf("\n", i);
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  throw new Error("functions.go: unbalanced braces");
}

/** `"name": value,` keys at the top level of the map literal starting at `from`. */
function mapLiteralKeys(text: string, from: number): string[] {
  const open = text.indexOf("{", from);
  const body = text.slice(open + 1, matchingBrace(text, open));
  return [...body.matchAll(/^\s*"([a-z0-9_]+)":/gm)].map((m) => m[1]!);
}

/** `table["name"] = …` outside `if s.ConsoleMode { … }` blocks (console-only functions). */
function assignedNames(text: string, table: string): string[] {
  let outside = text;
  for (let at = outside.indexOf("if s.ConsoleMode {"); at >= 0; at = outside.indexOf("if s.ConsoleMode {")) {
    const open = outside.indexOf("{", at);
    outside = outside.slice(0, at) + outside.slice(matchingBrace(outside, open) + 1);
  }
  const pattern = new RegExp(`${table.replace(".", "\\.")}\\["([a-z0-9_]+)"\\]\\s*=`, "g");
  return [...outside.matchAll(pattern)].map((m) => m[1]!);
}
