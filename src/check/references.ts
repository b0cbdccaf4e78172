/**
 * Rule `invalid-reference`: what each reference in an expression names must exist, as Terraform
 * resolves it (internal/addrs ParseRef, then the evaluator's static validation and lookups; the
 * wording is Terraform 1.11's):
 *
 * - `aws_x.name` / `data.aws_x.name`: a resource or data source the module declares ("Reference to
 *   undeclared resource"); an index only on one with `count` or `for_each` ("Unexpected resource
 *   instance key") and, on those, attributes only through an instance ("Missing resource instance
 *   key"); then the steps after it against the type's schema (reference-steps.ts: "Unsupported
 *   attribute", "Cannot index a set value", …);
 * - `var.x`, `local.x`, `module.x`: declared ("Reference to undeclared input variable / local
 *   value / module"); a typed variable's steps against its type;
 * - `count.index` only with `count`, `each.key`/`each.value` only with `for_each`, `self` only in
 *   provisioners, connections and postconditions, `path.module|root|cwd`, `terraform.workspace`,
 *   a dynamic block's iterator as `<name>.key` / `<name>.value`;
 * - meta-arguments: `depends_on` entries name whole objects, `ignore_changes` entries paths of the
 *   resource's own arguments, `replace_triggered_by` entries resources, and `provider` a provider
 *   configuration the module has (a `provider` block with that alias, or one it receives through
 *   `configuration_aliases`).
 *
 * What cannot be known is never reported: module outputs (`module.x.anything`), a remote state's
 * `outputs`, `dynamic`-typed attributes, variables without a type (or `any`), the attributes of
 * resources whose provider has no schema here, for_each resources read through a splat. Where
 * Terraform's validate stops (it types resources as unknown values: steps after a splat or a
 * computed index, conversions) and only plan fails, the finding says so.
 */
import type { Diagnostic } from "../core/diagnostic.js";
import { Generations } from "../core/generations.js";
import { clip, didYouMean, suggestNames } from "../core/suggest.js";
import type { Range, Reference, ReferenceStep, TraversalResult } from "../hcl/index.js";
import type { CtyType, SchemaBlock } from "../schema/format.js";
import { type ModuleDeclarations, type ResourceDeclaration, address } from "./declarations.js";
import type { ExpressionSite } from "./expression-sites.js";
import { type Shape, type StepProblem, blockType, followSteps } from "./reference-steps.js";

/** How much of a reference's string a message quotes. */
const QUOTED = 80;

/** Where the references of a block's expressions are resolved. */
export interface ReferenceScope {
  declarations: ModuleDeclarations;
  /** The schema of a declared resource's type; undefined when it is not known here. */
  schema(resource: ResourceDeclaration): SchemaBlock | undefined;
  /** The resource, data source or module call whose expressions these are, and its repetition. */
  owner?: ResourceDeclaration;
  count: boolean;
  forEach: boolean;
  /** A name the module may declare in a file the checker cannot read (used at `site`): said once per document. */
  unseen(name: string, site: ExpressionSite): void;
  /**
   * Resolutions by template text, shared by every scope of one document (see `resolveTemplate`):
   * not of one module, whose files may each require other provider versions.
   */
  resolutions: Generations<string, TemplateResolution>;
}

/** A finding inside one expression string, at `offset` in its decoded value. */
export interface ReferenceFinding extends Pick<Diagnostic, "severity" | "message" | "detail" | "suggestions"> {
  rule: "invalid-reference" | "reference-type";
  offset: number;
}

/** What the reference resolves to, for the type rule: its type when the steps tell it. */
export interface Resolved {
  type?: CtyType;
  /** The type is known only at plan (a resource's value: validate does not type it). */
  atPlan?: boolean;
}

/** Said of findings only `terraform plan` would report, and why validate does not. */
export const PLAN_TIME = "terraform validate does not report this (it does not know the values of resources, not even their types); terraform plan fails with it.";
export const PLAN_TIME_IN_TEXT = "terraform validate does not report this (it converts only known values into text); terraform plan fails with it.";

const RESERVED = new Set(["template", "lazy", "arg"]);

/** What resolving one reference of a template gave: its type, and what it reported, in order. */
export interface ReferenceResolution {
  resolved: Resolved;
  events: readonly ({ finding: ReferenceFinding } | { unseen: string })[];
}

export type TemplateResolution = readonly ReferenceResolution[];

/** Roots whose meaning depends on the block or the site (count, for_each, provisioners). */
const BLOCK_ROOTS = new Set(["count", "each", "self"]);

/**
 * Resolves the references of a template site. A stack refers to the same things from many
 * resources (`${aws_vpc.main.id}`), and where nothing about the site changes what a reference
 * means (no dynamic block's iterator, no meta-argument's role, no `count`, `each` or `self`),
 * the outcome depends on the text, the module's declarations and the document's provider
 * schemas alone: it is worked out once per text in a document and given again (findings
 * reported again, at each site). Two generations of `REMEMBERED` texts are kept (see
 * templateResolutions): a document of distinct references does not keep them all.
 */
export function resolveTemplate(references: readonly Reference[], site: ExpressionSite, scope: ReferenceScope): TemplateResolution {
  if (references.length === 0) return [];
  const { resolutions } = scope;
  const text = site.text;
  const reusable = site.iterators.length === 0 && site.role === undefined && references.every((r) => !BLOCK_ROOTS.has(r.root.name));
  let resolution = reusable ? resolutions.get(text) : undefined;
  if (resolution) return resolution;
  resolution = references.map((reference) => {
    const events: ReferenceResolution["events"][number][] = [];
    const recording: ReferenceScope = { ...scope, unseen: (name) => events.push({ unseen: name }) };
    const resolved = new Resolver(reference, site, recording, text, (finding) => events.push({ finding })).resolve();
    return { resolved, events };
  });
  if (reusable) resolutions.set(text, resolution);
  return resolution;
}

const REMEMBERED = 20_000;

/** A document's remembered resolutions (see resolveTemplate). */
export function templateResolutions(): ReferenceScope["resolutions"] {
  return new Generations(REMEMBERED);
}

/** Says again at `site` what resolving a reference reported. */
export function replay(resolution: ReferenceResolution, site: ExpressionSite, scope: ReferenceScope, report: (finding: ReferenceFinding) => void): void {
  for (const event of resolution.events) {
    if ("unseen" in event) scope.unseen(event.unseen, site);
    else report({ ...event.finding, suggestions: [...event.finding.suggestions] });
  }
}

class Resolver {
  private readonly steps: readonly ReferenceStep[];
  /** How many steps are constant (Terraform's traversal: up to the first splat or computed index). */
  private readonly constant: number;

  constructor(
    private readonly reference: Reference,
    private readonly site: ExpressionSite,
    private readonly scope: ReferenceScope,
    private readonly text: string,
    private readonly report: (finding: ReferenceFinding) => void,
  ) {
    this.steps = reference.steps;
    const dynamic = this.steps.findIndex((s) => s.kind === "splat" || "dynamic" in s);
    this.constant = dynamic < 0 ? this.steps.length : dynamic;
  }

  resolve(): Resolved {
    const { root } = this.reference;
    const name = root.name;
    if (this.site.iterators.includes(name)) return this.iterator();
    if (this.site.role === "replace_triggered_by" && ["var", "local", "module", "path", "terraform", "self", "data", "ephemeral"].includes(name)) {
      this.error(root.range, "Invalid reference in replace_triggered_by expression", "Only resources, count.index, and each.key may be used in replace_triggered_by.");
      return {};
    }
    switch (name) {
      case "count":
        return this.single((attribute, range) => {
          if (attribute === "index") {
            if (!this.scope.count || this.site.role === "repetition" || this.site.role === "depends_on") {
              this.error(range, 'Reference to "count" in non-counted context', 'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.');
            }
            return { type: "number" };
          }
          this.error(range, 'Invalid "count" attribute', `The "count" object does not have an attribute named "${attribute}". The only supported attribute is count.index, which is the index of each instance of a resource block that has the "count" argument set.`);
          return {};
        });
      case "each":
        return this.single((attribute, range) => {
          const available = this.scope.forEach && this.site.role !== "repetition" && this.site.role !== "depends_on";
          if (attribute === "value" && !available) {
            this.error(
              range,
              "each.value cannot be used in this context",
              'A reference to "each.value" has been used in a context in which it is unavailable, such as when the configuration no longer contains the value in its "for_each" expression. Remove this reference to each.value in your configuration to work around this error.',
            );
          } else if (attribute === "key" && !available) {
            this.error(range, 'Reference to "each" in context without for_each', 'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" argument is set.');
          } else if (attribute !== "key" && attribute !== "value") {
            this.error(range, 'Invalid "each" attribute', `The "each" object does not have an attribute named "${attribute}". The supported attributes are each.key and each.value, the current key and value pair of the "for_each" attribute set.`);
          }
          return attribute === "key" ? { type: "string" } : {};
        });
      case "self":
        return this.self();
      case "var":
        return this.single((variable, range, rest) => {
          const { declarations } = this.scope;
          if (!declarations.variables.has(variable)) {
            if (this.unseen(`var.${variable}`)) return {};
            const suggestions = suggestNames(variable, declarations.variables.keys());
            this.error(
              range,
              "Reference to undeclared input variable",
              `An input variable with the name "${variable}" has not been declared.${suggestions.length > 0 ? ` Did you mean "${suggestions[0]}"?` : ` This variable can be declared with a variable "${variable}" {} block.`}`,
              suggestions,
            );
            return {};
          }
          const type = declarations.variableType(variable);
          if (type === undefined || this.site.role === "depends_on") return {};
          // Validate gives variables unknown values of their declared type: every step is checked now.
          return this.follow({ kind: "type", type }, rest, 0, false);
        });
      case "local":
        return this.single((local, range) => {
          const { declarations } = this.scope;
          if (!declarations.locals.has(local) && !this.unseen(`local.${local}`)) {
            const suggestions = suggestNames(local, declarations.locals);
            this.error(range, "Reference to undeclared local value", `A local value with the name "${local}" has not been declared.${didYouMean(suggestions)}`, suggestions);
          }
          return {};
        });
      case "module":
        return this.single((module, range) => {
          const { declarations } = this.scope;
          if (!declarations.modules.has(module) && !this.unseen(`module.${module}`)) {
            const suggestions = suggestNames(module, declarations.modules);
            this.error(range, "Reference to undeclared module", `No module call named "${module}" is declared in ${declarations.description}.${didYouMean(suggestions)}`, suggestions);
          }
          return {};
        });
      case "path":
        return this.single((attribute, range) => {
          if (attribute === "module" || attribute === "root" || attribute === "cwd") return { type: "string" };
          const suggestions = suggestNames(attribute, ["cwd", "module", "root"]);
          this.error(range, 'Invalid "path" attribute', `The "path" object does not have an attribute named "${attribute}".${didYouMean(suggestions)}`, suggestions);
          return {};
        });
      case "terraform":
        return this.single((attribute, range) => {
          if (attribute === "workspace") return { type: "string" };
          if (attribute === "applying") return { type: "bool" };
          this.error(
            range,
            'Invalid "terraform" attribute',
            attribute === "env"
              ? 'The terraform.env attribute was deprecated in v0.10 and removed in v0.12. The "state environment" concept was renamed to "workspace" in v0.12, and so the workspace name can now be accessed using the terraform.workspace attribute.'
              : `The "terraform" object does not have an attribute named "${attribute}". The only supported attributes are terraform.workspace, the name of the currently-selected workspace, and terraform.applying, a boolean which is true only during apply.`,
            attribute === "env" ? ["workspace"] : [],
          );
          return {};
        });
      case "data":
        return this.resource("data", 1);
      case "resource":
        return this.resource("managed", 1);
      case "ephemeral":
        // Ephemeral resources (Terraform 1.10) have no schemas here: nothing is known of them.
        return {};
      default:
        if (RESERVED.has(name)) {
          this.error(
            root.range,
            "Reserved symbol name",
            `The symbol name "${name}" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix "resource." to force interpretation as a resource type name.`,
          );
          return {};
        }
        return this.resource("managed", 0);
    }
  }

  /** `count.index`, `var.name`…: a root that takes one attribute, then what follows it. */
  private single(resolve: (name: string, range: Range, rest: readonly ReferenceStep[]) => Resolved): Resolved {
    const { root } = this.reference;
    const first = this.steps[0];
    if (!first || this.constant === 0) {
      this.error(root.range, "Invalid reference", `The "${root.name}" object cannot be accessed directly. Instead, access one of its attributes.`);
      return {};
    }
    if (first.kind !== "attr") {
      this.error(first.range, "Invalid reference", `The "${root.name}" object does not support this operation.`);
      return {};
    }
    return resolve(first.name, span(root.range, first.range), this.steps.slice(1));
  }

  /** A dynamic block's iterator: an object with `key` and `value`. */
  private iterator(): Resolved {
    const first = this.steps[0];
    if (first?.kind === "attr" && first.name !== "key" && first.name !== "value") {
      this.error(first.range, "Unsupported attribute", `This object does not have an attribute named "${first.name}". A dynamic block's iterator "${this.reference.root.name}" has the attributes key and value.`, suggestNames(first.name, ["key", "value"]));
    }
    return {};
  }

  private self(): Resolved {
    const { root } = this.reference;
    const owner = this.scope.owner;
    if (!this.site.self || !owner) {
      this.error(root.range, 'Invalid "self" reference', 'The "self" object is not available in this context. This object can be used only in resource provisioner, connection, and postcondition blocks.');
      return {};
    }
    const schema = this.scope.schema(owner);
    return schema ? this.follow({ kind: "block", block: schema }, this.steps, this.constant, true) : {};
  }

  /** `type.name…` (managed, from the root) or `data.type.name…` / `resource.type.name…` (`skip` = 1). */
  private resource(mode: "managed" | "data", skip: 0 | 1): Resolved {
    const { root } = this.reference;
    const steps = this.steps;
    const constant = this.constant;
    const what = mode === "data" ? "a data source" : "a resource type";
    if (skip === 1) {
      if (constant < 2) {
        const detail =
          root.name === "data"
            ? 'The "data" object must be followed by two attribute names: the data source type and the resource name.'
            : 'The "resource" object must be followed by two attribute names: the resource type and the resource name.';
        this.error(span(root.range, constant > 0 ? steps[constant - 1]!.range : root.range), "Invalid reference", detail);
        return {};
      }
      if (steps[0]!.kind !== "attr") {
        this.error(steps[0]!.range, "Invalid reference", `The "${root.name}" object does not support this operation.`);
        return {};
      }
    }
    const type = skip === 1 ? (steps[0] as { name: string }).name : root.name;
    const nameStep = steps[skip];
    if (nameStep === undefined || skip >= constant) {
      this.error(span(root.range, skip > 0 ? steps[skip - 1]!.range : root.range), "Invalid reference", `A reference to ${what} must be followed by at least one attribute access, specifying the resource name.`);
      return {};
    }
    if (nameStep.kind !== "attr") {
      this.error(nameStep.range, "Invalid reference", `A reference to ${what} must be followed by at least one attribute access, specifying the resource name.`);
      return {};
    }
    const declared: ResourceDeclaration = { mode, type, name: nameStep.name, count: false, forEach: false, provider: "" };
    const key = address(declared);
    const rest = steps.slice(skip + 1);
    const restConstant = constant - skip - 1;
    const keyed = rest[0]?.kind === "index" && restConstant > 0;
    const range = span(root.range, keyed ? rest[0]!.range : nameStep.range);
    const after = keyed ? rest.slice(1) : rest;
    if (this.site.role === "depends_on" && after.length > 0) {
      // Terraform stops there: it looks nothing up for such an entry.
      this.error(after[0]!.range, "Invalid depends_on reference", "References in depends_on must be to a whole object (resource, etc), not to an attribute of an object.");
      return {};
    }
    const resource = this.scope.declarations.resource(mode, type, nameStep.name);
    if (!resource) {
      if (this.unseen(key)) return {};
      this.undeclared(declared, range);
      return {};
    }
    if (this.site.role === "replace_triggered_by") return this.trigger(resource, rest, restConstant);

    // Instance keys: as Terraform checks them statically, by the resource's count and for_each.
    const repeated = resource.count || resource.forEach;
    if (keyed && !repeated) {
      this.error(
        range,
        "Unexpected resource instance key",
        `Because ${key} does not have "count" or "for_each" set, references to it must not include an index key. Remove the bracketed index to refer to the single instance of this resource.`,
        [key],
      );
    } else if (!keyed && repeated && restConstant > 0) {
      const how = resource.count ? "count" : "for_each";
      this.error(
        range,
        "Missing resource instance key",
        `Because ${key} has "${how}" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    ${key}[${resource.count ? "count.index" : "each.key"}]`,
        [`${key}[${resource.count ? "count.index" : "each.key"}]`],
      );
    }
    if (this.site.role === "depends_on") return {};
    const first = after[0];
    if (first?.kind === "attr" && first.name === "count" && (keyed ? restConstant > 1 : restConstant > 0)) {
      this.error(range, "Invalid resource count attribute", `The special "count" attribute is no longer supported after Terraform v0.12. Instead, use length(${key}) to count resource instances.`, [`length(${key})`]);
      return {};
    }
    const schema = this.scope.schema(resource);
    if (!schema) return {};
    const instance: Shape = { kind: "block", block: schema };
    const staticAfter = keyed ? restConstant - 1 : restConstant;
    if (keyed || !repeated || staticAfter > 0) {
      // One instance (or, missing its key, reported above and then read as one, as Terraform does).
      return this.follow(instance, after, staticAfter, true);
    }
    // The whole resource, a splat over it, or an instance by a computed key.
    if (first === undefined) return { type: [resource.count ? "list" : "map", blockType(schema)], atPlan: true };
    // A for_each resource is an object of instances by key: what a splat over it gives, only its keys tell.
    if (first.kind === "splat") return resource.count ? this.follow(instance, after, 0, true) : {};
    return this.follow(instance, after.slice(1), 0, true);
  }

  /** A `replace_triggered_by` entry's resource: Terraform looks its attributes up in the planned change, and a wrong one never triggers. */
  private trigger(resource: ResourceDeclaration, rest: readonly ReferenceStep[], restConstant: number): Resolved {
    const schema = this.scope.schema(resource);
    if (!schema) return {};
    const after = rest[0]?.kind === "index" ? rest.slice(1) : rest;
    const result = followSteps({ kind: "block", block: schema }, after, rest[0]?.kind === "index" ? restConstant - 1 : restConstant);
    if (result.problem) {
      this.finding("warning", result.problem.range, result.problem.summary, `${result.problem.detail} In replace_triggered_by, Terraform compares this path of the planned change and finds nothing, so the replacement is never triggered.`, result.problem.suggestions);
    }
    return {};
  }

  private undeclared(declared: ResourceDeclaration, range: Range): void {
    const { declarations } = this.scope;
    const key = address(declared);
    const kind = declared.mode === "data" ? "data" : "managed";
    const other = declared.mode === "managed" ? declarations.resource("data", declared.type, declared.name) : undefined;
    const sameType = declarations.resourceNames(declared.mode, declared.type);
    const suggestions = other ? [address(other)] : suggestNames(key, declarations.resourceAddresses(declared.mode));
    const declaredHere =
      sameType.length > 0
        ? ` ${declarations.description[0]!.toUpperCase()}${declarations.description.slice(1)} declares ${sameType.length === 1 ? "one" : sameType.length} ${declared.type} ${declared.mode === "data" ? "data source" : "resource"}${sameType.length === 1 ? "" : "s"}: ${sameType.slice(0, 5).join(", ")}${sameType.length > 5 ? ", …" : ""}.`
        : "";
    const when = this.site.role === "replace_triggered_by" ? " terraform validate does not check replace_triggered_by; terraform plan fails with it." : "";
    this.error(
      range,
      "Reference to undeclared resource",
      `A ${kind} resource "${declared.type}" "${declared.name}" has not been declared in ${declarations.description}.${other ? `\n\nDid you mean the data resource ${address(other)}?` : ""}${declaredHere}${when}`,
      suggestions,
    );
  }

  /**
   * The steps from a shape: the first `constant` ones the static way (what validate checks), the
   * rest as evaluation does. `resource` marks a resource's value (validate does not type it).
   */
  private follow(shape: Shape, steps: readonly ReferenceStep[], constant: number, resource: boolean): Resolved {
    const result = followSteps(shape, steps, constant);
    if (result.problem) {
      const atPlan = resource && result.problem.range.start >= (steps[constant]?.range.start ?? Infinity);
      this.problem(result.problem, atPlan);
      return {};
    }
    return result.type === undefined ? {} : { type: result.type, ...(resource ? { atPlan: true } : {}) };
  }

  private problem(problem: StepProblem, atPlan: boolean): void {
    this.error(problem.range, problem.summary, atPlan ? `${problem.detail} ${PLAN_TIME}` : problem.detail, problem.suggestions);
  }

  /** Whether `name` may be declared where the checker cannot see (then it is not reported). */
  private unseen(name: string): boolean {
    if (this.scope.declarations.incomplete === undefined) return false;
    this.scope.unseen(name, this.site);
    return true;
  }

  private error(range: Range, summary: string, detail: string, suggestions: string[] = []): void {
    this.finding("error", range, summary, detail, suggestions);
  }

  private finding(severity: "error" | "warning", range: Range, summary: string, detail: string, suggestions: string[]): void {
    const written = this.text.slice(this.reference.range.start, this.reference.range.end);
    this.report({ severity, rule: "invalid-reference", message: `${summary}: ${clip(written, QUOTED)}`, detail, suggestions, offset: range.start });
  }
}

function span(from: Range, to: Range): Range {
  return { start: from.start, end: Math.max(from.end, to.end) };
}

/**
 * A bare traversal of a meta-argument (`depends_on`, `provider`, `ignore_changes`): parse errors
 * worded as Terraform's configuration loader words them, then what it names.
 */
export function resolveTraversal(parsed: TraversalResult, site: ExpressionSite, scope: ReferenceScope, report: (finding: ReferenceFinding) => void): void {
  const error = (offset: number, summary: string, detail: string, suggestions: string[] = []) =>
    report({ severity: "error", rule: "invalid-reference", message: `${summary}: ${clip(site.text, QUOTED)}`, detail, suggestions, offset });
  const traversal = parsed.traversal;
  if (site.role === "provider") {
    const alias = traversal?.steps[0];
    if (parsed.diagnostics.length > 0 || !traversal || traversal.steps.length > 1 || (alias && alias.kind !== "attr")) {
      error(0, "Invalid provider configuration reference", "The provider argument requires a provider type name, optionally followed by a period and then a configuration alias.");
      return;
    }
    if (!alias) return;
    const configuration = `${traversal.root.name}.${alias.name}`;
    const { declarations } = scope;
    if (declarations.providerConfigurations.has(configuration) || declarations.configurationAliases.has(configuration)) return;
    if (declarations.incomplete !== undefined) return scope.unseen(`provider ${configuration}`, site);
    const sameProvider = [...declarations.providerConfigurations, ...declarations.configurationAliases].filter((c) => c.startsWith(`${traversal.root.name}.`));
    error(
      0,
      "Provider configuration not present",
      `${scope.owner ? address(scope.owner) : "This"} uses the provider configuration ${configuration}, but ${declarations.description} has no provider "${traversal.root.name}" block with alias "${alias.name}" (nor "${configuration}" in the configuration_aliases of required_providers). ` +
        (sameProvider.length > 0 ? `It has ${sameProvider.join(", ")}.` : `It has no aliased configuration of "${traversal.root.name}".`),
      suggestNames(configuration, sameProvider),
    );
    return;
  }
  if (parsed.diagnostics.length > 0 || !traversal) {
    error(0, "Invalid expression", "A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.");
    return;
  }
  if (site.role === "ignore_changes") {
    const resource = scope.owner;
    const schema = resource && resource.mode === "managed" ? scope.schema(resource) : undefined;
    if (!schema) return;
    const steps: ReferenceStep[] = [{ kind: "attr", name: traversal.root.name, range: traversal.root.range }, ...traversal.steps];
    const result = followSteps({ kind: "block", block: schema }, steps, steps.length);
    if (result.problem) report({ severity: "error", rule: "invalid-reference", message: `${result.problem.summary}: ${clip(site.text, QUOTED)}`, detail: result.problem.detail, suggestions: result.problem.suggestions, offset: result.problem.range.start });
    return;
  }
  if (site.role !== "depends_on") return;
  // What follows a whole object's address is an attribute: depends_on names objects, and
  // Terraform looks nothing up for such an entry (resources check this themselves, below).
  const root = traversal.root.name;
  const whole = ["var", "local", "path", "count", "each", "terraform"].includes(root) ? 1 : root === "module" ? moduleSteps(traversal.steps) : -1;
  if (whole >= 0 && traversal.steps.length > whole) {
    error(traversal.steps[whole]!.range.start, "Invalid depends_on reference", "References in depends_on must be to a whole object (resource, etc), not to an attribute of an object.");
    return;
  }
  const last = traversal.steps.at(-1)?.range ?? traversal.root.range;
  const reference: Reference = { root: traversal.root, steps: traversal.steps, range: { start: traversal.root.range.start, end: last.end } };
  new Resolver(reference, site, scope, site.text, report).resolve();
}

/** `module.x`, `module.x[key]`, `module.x.output`, `module.x[key].output`: how many steps name the object. */
function moduleSteps(steps: readonly ReferenceStep[]): number {
  let n = 1;
  if (steps[n]?.kind === "index") n++;
  if (steps[n]?.kind === "attr") n++;
  return n;
}
