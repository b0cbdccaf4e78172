/**
 * Differences between Terraform's verdict and the checker's that are deliberate. Each one is
 * documented in test/conformance/README.md; the run counts them apart from real disagreements,
 * so a new kind of difference can never hide behind an old one.
 */
import { joinPointer, parsePointer } from "../../src/core/pointer.js";

export interface Finding {
  pointer: string;
  message: string;
}

export interface DeliberateDifference {
  id: string;
  /** Why the checker differs; shown in reports and the README. */
  why: string;
  side: "terraform" | "checker";
  matches(finding: Finding, context: DifferenceContext): boolean;
}

export interface DifferenceContext {
  document: unknown;
  /** Everything Terraform reported for the configuration. */
  terraform: readonly Finding[];
}

function valueAt(document: unknown, pointer: string): unknown {
  let value = document;
  for (const step of parsePointer(pointer)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/**
 * What the checker reports of expressions itself: HCL's syntax errors and unknown functions
 * (invalid-expression, unknown-function), and what references name (invalid-reference: undeclared
 * names, attributes a schema or a variable's type lacks, instance keys, count/each/self out of
 * place, meta-argument references). Never excused as "not evaluated".
 */
const CHECKED_EXPRESSION_ERROR =
  /^(Unclosed template|Extra characters|Invalid template (directive|control)|Invalid 'for'|Invalid character|Unterminated|Unexpected|Invalid expression|Missing|Invalid attribute name|Invalid legacy|Nested splat|Unbalanced|Invalid number|Invalid escape|Unsupported operator|Invalid multi-line|Call to unknown function|Unknown provider function|Reference to|Invalid reference|Unsupported attribute|Invalid index|Cannot index a set value|Invalid operation|Missing resource instance key|Unexpected resource instance key|Invalid "(count|each|path|terraform|self)"|each\.value cannot be used|Invalid resource count attribute|Invalid depends_on reference|Invalid provider configuration reference|Provider configuration not present|Reserved symbol name)/;

/** Errors after which Terraform evaluates nothing else of a block (an expression it could not evaluate). */
const EXPRESSION_ERROR = CHECKED_EXPRESSION_ERROR;

/** What the checker says of a reference only `terraform plan` would reject (references.ts, PLAN_TIME). */
const PLAN_TIME = /terraform validate does not (report this|check replace_triggered_by)/;

/** A string that is one reference and nothing else (`${aws_vpc.main.id}`, `${var.names[0]}`): the checker resolves those. */
const LONE_REFERENCE = /^\$\{\s*(?!(true|false|null)\s*\})[A-Za-z_][\w-]*((\.[A-Za-z_][\w-]*|\.[0-9]+|\[("[^"]*"|[0-9]+|\*)\]|\.\*))*\s*\}$/;

/** Same resource, data source or provider configuration: `/resource/<type>/<name>` or `/provider/<name>`. */
const sameBlock = (a: string, b: string) => {
  const depth = a.startsWith("/provider/") ? 2 : 3;
  const head = (p: string) => parsePointer(p).slice(0, depth).join("/");
  return head(a) === head(b);
};

/** `${…}` references of a value: `module.x`, `local.x`, `type.name`, `data.type.name`. */
export function references(value: unknown): string[] {
  const found: string[] = [];
  const text = JSON.stringify(value ?? null);
  for (const [, expression] of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const [, address] of expression!.matchAll(/(?<![\w.])((?:module|local)\.[\w-]+|data\.[a-z][a-z0-9_]*\.[a-zA-Z_][\w-]*|[a-z][a-z0-9]*_[a-z0-9_]+\.[a-zA-Z_][\w-]*)/g)) found.push(address!);
  }
  return found;
}

const ADDRESS = /^(data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[\w-]+$/;

/** What a resource, data source or local refers to: `${…}` references, and the bare ones of `depends_on`. */
export function dependencies(value: unknown): string[] {
  const found = references(value);
  for (const instance of Array.isArray(value) ? value : [value]) {
    const dependsOn = instance !== null && typeof instance === "object" && !Array.isArray(instance) ? (instance as Record<string, unknown>).depends_on : undefined;
    if (Array.isArray(dependsOn)) for (const d of dependsOn) if (typeof d === "string" && ADDRESS.test(d)) found.push(d);
  }
  return found;
}

/** The graph node a pointer is in: `type.name`, `data.type.name`, `local.name`, `output.name`, `provider`. */
function nodeOf(pointer: string): string | undefined {
  const [section, a, b, c] = parsePointer(pointer);
  if (section === "resource" && a && b) return `${a}.${b}`;
  if (section === "data" && a && b) return `data.${a}.${b}`;
  if (section === "provider") return "provider";
  if (section === "locals" && a) return `local.${/^\d+$/.test(a) && b !== undefined && c === undefined ? b : a}`;
  if (section === "output" && a) return `output.${a}`;
  return undefined;
}

/** The graph nodes Terraform reported errors in; an unknown type (at `/resource/<type>`) fails every resource of it. */
function failedNodes(document: unknown, terraform: readonly Finding[]): Set<string> {
  const failed = new Set<string>();
  for (const { pointer } of terraform) {
    const node = nodeOf(pointer);
    if (node !== undefined) failed.add(node);
    const [section, type, name] = parsePointer(pointer);
    if ((section === "resource" || section === "data") && type && name === undefined) {
      for (const each of Object.keys((valueAt(document, `/${section}/${type}`) ?? {}) as object)) failed.add(section === "data" ? `data.${type}.${each}` : `${type}.${each}`);
    }
  }
  return failed;
}

/** Whether `node` depends, directly or not, on one of `failed` (resources and data sources also on their provider). */
function dependsOnFailed(document: unknown, node: string, failed: ReadonlySet<string>): boolean {
  const bodyOf = (n: string): unknown => {
    if (n.startsWith("output.")) return valueAt(document, `/output/${n.slice(7)}`);
    if (n.startsWith("local.")) {
      const locals = valueAt(document, "/locals");
      const blocks = Array.isArray(locals) ? locals : [locals];
      return blocks.map((l) => (l !== null && typeof l === "object" ? (l as Record<string, unknown>)[n.slice(6)] : undefined)).find((v) => v !== undefined);
    }
    const parts = n.split(".");
    return parts[0] === "data" ? valueAt(document, `/data/${parts[1]}/${parts[2]}`) : valueAt(document, `/resource/${parts[0]}/${parts[1]}`);
  };
  const seen = new Set([node]);
  const queue = [node];
  while (queue.length > 0) {
    const current = queue.pop()!;
    const next = [...dependencies(bodyOf(current)), ...(current.startsWith("local.") || current.startsWith("output.") ? [] : ["provider"])];
    for (const n of next) {
      if (failed.has(n)) return true;
      if (!seen.has(n) && n !== "provider") (seen.add(n), queue.push(n));
    }
  }
  return false;
}

// `${…}` not escaped as `$${…}`.
const INTERPOLATION = /(^|[^$])\$\{/;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A for_each Terraform cannot know at validate: an expression that refers to something
 * (variables, locals, resources, iterators), not a literal like `${[1]}`.
 */
function unknownForEach(forEach: unknown): boolean {
  if (typeof forEach !== "string" || !INTERPOLATION.test(forEach)) return false;
  return /[A-Za-z_][\w-]*\./.test(forEach.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

/**
 * The checker's findings about values (types, what objects lack or hold) and about the
 * expressions in them (in JSON a string is parsed as a template only when it is evaluated), as
 * compare.ts words them.
 */
const VALUE_FINDING = /^\[[a-z-]+\] (Inappropriate value|Unexpected attribute)|^\[(invalid-expression|unknown-function|invalid-reference|reference-type)\] /;

/** The dynamic blocks of `type` in a body's `dynamic` (an object of them by type, or an array of such objects). */
function dynamicSpecs(dynamic: unknown, type: string): Record<string, unknown>[] {
  const labelled = (Array.isArray(dynamic) ? dynamic : [dynamic]).filter(isObject).map((d) => d[type]);
  return labelled.flatMap((spec) => (Array.isArray(spec) ? spec : [spec])).filter(isObject);
}

/** Whether the finding is in a static block of some type that comes, in its body, after a dynamic block of that type with an unknown for_each. */
function afterUnknownDynamic(document: unknown, pointer: string): boolean {
  const steps = parsePointer(pointer);
  return steps.some((type, i) => {
    const body = valueAt(document, joinPointer("", ...steps.slice(0, i)));
    if (!isObject(body) || type === "dynamic") return false;
    const keys = Object.keys(body);
    return keys.includes("dynamic") && keys.indexOf("dynamic") < keys.indexOf(type) && dynamicSpecs(body.dynamic, type).some((spec) => unknownForEach(spec.for_each));
  });
}

/** Whether the finding is in the content of a dynamic block with an unknown for_each: `…/dynamic[/i]/<type>[/j]/content/…`. */
function inUnknownDynamicContent(document: unknown, pointer: string): boolean {
  const steps = parsePointer(pointer);
  const numeric = (step: string | undefined) => step !== undefined && /^\d+$/.test(step);
  return steps.some((step, i) => {
    if (step !== "dynamic") return false;
    let j = i + 1;
    if (numeric(steps[j])) j++;
    j++;
    if (numeric(steps[j])) j++;
    const spec = valueAt(document, joinPointer("", ...steps.slice(0, j)));
    return steps[j] === "content" && isObject(spec) && unknownForEach(spec.for_each);
  });
}

export const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
  {
    id: "expressions-not-evaluated",
    why:
      "Terraform evaluates every `${…}` expression during validate, with unknown values for what only plan knows: " +
      "the types of operations, literals and function results (`${[\"a\"]}` where a string is needed, `${true + 1}`). " +
      "The checker parses every expression and resolves its references (names, attributes, the types of referenced " +
      "attributes and typed variables), but does not evaluate the rest.",
    side: "terraform",
    matches: (finding, { document }) => {
      const value = valueAt(document, finding.pointer);
      return typeof value === "string" && INTERPOLATION.test(value) && !LONE_REFERENCE.test(value) && !CHECKED_EXPRESSION_ERROR.test(finding.message);
    },
  },
  {
    id: "references-checked-beyond-validate",
    why:
      "terraform validate gives resources values of unknown type and checks only the constant steps of a reference " +
      "against the schema (up to a splat or a computed index), and does not check replace_triggered_by; the checker " +
      "follows a reference through splats and indexes and knows its type from the schema, so it reports at synth " +
      "what terraform plan rejects: an attribute misspelt after `[*]` or `[count.index]`, a list where a string is " +
      "needed, a replace_triggered_by naming an undeclared resource.",
    side: "checker",
    matches: (finding) => PLAN_TIME.test(finding.message),
  },
  {
    id: "terraform-skips-ignore-changes-after-errors",
    why:
      "Terraform checks `lifecycle.ignore_changes` entries against the schema only when the rest of the resource " +
      "decoded without errors; the checker checks them in any case.",
    side: "checker",
    matches: (finding, { terraform }) =>
      /\/lifecycle(\/\d+)?\/ignore_changes\//.test(finding.pointer) && terraform.some((t) => sameBlock(t.pointer, finding.pointer)),
  },
  {
    id: "null-for-required",
    why:
      "Terraform core accepts `null` for a required argument when validating (decoding only checks that it is written); " +
      "every real provider then rejects it (`The argument … is required, but no definition was found` at plan). " +
      "The checker reports it at synth time, since null is how an unset optional value from CDK code comes out.",
    side: "checker",
    matches: (finding, { document }) => finding.message.startsWith("[missing-argument]") && valueAt(document, finding.pointer) === null,
  },
  {
    id: "terraform-skips-dependents-of-failures",
    why:
      "Terraform does not validate a resource, data source or output whose dependencies failed (a resource, data source " +
      "or local it refers to, or its provider configuration); the checker checks each one on its own, so one " +
      "mistake does not hide the others.",
    side: "checker",
    matches: (finding, { document, terraform }) => {
      // An unknown type is reported at /resource/<type>: every resource of the type must have been skipped.
      const [section, type, name] = parsePointer(finding.pointer);
      if (section === "output" && type) {
        return dependsOnFailed(document, `output.${type}`, failedNodes(document, terraform));
      }
      if ((section !== "resource" && section !== "data") || !type) return false;
      const names = name !== undefined ? [name] : Object.keys((valueAt(document, `/${section}/${type}`) ?? {}) as object);
      const nodes = names.map((n) => (section === "data" ? `data.${type}.${n}` : `${type}.${n}`));
      const failed = failedNodes(document, terraform);
      return nodes.length > 0 && nodes.every((node) => !failed.has(node) && dependsOnFailed(document, node, failed));
    },
  },
  {
    id: "terraform-defers-blocks-after-unknown-dynamic",
    why:
      "When a dynamic block whose for_each is unknown at validate comes before static blocks of the same type, " +
      "Terraform's decoder (hcldec) stops there and takes the whole list of blocks as unknown: the static blocks after it " +
      "are decoded only at plan, where their errors surface; the checker reports them now.",
    side: "checker",
    matches: (finding, { document }) => afterUnknownDynamic(document, finding.pointer),
  },
  {
    id: "terraform-defers-values-in-unknown-dynamic",
    why:
      "In the content of a dynamic block whose for_each is unknown at validate, Terraform checks names and structure " +
      "but not values (they are unknown until plan), nor the templates and references in them (a JSON string is parsed when evaluated); " +
      "the checker checks the values, templates and references written there now.",
    side: "checker",
    matches: (finding, { document }) => VALUE_FINDING.test(finding.message) && inUnknownDynamicContent(document, finding.pointer),
  },
  {
    id: "terraform-stops-at-expression-errors",
    why:
      "When an expression in a resource fails (an undeclared reference, broken template syntax), Terraform stops " +
      "evaluating that resource and reports nothing else in it; the checker still reports the resource's schema errors.",
    side: "checker",
    matches: (finding, { terraform }) =>
      terraform.some((t) => EXPRESSION_ERROR.test(t.message) && sameBlock(t.pointer, finding.pointer)),
  },
];

export function deliberateDifference(side: "terraform" | "checker", finding: Finding, context: DifferenceContext): DeliberateDifference | undefined {
  return DELIBERATE_DIFFERENCES.find((d) => d.side === side && d.matches(finding, context));
}
