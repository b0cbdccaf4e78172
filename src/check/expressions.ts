/**
 * Rules on the expressions themselves (expression-sites.ts says where they are):
 *
 * - `invalid-expression`: a template or expression that does not parse, with HCL's own message
 *   (Terraform reports it at plan and validate, and evaluates nothing else of the string);
 * - `unknown-function`: a call to a function the Terraform release checked against does not have
 *   (with did-you-mean, and the release that has it when another one does), a `core::` or
 *   `provider::` name before 1.8, a provider function of a provider `required_providers` does not
 *   declare, or one the provider's schema does not list. Snapshots extracted from bindings do not
 *   record provider functions: calls to those are left unchecked.
 *
 * Only strings with `${` or `%{` are parsed (a plain string is a literal), each once per process.
 * Traversal-mode strings (`depends_on`, `provider`, `ignore_changes`) are references, checked
 * with the references they name, not here.
 */
import type { Diagnostic } from "../core/diagnostic.js";
import { suggestNames } from "../core/suggest.js";
import { type FunctionCallSite, type HclDiagnostic, type ParseResult, functionCalls, memoize, parseExpressionText, parseTemplateText } from "../hcl/index.js";
import type { TerraformFunctions } from "../terraform/functions.js";
import { minorOf } from "../terraform/releases.js";
import type { ExpressionSite } from "./expression-sites.js";

export interface ExpressionCheckContext {
  file: string;
  address?: string;
  constructPath?: string;
  /**
   * The Terraform release checked against and its built-in functions (see `builtinFunctions`):
   * asked only for a call that not every release answers the same way, since finding out the
   * release may mean running `terraform version`.
   */
  terraform: () => { version: string; source: string; functions: BuiltinFunctions };
  /** Every release's function lists. */
  functions: () => TerraformFunctions;
  /** Provider functions by provider local name (see ProviderFunctions). */
  providerFunctions: (localName: string) => ProviderFunctions;
}

/** What is known of `provider::<local name>::…` functions in the document. */
export type ProviderFunctions =
  /** `required_providers` does not declare the local name, so Terraform offers none. */
  | { declared: false }
  /** Declared; `names` when the provider's schema lists its functions (`what` names that schema). */
  | { declared: true; names?: readonly string[]; what?: string };

/** What the rules read off a parse: its errors, or the functions it calls. */
interface Reading {
  errors: readonly HclDiagnostic[];
  calls: readonly FunctionCallSite[];
}

const reading = (parsed: ParseResult): Reading => ({
  errors: parsed.diagnostics,
  calls: parsed.diagnostics.length > 0 || parsed.unsupported ? [] : functionCalls(parsed.expression),
});
const readTemplate = memoize((text) => reading(parseTemplateText(text)));
const readExpression = memoize((text) => reading(parseExpressionText(text)));

/**
 * The findings on the sites a walk yields: `walk` calls its visitor with each site (see
 * expression-sites.ts: `bodyExpressions`, `documentExpressions`).
 */
export function checkExpressions(walk: (visit: (site: ExpressionSite & { address?: string }) => void) => void, context: ExpressionCheckContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const where = (site: ExpressionSite & { address?: string }) => ({
    file: context.file,
    pointer: site.pointer,
    ...((site.address ?? context.address) !== undefined ? { address: site.address ?? context.address } : {}),
    ...(context.constructPath !== undefined ? { constructPath: context.constructPath } : {}),
  });
  walk((site) => {
    if (site.mode === "traversal") return;
    // No parenthesis, no call: most strings are references, whose parse is quick and kept by no one.
    const read = site.mode === "template" ? (site.text.includes("(") ? readTemplate(site.text) : reading(parseTemplateText(site.text))) : readExpression(site.text);
    if (read.errors.length > 0) {
      diagnostics.push({ severity: "error", rule: "invalid-expression", ...where(site), ...describeSyntaxError(site, read.errors), suggestions: [] });
      return;
    }
    for (const call of read.calls) {
      const finding = unknownFunction(call, context);
      if (finding) diagnostics.push({ severity: "error", rule: "unknown-function", ...where(site), ...finding });
    }
  });
  return diagnostics;
}

function describeSyntaxError(site: ExpressionSite, errors: readonly HclDiagnostic[]): { message: string; detail: string } {
  const [first] = errors as [HclDiagnostic];
  const { start, end } = first.subject;
  const excerpt = start >= site.text.length ? "the end of the string" : `\`${clip(site.text.slice(start, Math.max(end, start + 1)))}\` (character ${start + 1})`;
  const more = errors.length > 1 ? ` HCL reports ${errors.length - 1} more error${errors.length > 2 ? "s" : ""} in this string.` : "";
  const what = site.key ? "object key" : site.mode === "expression" ? "expression" : "template";
  return {
    message: `${first.summary} in the ${what} ${JSON.stringify(clip(site.text))}`,
    detail: `${first.detail} At ${excerpt}.${more}`,
  };
}

function clip(text: string, limit = 60): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

type FunctionFinding = Pick<Diagnostic, "message" | "detail" | "suggestions">;

/** The function lists and the release standing for the version checked against, resolved once. */
export interface BuiltinFunctions {
  all: TerraformFunctions;
  release: string;
  available: ReturnType<TerraformFunctions["of"]>;
}

/** The lists of the release standing for `version`. */
export function builtinFunctions(version: string, all: TerraformFunctions): BuiltinFunctions {
  const release = all.nearestRelease(version);
  return { all, release, available: all.of(release) };
}

function unknownFunction(call: FunctionCallSite, context: ExpressionCheckContext): FunctionFinding | undefined {
  // The common case first, without asking which release: a built-in every release has.
  if (context.functions().inEveryRelease(call.name)) return undefined;
  const terraform = context.terraform();
  const { all, release, available } = terraform.functions;
  if (available.has(call.name)) return undefined;
  const against = `Terraform ${terraform.version} (${terraform.source})`;
  const since = (what: string) => `${what} need${what.endsWith("s") ? "" : "s"} Terraform ≥ 1.8; you are checking against ${against}`;
  const parts = call.name.split("::");
  const name = parts[parts.length - 1]!;

  if (parts.length === 1 || (parts.length === 2 && parts[0] === "core")) {
    const core = parts.length === 2;
    if (core && !available.coreNamespace) return { message: since(`"core::" function names`), detail: `Call "${name}" without the prefix.`, suggestions: [name] };
    if (available.has(name)) return undefined;
    const prefix = core ? "core::" : "";
    const having = all.releasesWith(name);
    if (having.length > 0) {
      const first = minorOf(having[0]!);
      const newer = all.releases().indexOf(having[0]!) > all.releases().indexOf(release);
      return {
        message: newer
          ? `Function "${call.name}" needs Terraform ≥ ${first}; you are checking against ${against}`
          : `Function "${call.name}" was removed after Terraform ${minorOf(having[having.length - 1]!)}; you are checking against ${against}`,
        detail: `Terraform ${minorOf(release)} has no function named "${name}" (Terraform ${having.map(minorOf).join(", ")} have it).`,
        suggestions: [],
      };
    }
    return {
      message: `Call to unknown function "${call.name}"`,
      detail: `There is no function named "${name}" in ${against}.`,
      suggestions: suggestNames(name, available.functions).map((s) => prefix + s),
    };
  }

  if (parts[0] !== "provider" || parts.length !== 3) {
    return {
      message: `Unknown provider function "${call.name}"`,
      detail:
        parts[0] !== "provider"
          ? `The function namespace "${parts[0]}" is not valid. Provider function calls must use the "provider::" namespace prefix.`
          : `The function call must include the provider name after the "provider::" prefix: provider::<name>::<function>.`,
      suggestions: [],
    };
  }
  if (!available.providerFunctions) return { message: since("Provider functions"), detail: `"${call.name}" is a provider function.`, suggestions: [] };
  const localName = parts[1]!;
  const provider = context.providerFunctions(localName);
  if (!provider.declared) {
    return {
      message: `Unknown provider function "${call.name}": provider "${localName}" is not declared in required_providers`,
      detail: `Terraform offers the functions of the providers a module declares in terraform.required_providers; declare "${localName}" there (a provider that offers a function named "${name}").`,
      suggestions: [],
    };
  }
  if (!provider.names || provider.names.includes(name)) return undefined;
  return {
    message: `Unknown provider function "${call.name}"`,
    detail: `The function "${name}" is not available from the provider "${localName}" (${provider.what}).`,
    suggestions: suggestNames(name, provider.names).map((s) => `provider::${localName}::${s}`),
  };
}
