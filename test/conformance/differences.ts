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
 * What the checker reports of expressions itself (invalid-expression, unknown-function): HCL's
 * syntax errors and unknown functions. Never excused as "not evaluated". (A traversal's "Invalid
 * expression: A single static variable reference is required" is a reference error, not these.)
 */
const CHECKED_EXPRESSION_ERROR =
  /^(Unclosed template|Extra characters|Invalid template (directive|control)|Invalid 'for'|Invalid character|Unterminated|Unexpected|Invalid expression: Expected|Missing|Invalid attribute name|Invalid legacy|Nested splat|Unbalanced|Invalid number|Invalid escape|Unsupported operator|Invalid multi-line|Call to unknown function|Unknown provider function)/;

const EXPRESSION_ERROR = /^(Reference to undeclared|Invalid reference)/;

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

/** The graph node a pointer is in: `type.name`, `data.type.name`, `local.name`, `provider`. */
function nodeOf(pointer: string): string | undefined {
  const [section, a, b, c] = parsePointer(pointer);
  if (section === "resource" && a && b) return `${a}.${b}`;
  if (section === "data" && a && b) return `data.${a}.${b}`;
  if (section === "provider") return "provider";
  if (section === "locals" && a) return `local.${/^\d+$/.test(a) && b !== undefined && c === undefined ? b : a}`;
  return undefined;
}

/** Whether `node` depends, directly or not, on one of `failed` (resources and data sources also on their provider). */
function dependsOnFailed(document: unknown, node: string, failed: ReadonlySet<string>): boolean {
  const bodyOf = (n: string): unknown => {
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
    const next = [...dependencies(bodyOf(current)), ...(current.startsWith("local.") ? [] : ["provider"])];
    for (const n of next) {
      if (failed.has(n)) return true;
      if (!seen.has(n) && n !== "provider") (seen.add(n), queue.push(n));
    }
  }
  return false;
}

// `${…}` not escaped as `$${…}`.
const INTERPOLATION = /(^|[^$])\$\{/;

export const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
  {
    id: "expressions-not-evaluated",
    why:
      "Terraform evaluates every `${…}` expression during validate (references, literals, template syntax); " +
      "the checker treats an interpolated string as a value of unknown type and checks only literal values.",
    side: "terraform",
    matches: (finding, { document }) => {
      const value = valueAt(document, finding.pointer);
      return typeof value === "string" && INTERPOLATION.test(value) && !CHECKED_EXPRESSION_ERROR.test(finding.message);
    },
  },
  {
    id: "meta-argument-references",
    why:
      "Terraform resolves the attribute references in `lifecycle.ignore_changes` and similar meta-arguments; " +
      "the checker checks resource arguments and blocks, not meta-argument expressions.",
    side: "terraform",
    matches: (finding) => /\/lifecycle\/(ignore_changes|replace_triggered_by)(\/|$)/.test(finding.pointer),
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
      "Terraform does not validate a resource or data source whose dependencies failed (a resource, data source " +
      "or local it refers to, or its provider configuration); the checker checks each one on its own, so one " +
      "mistake does not hide the others.",
    side: "checker",
    matches: (finding, { document, terraform }) => {
      // An unknown type is reported at /resource/<type>: every resource of the type must have been skipped.
      const [section, type, name] = parsePointer(finding.pointer);
      if ((section !== "resource" && section !== "data") || !type) return false;
      const names = name !== undefined ? [name] : Object.keys((valueAt(document, `/${section}/${type}`) ?? {}) as object);
      const nodes = names.map((n) => (section === "data" ? `data.${type}.${n}` : `${type}.${n}`));
      const failed = new Set(terraform.map((t) => nodeOf(t.pointer)).filter((n): n is string => n !== undefined));
      return nodes.length > 0 && nodes.every((node) => !failed.has(node) && dependsOnFailed(document, node, failed));
    },
  },
  {
    id: "terraform-stops-at-expression-errors",
    why:
      "When an expression in a resource fails (an undeclared reference, broken template syntax), Terraform stops " +
      "evaluating that resource and reports nothing else in it; the checker still reports the resource's schema errors.",
    side: "checker",
    matches: (finding, { terraform }) =>
      terraform.some((t) => (EXPRESSION_ERROR.test(t.message) || CHECKED_EXPRESSION_ERROR.test(t.message)) && sameBlock(t.pointer, finding.pointer)),
  },
  {
    id: "blocks-after-an-unknown-dynamic-block",
    why:
      "Terraform decodes the blocks of one type in file order and stops at a dynamic block whose for_each is not known yet " +
      "(an expression): `terraform validate` evaluates neither its content nor the blocks of that type after it. " +
      "Plan evaluates them once for_each is known; the checker checks them as written.",
    side: "checker",
    matches: (finding, { document }) => {
      const steps = parsePointer(finding.pointer);
      return steps.some((step, i) => {
        const body = valueAt(document, joinPointer("", ...steps.slice(0, i)));
        if (body === null || typeof body !== "object" || Array.isArray(body)) return false;
        const keys = Object.keys(body);
        const inDynamic = step === "dynamic";
        const type = inDynamic ? steps[i + 1] : step;
        if (type === undefined || (!inDynamic && keys.indexOf("dynamic") > keys.indexOf(type))) return false;
        const dynamic = (body as Record<string, unknown>).dynamic;
        const specs = (Array.isArray(dynamic) ? dynamic : [dynamic]).flatMap((d) => {
          const entry = d !== null && typeof d === "object" ? (d as Record<string, unknown>)[type] : undefined;
          return Array.isArray(entry) ? entry : [entry];
        });
        return specs.some((spec) => {
          const forEach = spec !== null && typeof spec === "object" ? (spec as Record<string, unknown>).for_each : undefined;
          return typeof forEach === "string" && INTERPOLATION.test(forEach);
        });
      });
    },
  },
];

export function deliberateDifference(side: "terraform" | "checker", finding: Finding, context: DifferenceContext): DeliberateDifference | undefined {
  return DELIBERATE_DIFFERENCES.find((d) => d.side === side && d.matches(finding, context));
}
