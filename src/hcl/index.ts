/**
 * The expression language of Terraform JSON: the lowest floor of the checker beside src/core,
 * used by the validators and the checker, importing nothing above it.
 *
 * In a `*.tf.json` file every string Terraform evaluates is HCL source (hclsyntax), read in one
 * of three ways, and each has its parse function here:
 *
 * | how Terraform reads the string | where (Terraform 1.11) | function |
 * | --- | --- | --- |
 * | a template: literal text with `${…}` interpolations and `%{if}`/`%{for}` directives, `$${` and `%%{` escaping them | every argument value and object key inside one, `count`, `for_each`, dynamic blocks' `for_each` and `labels`, locals, outputs, module arguments, conditions | `parseTemplate` |
 * | a bare expression | each `lifecycle.replace_triggered_by` entry | `parseExpression` |
 * | a bare traversal (`name.attr[0]`, no `${}`) | `depends_on` entries, `provider`, `lifecycle.ignore_changes` entries (or the keyword `all`), a dynamic block's `iterator`, provisioner `when`/`on_failure` | `parseTraversal` |
 *
 * A string without `${` or `%{` (outside escapes) is a template of one literal: test that with
 * `isTemplateExpression` (a regular expression, no parse) before parsing anything, so that plain
 * values cost nothing. Parses are cached per string; results are shared, do not mutate them.
 *
 * What a parse gives (`ParseResult`): the syntax tree (ast.ts) and HCL's own diagnostics, worded
 * as Terraform prints them, each with a `subject` range. Ranges are offsets into the decoded
 * string value (UTF-16 code units, end exclusive), which is how Terraform positions them too
 * (the decoded value placed right after the opening quote): map them to the file through the
 * JSON string's position and escapes. Heredocs are not read (`unsupported` says so; nothing is
 * known about such a string).
 *
 * What can be read off a tree (analysis.ts):
 * - `variables(expr)`: HCL's `Variables()`, the traversals the expression needs from its scope
 *   (root name, constant attribute and index steps), names bound by `for` excluded;
 * - `references(expr)`: the same roots followed through splats (`[*]`, `.*`), dynamic indexes
 *   and the attributes after them, each step with its range: `aws_subnet.a[*].id` is root
 *   `aws_subnet`, `.a`, `[*]`, `.id`;
 * - `functionCalls(expr)`: every call, its name as written (`upper`, `core::upper`,
 *   `provider::aws::arn_parse`) and the name's range;
 * - `walk`, `children`: the tree, with the names `for` expressions bind at each node;
 * - `mayBeNull(expr)`: whether the value may be null as far as the syntax shows.
 */
import type { ParseResult, TraversalResult } from "./parser.js";
import { parseExpressionText, parseTemplateText, parseTraversalText } from "./parser.js";

export type * from "./ast.js";
export type { ParseResult, TraversalResult } from "./parser.js";
export { type FunctionCallSite, type Reference, type ReferenceStep, type Traversal, children, functionCalls, mayBeNull, references, variables, walk } from "./analysis.js";
export { isTemplateExpression } from "./interpolation.js";

/** Documents repeat their expressions (`${aws_vpc.main.id}` in every subnet): parse each once. */
const CACHE_LIMIT = 50_000;

function cached<T>(parse: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let result = cache.get(text);
    if (result === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      result = parse(text);
      cache.set(text, result);
    }
    return result;
  };
}

/** A string as Terraform reads an argument value: a template (hclsyntax.ParseTemplate). */
export const parseTemplate: (text: string) => ParseResult = cached(parseTemplateText);

/** A string as Terraform reads a `replace_triggered_by` entry (hclsyntax.ParseExpression). */
export const parseExpression: (text: string) => ParseResult = cached(parseExpressionText);

/** A string as Terraform reads a `depends_on` entry or `provider` (hclsyntax.ParseTraversalAbs). */
export const parseTraversal: (text: string) => TraversalResult = cached(parseTraversalText);
