/**
 * Differences between Terraform's verdict and the checker's that are deliberate. Each one is
 * documented in test/conformance/README.md; the run counts them apart from real disagreements,
 * so a new kind of difference can never hide behind an old one.
 */
import { parsePointer } from "../../src/check/pointer.js";

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

const EXPRESSION_ERROR = /^(Reference to undeclared|Unclosed template interpolation|Invalid reference|Missing expression)/;

/** Same resource, data source or provider configuration: `/resource/<type>/<name>` or `/provider/<name>`. */
const sameBlock = (a: string, b: string) => {
  const depth = a.startsWith("/provider/") ? 2 : 3;
  const head = (p: string) => parsePointer(p).slice(0, depth).join("/");
  return head(a) === head(b);
};

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
      return typeof value === "string" && INTERPOLATION.test(value);
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
