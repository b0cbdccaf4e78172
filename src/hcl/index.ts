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
 * | a bare expression | each `lifecycle.replace_triggered_by` entry | `parseExpressionText` |
 * | a bare traversal (`name.attr[0]`, no `${}`) | `depends_on` entries, `provider`, `lifecycle.ignore_changes` entries (or the keyword `all`), a dynamic block's `iterator`, provisioner `when`/`on_failure` | `parseTraversal` |
 *
 * A string without `${` or `%{` (outside escapes) is a template of one literal: test that with
 * `isTemplateExpression` (a regular expression, no parse) before parsing anything, so that plain
 * values cost nothing. Parses are cached per string; results are shared, do not mutate them. A
 * caller that needs only a little of each tree (the rules need the errors and the called names)
 * parses uncached (`parseTemplateText`) and keeps that little with `memoize`: kept trees cost
 * memory, and every garbage collection after that.
 *
 * What a parse gives (`ParseResult`): the syntax tree (ast.ts) and HCL's own diagnostics, worded
 * as Terraform prints them, each with a `subject` range. Ranges are offsets into the decoded
 * string value (UTF-16 code units, end exclusive), which is how Terraform positions them too
 * (the decoded value placed right after the opening quote): map them to the file through the
 * JSON string's position and escapes. Heredocs are not read (`unsupported` says so; nothing is
 * known about such a string).
 *
 * What can be read off a tree (analysis.ts):
 * - `references(expr)`: what HCL's `Variables()` gives (the traversals the expression needs from
 *   its scope, names bound by `for` excluded), each followed through splats (`[*]`, `.*`),
 *   dynamic indexes and the attributes after them, each step with its range:
 *   `aws_subnet.a[*].id` is root `aws_subnet`, `.a`, `[*]`, `.id`;
 * - `functionCalls(expr)`: every call, its name as written (`upper`, `core::upper`,
 *   `provider::aws::arn_parse`) and the name's range;
 * - `walk`, `children`: the tree, with the names `for` expressions bind at each node;
 * - `mayBeNull(expr)`: whether the value may be null as far as the syntax shows.
 */
import { Generations } from "../core/generations.js";
import type { ParseResult, TraversalResult } from "./parser.js";
import { parseExpressionText, parseTemplateText, parseTraversalText } from "./parser.js";

/** The parse functions without the cache: for callers that keep only what they read off the tree. */
export { parseExpressionText, parseTemplateText };

export type * from "./ast.js";
export type { ParseResult, TraversalResult } from "./parser.js";
export { type FunctionCallSite, type Reference, type ReferenceStep, children, functionCalls, mayBeNull, references, walk } from "./analysis.js";
export { bareReference, isTemplateExpression } from "./interpolation.js";

/**
 * Documents repeat their expressions (`${aws_vpc.main.id}` in every subnet): parse each once,
 * remembering two generations (core/generations.ts) of at most 20,000 strings each by default
 * (about 1 KB per parse).
 */
const GENERATION = 20_000;

/** `parse`, remembered per string in two generations of `generation` strings; results are shared. */
export function memoize<T>(parse: (text: string) => T, generation = GENERATION): (text: string) => T {
  const remembered = new Generations<string, T>(generation);
  return (text) => {
    let result = remembered.get(text);
    if (result === undefined) remembered.set(text, (result = parse(text)));
    return result;
  };
}

/** A string as Terraform reads an argument value: a template (hclsyntax.ParseTemplate). */
export const parseTemplate: (text: string) => ParseResult = memoize(parseTemplateText);

/** A string as Terraform reads a `depends_on` entry or `provider` (hclsyntax.ParseTraversalAbs). */
export const parseTraversal: (text: string) => TraversalResult = memoize(parseTraversalText);
