/**
 * The syntax tree of HCL's native expression and template language, as Terraform reads the
 * strings of a Terraform JSON file (see parser.ts for how text becomes a tree, analysis.ts for
 * what can be read off a tree).
 *
 * Every node carries its `range`: offsets into the *decoded* string value (the JSON string after
 * its own escapes are resolved), in UTF-16 code units as JavaScript indexes strings, `end`
 * exclusive. Terraform positions its diagnostics the same way (the decoded value placed just
 * after the opening quote), so a range maps back to the file by the JSON string's position and
 * its escapes.
 *
 * The node kinds follow hclsyntax's expression types one to one, so that what HCL's
 * documentation says about an expression type holds for the node of the same name:
 *
 * | kind | hclsyntax | example |
 * | --- | --- | --- |
 * | `literal` | LiteralValueExpr | `1`, `true`, `null`, a template's literal text |
 * | `template` | TemplateExpr | `a-${x}` (parts: literals and interpolated expressions) |
 * | `templateWrap` | TemplateWrapExpr | `${x}` alone: its value is `x`'s, not a string |
 * | `templateJoin` | TemplateJoinExpr | `%{for v in xs}${v}%{endfor}` (wraps a `for`) |
 * | `traversal` | ScopeTraversalExpr | `aws_s3_bucket.b.id`, `var.x[0]` |
 * | `relativeTraversal` | RelativeTraversalExpr | `.id` after `f(x)`, `(x)`, `[*]` items |
 * | `call` | FunctionCallExpr | `join(",", xs)`, `provider::aws::arn_parse(a)` |
 * | `conditional` | ConditionalExpr | `a ? b : c`, and `%{if}` directives |
 * | `binary`, `unary` | BinaryOpExpr, UnaryOpExpr | `a + b`, `!a`, `-a` |
 * | `tuple`, `object` | TupleConsExpr, ObjectConsExpr | `[a, b]`, `{ k = v }` |
 * | `for` | ForExpr | `[for s in xs : s.id if s.ok]`, `{for k, v in m : k => v...}` |
 * | `index` | IndexExpr | `xs[count.index]` (a key that is not a literal) |
 * | `splat`, `splatItem` | SplatExpr, AnonSymbolExpr | `xs[*].id`, `xs.*.id` |
 * | `parentheses` | ParenthesesExpr | `(a + b)` |
 * | `invalid` | ExprSyntaxError / placeholder | what a syntax error left |
 */

/** `[start, end)` in UTF-16 code units of the decoded string. */
export interface Range {
  start: number;
  end: number;
}

export type LiteralValue = string | number | boolean | null;

export interface Literal {
  kind: "literal";
  /** `number` keeps the literal's text too (`text`), since cty numbers are arbitrary-precision. */
  type: "string" | "number" | "bool" | "null";
  value: LiteralValue;
  text?: string;
  range: Range;
}

export interface Template {
  kind: "template";
  parts: Expression[];
  range: Range;
}

export interface TemplateWrap {
  kind: "templateWrap";
  wrapped: Expression;
  range: Range;
}

export interface TemplateJoin {
  kind: "templateJoin";
  tuple: ForExpression;
  range: Range;
}

/** One step after a traversal's root: `.name`, `[<literal>]`, or the legacy `.0`. */
export type TraversalStep =
  | { kind: "attr"; name: string; range: Range }
  | { kind: "index"; key: LiteralValue; range: Range }
  /** An index HCL could not read (`a.0.1`, legacy chaining): its key is unknown. */
  | { kind: "index"; key?: undefined; dynamic: true; range: Range };

export interface TraversalRoot {
  name: string;
  range: Range;
}

/** A variable reference: a root name and constant steps, `var.subnets[0].id`. */
export interface ScopeTraversal {
  kind: "traversal";
  root: TraversalRoot;
  steps: TraversalStep[];
  range: Range;
}

/** Constant steps applied to another expression's value: `f(x).id`, `(x)[0]`. */
export interface RelativeTraversal {
  kind: "relativeTraversal";
  source: Expression;
  steps: TraversalStep[];
  range: Range;
}

export interface FunctionCall {
  kind: "call";
  /** As written, namespaces included: `upper`, `core::upper`, `provider::aws::arn_parse`. */
  name: string;
  nameRange: Range;
  args: Expression[];
  /** The last argument is expanded (`f(xs...)`). */
  expandFinal: boolean;
  range: Range;
}

export interface Conditional {
  kind: "conditional";
  condition: Expression;
  trueResult: Expression;
  falseResult: Expression;
  range: Range;
}

export type BinaryOperator = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";

export interface BinaryOperation {
  kind: "binary";
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
  range: Range;
}

export interface UnaryOperation {
  kind: "unary";
  operator: "-" | "!";
  operand: Expression;
  range: Range;
}

export interface TupleConstructor {
  kind: "tuple";
  elements: Expression[];
  range: Range;
}

export interface ObjectItem {
  /**
   * The key as parsed. A bare identifier (`{ name = 1 }`) is the literal name (`keyIsName`), not
   * a reference; parentheses force an expression (`{ (var.k) = 1 }`).
   */
  key: Expression;
  keyIsName: boolean;
  value: Expression;
}

export interface ObjectConstructor {
  kind: "object";
  items: ObjectItem[];
  range: Range;
}

export interface ForExpression {
  kind: "for";
  /** `{for …}` builds an object, `[for …]` a tuple (and so does a template's `%{for}`). */
  object: boolean;
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  /** Object `for` only: the expression before `=>`. */
  key?: Expression;
  value: Expression;
  condition?: Expression;
  /** `...` after the value: values grouped by key. */
  group: boolean;
  range: Range;
}

export interface IndexExpression {
  kind: "index";
  collection: Expression;
  key: Expression;
  /** From `[` to `]`. */
  bracketRange: Range;
  range: Range;
}

export interface Splat {
  kind: "splat";
  source: Expression;
  /** What each element becomes: `splatItem`, or steps applied to it (`[*].id`). */
  each: Expression;
  /** `[*]` (full) or `.*` (attribute-only). */
  full: boolean;
  range: Range;
}

/** The element a splat applies its steps to (HCL's anonymous symbol). */
export interface SplatItem {
  kind: "splatItem";
  range: Range;
}

export interface Parentheses {
  kind: "parentheses";
  expression: Expression;
  range: Range;
}

/** Where a syntax error left no expression: unknown value, no children. */
export interface Invalid {
  kind: "invalid";
  range: Range;
}

export type Expression =
  | Literal
  | Template
  | TemplateWrap
  | TemplateJoin
  | ScopeTraversal
  | RelativeTraversal
  | FunctionCall
  | Conditional
  | BinaryOperation
  | UnaryOperation
  | TupleConstructor
  | ObjectConstructor
  | ForExpression
  | IndexExpression
  | Splat
  | SplatItem
  | Parentheses
  | Invalid;

/** A syntax error, worded as HCL words it (Terraform prints these unchanged). */
export interface HclDiagnostic {
  summary: string;
  detail: string;
  /** The offending part of the string. */
  subject: Range;
}
