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
 * The references in them (and traversal-mode strings: `depends_on`, `provider`, `ignore_changes`
 * entries) are resolved in the module's scope when the context has one (references.ts,
 * reference-type.ts). Every finding is placed in its string: `within` receives the offset in the
 * decoded value of the part it is about.
 */
import type { Diagnostic } from "../core/diagnostic.js";
import { clip, suggestNames } from "../core/suggest.js";
import { type FunctionCallSite, type HclDiagnostic, type ParseResult, type Reference, functionCalls, memoize, parseExpressionText, parseTemplateText, parseTraversal, references } from "../hcl/index.js";
import type { TerraformFunctions } from "../terraform/functions.js";
import { minorOf } from "../terraform/releases.js";
import type { ExpressionSite } from "./expression-sites.js";
import { type ReferenceFinding, type ReferenceScope, replay, resolveTemplate, resolveTraversal } from "./references.js";
import { interpolatedType, wholeValueType } from "./reference-type.js";

/** How much of a string a message quotes. */
const QUOTED = 60;

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
  /** Where the site's references are resolved; without it they are not checked. */
  references?: (site: ExpressionSite) => ReferenceScope;
  /** Where in its string a finding is: an offset into the decoded value (`key`: the string is the object key). */
  within?: (diagnostic: Diagnostic, offset: number, key: boolean) => void;
}

/** What is known of `provider::<local name>::…` functions in the document. */
export type ProviderFunctions =
  /** `required_providers` does not declare the local name, so Terraform offers none. */
  | { declared: false }
  /** Declared; `names` when the provider's schema lists its functions (`what` names that schema). */
  | { declared: true; names?: readonly string[]; what?: string };

/** What the rules read off a parse: its errors, or the functions it calls and the references it makes. */
interface Reading {
  errors: readonly HclDiagnostic[];
  calls: readonly FunctionCallSite[];
  references: readonly Reference[];
  /** The reference that is the template's whole value (`${aws_vpc.main.id}`), by index. */
  whole: number;
  /** References interpolated into text (`arn:${…}:x`), by index: their values become strings. */
  interpolated: readonly number[];
}

const NONE: Reading = { errors: [], calls: [], references: [], whole: -1, interpolated: [] };

function reading(parsed: ParseResult): Reading {
  if (parsed.diagnostics.length > 0) return { ...NONE, errors: parsed.diagnostics };
  if (parsed.unsupported) return NONE;
  const { expression } = parsed;
  // What cdktf writes most, a lone reference (`${aws_vpc.main.id}`), read without a walk.
  if (expression.kind === "templateWrap" && expression.wrapped.kind === "traversal") {
    const { root, steps, range } = expression.wrapped;
    return { errors: [], calls: [], references: [{ root, steps, range }], whole: 0, interpolated: [] };
  }
  const found = references(expression);
  const at = (start: number, end: number) => found.findIndex((r) => r.range.start === start && r.range.end === end);
  const whole = expression.kind === "templateWrap" ? at(expression.wrapped.range.start, expression.wrapped.range.end) : -1;
  const interpolated = expression.kind === "template" ? expression.parts.filter((p) => p.kind !== "literal").map((p) => at(p.range.start, p.range.end)).filter((i) => i >= 0) : [];
  return { errors: [], calls: functionCalls(expression), references: found, whole, interpolated };
}
const readTemplate = memoize((text) => reading(parseTemplateText(text)));
/**
 * Most strings are references (`${aws_vpc.main.id}`): quick to parse, and many are written once
 * (`${aws_subnet.subnet_7.id}`), so few are kept: enough for those a stack repeats in every
 * resource, not so many that keeping the others costs more than parsing them again.
 */
const readReference = memoize((text) => reading(parseTemplateText(text)), 500);
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
  const push = (site: ExpressionSite, diagnostic: Diagnostic, offset: number) => {
    diagnostics.push(diagnostic);
    context.within?.(diagnostic, offset, site.key);
  };
  walk((site) => {
    const scope = context.references?.(site);
    const report = (finding: ReferenceFinding) => {
      const { offset, ...rest } = finding;
      push(site, { ...rest, ...where(site) }, offset);
    };
    if (site.mode === "traversal") {
      if (scope && site.role !== "keyword") resolveTraversal(parseTraversal(site.text), site, scope, report);
      return;
    }
    // No parenthesis, no call: a reference, or text with references in it.
    const read = site.mode === "template" ? (site.text.includes("(") ? readTemplate(site.text) : readReference(site.text)) : readExpression(site.text);
    if (read.errors.length > 0) {
      push(site, { severity: "error", rule: "invalid-expression", ...where(site), ...describeSyntaxError(site, read.errors), suggestions: [] }, read.errors[0]!.subject.start);
      return;
    }
    for (const call of read.calls) {
      const finding = unknownFunction(call, context);
      if (finding) push(site, { severity: "error", rule: "unknown-function", ...where(site), ...finding }, call.nameRange.start);
    }
    if (!scope) return;
    const resolution = resolveTemplate(read.references, site, scope);
    read.references.forEach((reference, i) => {
      replay(resolution[i]!, site, scope, report);
      const { resolved } = resolution[i]!;
      const written = site.text.slice(reference.range.start, reference.range.end);
      const finding = i === read.whole ? wholeValueType(site, resolved, written, reference.range.start) : read.interpolated.includes(i) ? interpolatedType(resolved, written, reference.range.start) : undefined;
      if (finding) report(finding);
    });
  });
  return diagnostics;
}

function describeSyntaxError(site: ExpressionSite, errors: readonly HclDiagnostic[]): { message: string; detail: string } {
  const [first] = errors as [HclDiagnostic];
  const { start, end } = first.subject;
  const excerpt = start >= site.text.length ? "the end of the string" : `\`${clip(site.text.slice(start, Math.max(end, start + 1)), QUOTED)}\` (character ${start + 1})`;
  const more = errors.length > 1 ? ` HCL reports ${errors.length - 1} more error${errors.length > 2 ? "s" : ""} in this string.` : "";
  const what = site.key ? "object key" : site.mode === "expression" ? "expression" : "template";
  return {
    message: `${first.summary} in the ${what} ${JSON.stringify(clip(site.text, QUOTED))}`,
    detail: `${first.detail} At ${excerpt}.${more}`,
  };
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
