/**
 * What can be read off an expression without evaluating it: its children, its references
 * (HCL's `Variables()`) followed through indexes and splats, the functions it calls, and whether
 * it may evaluate to null.
 */
import type { Expression, ForExpression, Range, TraversalRoot, TraversalStep } from "./ast.js";

/** The direct sub-expressions of a node, in source order. */
export function children(expression: Expression): Expression[] {
  switch (expression.kind) {
    case "literal":
    case "traversal":
    case "splatItem":
    case "invalid":
      return [];
    case "template":
      return expression.parts;
    case "templateWrap":
      return [expression.wrapped];
    case "templateJoin":
      return [expression.tuple];
    case "relativeTraversal":
      return [expression.source];
    case "call":
      return expression.args;
    case "conditional":
      return [expression.condition, expression.trueResult, expression.falseResult];
    case "binary":
      return [expression.left, expression.right];
    case "unary":
      return [expression.operand];
    case "tuple":
      return expression.elements;
    case "object":
      return expression.items.flatMap((item) => [item.key, item.value]);
    case "for":
      return [expression.collection, ...(expression.key ? [expression.key] : []), expression.value, ...(expression.condition ? [expression.condition] : [])];
    case "index":
      return [expression.collection, expression.key];
    case "splat":
      return [expression.source, expression.each];
    case "parentheses":
      return [expression.expression];
  }
}

/**
 * Visits every node, parents first; a visit that returns false skips the node's children.
 * `locals` holds the names `for` expressions (and `%{for}` directives) bind around the node;
 * their collection is outside that scope, as in HCL.
 */
export function walk(expression: Expression, visit: (node: Expression, locals: ReadonlySet<string>) => boolean | void, locals: ReadonlySet<string> = new Set()): void {
  if (visit(expression, locals) === false) return;
  if (expression.kind === "for") {
    walk(expression.collection, visit, locals);
    const inner = forScope(expression, locals);
    for (const child of children(expression).slice(1)) walk(child, visit, inner);
    return;
  }
  if (expression.kind === "object") {
    for (const item of expression.items) {
      // A bare name as a key is the key's text, not a reference.
      if (!item.keyIsName) walk(item.key, visit, locals);
      walk(item.value, visit, locals);
    }
    return;
  }
  for (const child of children(expression)) walk(child, visit, locals);
}

function forScope(expression: ForExpression, locals: ReadonlySet<string>): ReadonlySet<string> {
  const inner = new Set(locals);
  inner.add(expression.valueVar);
  if (expression.keyVar !== undefined) inner.add(expression.keyVar);
  return inner;
}

/** A step of a reference: constant steps, and the ones only evaluation can resolve. */
export type ReferenceStep =
  | TraversalStep
  /** `[*]` (full) or `.*` (attribute-only): the following steps apply to every element. */
  | { kind: "splat"; full: boolean; range: Range }
  /** `[<expression>]`: an index only evaluation knows (its key's own references are listed apart). */
  | { kind: "index"; dynamic: true; keyExpression: Expression; range: Range };

/** A reference followed as far as it goes: `aws_subnet.a[*].id` is root `aws_subnet`, `.a`, `[*]`, `.id`. */
export interface Reference {
  root: TraversalRoot;
  steps: ReferenceStep[];
  /** From the root to the last step. */
  range: Range;
}

/**
 * Every reference an expression makes to its scope (the roots HCL's `Variables()` gives), each followed
 * through indexes (constant or not), splats and the attributes after them, so that a checker can
 * tell which attribute of what is used. References inside index keys are listed too.
 */
export function references(expression: Expression): Reference[] {
  const found: Reference[] = [];
  walk(expression, function visit(node, locals): boolean {
    const chain = postfixChain(node);
    if (!chain) return true;
    const { base } = chain;
    if (base.kind === "traversal" && !locals.has(base.root.name)) {
      const last = chain.steps.length > 0 ? chain.steps[chain.steps.length - 1]!.range : base.range;
      found.push({ root: base.root, steps: [...base.steps, ...chain.steps], range: { start: base.range.start, end: Math.max(base.range.end, last.end) } });
    } else if (base.kind !== "traversal") {
      // A name the enclosing `for` binds is no reference; anything else may hold some.
      walk(base, visit, locals);
    }
    for (const side of chain.sides) walk(side, visit, locals);
    return false;
  });
  return found;
}

interface PostfixChain {
  /** Where the chain starts: a traversal, or any other expression (a call, parentheses…). */
  base: Expression;
  steps: ReferenceStep[];
  /** Sub-expressions along the chain that are not part of it (index keys). */
  sides: Expression[];
}

/** Indexes, attribute steps and splats applied one after the other, from the inside out. */
function postfixChain(node: Expression): PostfixChain | undefined {
  const from = (source: Expression): PostfixChain => postfixChain(source) ?? { base: source, steps: [], sides: [] };
  switch (node.kind) {
    case "traversal":
      return { base: node, steps: [], sides: [] };
    case "relativeTraversal": {
      const chain = from(node.source);
      chain.steps.push(...node.steps);
      return chain;
    }
    case "index": {
      const chain = from(node.collection);
      chain.steps.push({ kind: "index", dynamic: true, keyExpression: node.key, range: node.bracketRange });
      chain.sides.push(node.key);
      return chain;
    }
    case "splat": {
      const chain = from(node.source);
      const each = from(node.each);
      const marker = each.base.kind === "splatItem" ? each.base.range : node.each.range;
      chain.steps.push({ kind: "splat", full: node.full, range: marker }, ...each.steps);
      chain.sides.push(...each.sides);
      return chain;
    }
    default:
      return undefined;
  }
}

/** A function call as written: `upper`, `core::upper`, `provider::aws::arn_parse`. */
export interface FunctionCallSite {
  name: string;
  nameRange: Range;
  range: Range;
}

export function functionCalls(expression: Expression): FunctionCallSite[] {
  const found: FunctionCallSite[] = [];
  walk(expression, (node) => {
    if (node.kind === "call") found.push({ name: node.name, nameRange: node.nameRange, range: node.range });
  });
  return found;
}

/** Roots whose values Terraform always knows not to be null. */
const NEVER_NULL_ROOTS = new Set(["count", "path", "terraform"]);
/** Functions that return null when given null (conversions, sensitivity), or may return null anyway. */
const NULL_THROUGH = new Set(["tostring", "tonumber", "tobool", "tolist", "toset", "tomap", "sensitive", "nonsensitive"]);
const MAY_RETURN_NULL = new Set(["one", "lookup", "element", "ephemeralasnull"]);

/**
 * Whether the expression may evaluate to null, as far as its syntax shows (Terraform's meaning of
 * the names): `null`, a reference (variables, locals, attributes, iterator values may all be
 * null), an index into a collection, a conditional with such a branch, `try(…)` with such an
 * argument, `one(…)`, `lookup(…)`, conversions of such a value. A template with text, an
 * operation, a constructor, a splat and most function calls never are. An expression a syntax
 * error left unknown may be anything.
 */
export function mayBeNull(expression: Expression): boolean {
  switch (expression.kind) {
    case "literal":
      return expression.type === "null";
    case "traversal":
      if (NEVER_NULL_ROOTS.has(expression.root.name)) return false;
      return !(expression.root.name === "each" && expression.steps[0]?.kind === "attr" && expression.steps[0].name === "key");
    case "relativeTraversal":
    case "index":
    case "invalid":
      return true;
    case "templateWrap":
      return mayBeNull(expression.wrapped);
    case "parentheses":
      return mayBeNull(expression.expression);
    case "conditional":
      return mayBeNull(expression.trueResult) || mayBeNull(expression.falseResult);
    case "call": {
      const name = expression.name.replace(/^core::/, "");
      if (MAY_RETURN_NULL.has(name)) return true;
      if (name === "try") return expression.args.some(mayBeNull);
      if (NULL_THROUGH.has(name)) return expression.args.length > 0 && mayBeNull(expression.args[0]!);
      return false;
    }
    default:
      return false;
  }
}
