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
import { type FunctionCallSite, type HclDiagnostic, functionCalls, isTemplateExpression, parseExpression, parseTemplate } from "../hcl/index.js";
import type { TerraformFunctions } from "../terraform/functions.js";
import { minorOf } from "../terraform/releases.js";
import type { ExpressionSite } from "./expression-sites.js";

export interface ExpressionCheckContext {
  file: string;
  address?: string;
  constructPath?: string;
  /** The Terraform release checked against, and the built-in function lists (loaded on first call). */
  terraform: { version: string; source: string; functions: () => TerraformFunctions };
  /** Provider functions by provider local name (see ProviderFunctions). */
  providerFunctions: (localName: string) => ProviderFunctions;
}

/** What is known of `provider::<local name>::…` functions in the document. */
export type ProviderFunctions =
  /** `required_providers` does not declare the local name, so Terraform offers none. */
  | { declared: false }
  /** Declared; `names` when the provider's schema lists its functions (`what` names that schema). */
  | { declared: true; names?: readonly string[]; what?: string };

export function checkExpressions(sites: Iterable<ExpressionSite & { address?: string }>, context: ExpressionCheckContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const site of sites) {
    if (site.mode === "traversal" || (site.mode === "template" && !isTemplateExpression(site.text))) continue;
    const parsed = site.mode === "template" ? parseTemplate(site.text) : parseExpression(site.text);
    const where = {
      file: context.file,
      pointer: site.pointer,
      ...((site.address ?? context.address) !== undefined ? { address: site.address ?? context.address } : {}),
      ...(context.constructPath !== undefined ? { constructPath: context.constructPath } : {}),
    };
    if (parsed.diagnostics.length > 0) {
      diagnostics.push({ severity: "error", rule: "invalid-expression", ...where, ...describeSyntaxError(site, parsed.diagnostics), suggestions: [] });
      continue;
    }
    if (parsed.unsupported) continue;
    for (const call of functionCalls(parsed.expression)) {
      const finding = unknownFunction(call, context);
      if (finding) diagnostics.push({ severity: "error", rule: "unknown-function", ...where, ...finding });
    }
  }
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

function unknownFunction(call: FunctionCallSite, context: ExpressionCheckContext): FunctionFinding | undefined {
  const { terraform } = context;
  const all = terraform.functions();
  const release = all.nearestRelease(terraform.version);
  const available = all.of(release);
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
