/**
 * One Terraform JSON document (a `cdk.tf.json` or a hand-written `*.tf.json`) against provider
 * schemas: top-level keys, every resource, data source and provider configuration, and the
 * `terraform` block against the Terraform release that will run it (terraform-block.ts).
 */
import type { Diagnostic } from "../core/diagnostic.js";
import { checkBlock } from "./block.js";
import { HiddenKeys, type KeyRole } from "./hidden-keys.js";
import { JsonSource } from "./json-source.js";
import { joinPointer } from "../core/pointer.js";
import { checkProvisioners } from "./provisioners.js";
import { type ProviderRequirement, type ProviderSchemaUse, ProviderSchemas, type SchemaSource, providerLocalName, readRequiredProviders } from "./providers.js";
import { suggestNames } from "../core/suggest.js";
import { shippedTerraformSchemas, type TerraformSchemas } from "../terraform/backends.js";
import { describeValue } from "../validators/conversion.js";
import { annotateOverrides } from "./overrides.js";
import { checkTerraformSection, PROVIDER_REQUIREMENT, type TerraformTarget } from "./terraform-block.js";
import { isPlainObject } from "../validators/kind.js";
import { withMetaArguments } from "../validators/language.js";
import type { SchemaBlock } from "../schema/format.js";
import type { MetaKind } from "../validators/language.js";
import { shippedTerraformFunctions, type TerraformFunctions } from "../terraform/functions.js";
import { bodyExpressions, documentExpressions, type DocumentExpressionSite, type ExpressionSite } from "./expression-sites.js";
import { type ExpressionCheckContext, type ProviderFunctions, builtinFunctions, checkExpressions } from "./expressions.js";
import { ModuleDeclarations, type ResourceDeclaration } from "./declarations.js";
import { type ReferenceScope, templateResolutions } from "./references.js";
import type { InString } from "./json-source.js";

export const TOP_LEVEL_KEYS = [
  "resource",
  "data",
  "provider",
  "terraform",
  "variable",
  "output",
  "locals",
  "module",
  "moved",
  "import",
  "check",
  "removed",
  "//",
] as const;

export interface DocumentCheckOptions {
  /** The file as the user named it; diagnostics carry it. */
  file: string;
  schemas: SchemaSource;
  /** Provider local name → exact version, overriding `required_providers`. */
  providerVersions?: Readonly<Record<string, string>>;
  /**
   * The Terraform release that will run the configuration; the newest supported one by default.
   * A function is asked only when the document needs the release (a terraform block with a
   * backend, a cloud block or required_version), at most once.
   */
  terraform?: TerraformTarget | (() => TerraformTarget | undefined);
  /** Backend and cloud schemas per release; the shipped ones by default. */
  terraformSchemas?: TerraformSchemas;
  /** Built-in functions per release; the shipped list by default. */
  terraformFunctions?: TerraformFunctions;
  /**
   * What the module the document belongs to declares, for resolving references (see
   * declarations.ts); by default the document is the whole module, as cdk.tf.json is.
   */
  module?: ModuleDeclarations;
}

/** What a check was measured against: provider schemas and the Terraform release (when the document needed one). */
export interface CheckedAgainst {
  providers: ProviderSchemaUse[];
  terraform?: TerraformTarget & { release: string };
}

export interface DocumentCheckResult {
  diagnostics: Diagnostic[];
  checkedAgainst: CheckedAgainst;
  /** Resources and data sources seen (checked or not). */
  resources: number;
}

/**
 * `input` is the file's text (parsed strictly, positions added to every diagnostic; malformed
 * JSON throws `MalformedJsonError`) or an already parsed document (no positions).
 */
export function checkDocument(input: string | JsonSource | object, options: DocumentCheckOptions): DocumentCheckResult {
  const source = typeof input === "string" ? JsonSource.parse(options.file, input) : input instanceof JsonSource ? input : undefined;
  const document = source ? source.value() : input;
  const walker = new DocumentWalker(options, document, source);
  walker.walk(document);
  walker.locate(source);
  const diagnostics = annotateOverrides(walker.diagnostics, document);
  if (source) diagnostics.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
  return { diagnostics, resources: walker.resources, checkedAgainst: walker.checkedAgainst() };
}

interface Located {
  body: Record<string, unknown>;
  pointer: string;
}

/** Top-level keys that are block types: repeating one adds blocks (every section is read). */
const SECTIONS = new Set<string>(TOP_LEVEL_KEYS.filter((k) => k !== "//"));

class DocumentWalker {
  readonly diagnostics: Diagnostic[] = [];
  resources = 0;
  private readonly providers: ProviderSchemas;
  private readonly requiredProviders: ReadonlySet<string>;
  private readonly reported = new Set<string>();
  private readonly hiddenKeys: HiddenKeys;
  /** The document's bodies (see rootBodies). */
  private readonly bodies: [Record<string, unknown>, string][];
  /** Diagnostics whose detail cites where something else is: filled in once positions are known. */
  private readonly citing = new Map<Diagnostic, { pointer: string; detail: (at: string) => string }>();
  /** Resource addresses and provider configurations seen, with where: a second one is a duplicate. */
  private readonly declared = new Map<string, string>();
  /** What references resolve against. */
  private readonly declarations: ModuleDeclarations;
  /** Findings placed inside a string (expression findings): where in it. */
  private readonly inStrings = new Map<Diagnostic, InString>();
  /** The first reference to a name the module may declare in a file the checker cannot read, and how many there were. */
  private unseen: { name: string; pointer: string; count: number } | undefined;

  constructor(
    private readonly options: DocumentCheckOptions,
    document: unknown,
    source: JsonSource | undefined,
  ) {
    this.hiddenKeys = new HiddenKeys(source, options.file, this.diagnostics);
    // Every section of the document counts: the root may repeat them, or be an array of bodies.
    this.bodies = rootBodies(document);
    const requirements = new Map<string, ProviderRequirement>();
    for (const [body, pointer] of this.bodies) {
      this.hiddenKeys.resolve(body, pointer, (key) => (SECTIONS.has(key) ? "block" : "ignore"), "the document");
      // Before required_providers is read: a repeated one is read in full, and reported.
      for (const { body: block, pointer: at } of this.objects(body.terraform, joinPointer(pointer, "terraform"), '"terraform"', false)) {
        this.duplicatesInTerraform(block, at);
      }
      for (const [name, requirement] of readRequiredProviders(body)) {
        requirements.set(name, requirement.pointer === undefined ? requirement : { ...requirement, pointer: pointer + requirement.pointer });
      }
    }
    this.requiredProviders = new Set(requirements.keys());
    this.providers = new ProviderSchemas(options.schemas, requirements, options.providerVersions);
    this.declarations = options.module ?? ModuleDeclarations.ofDocument(document, source);
  }

  walk(document: unknown): void {
    const bodies = this.bodies;
    if (Array.isArray(document)) {
      // Terraform reads a root array as several bodies, each an object.
      document.forEach((element, i) => {
        if (isPlainObject(element)) return;
        this.report({
          severity: "error",
          rule: "block-shape",
          pointer: joinPointer("", i),
          message: `A Terraform JSON document that is an array holds one object per body, got ${describeValue(element)}`,
          detail: 'Terraform reports "Incorrect JSON value type: A JSON object is required here, to define arguments and child blocks."',
          suggestions: [],
        });
      });
    } else if (!isPlainObject(document)) {
      this.report({
        severity: "error",
        rule: "block-shape",
        pointer: "",
        message: `A Terraform JSON document is an object (or an array of objects), got ${describeValue(document)}`,
        detail: 'Terraform reports "Root value must be object".',
        suggestions: [],
      });
      return;
    }
    for (const [body, pointer] of bodies) {
      for (const key of Object.keys(body)) {
        if ((TOP_LEVEL_KEYS as readonly string[]).includes(key)) continue;
        const suggestions = suggestNames(key, TOP_LEVEL_KEYS);
        this.report({
          severity: "error",
          rule: "unknown-argument",
          pointer: joinPointer(pointer, key),
          message: `Unsupported top-level key "${key}": a Terraform JSON document has no block type of that name`,
          detail: `The top level may hold ${TOP_LEVEL_KEYS.filter((k) => k !== "//").join(", ")} (and "//" comments).`,
          suggestions,
        });
      }
      this.walkResources("resource", body.resource, joinPointer(pointer, "resource"));
      this.walkResources("data", body.data, joinPointer(pointer, "data"));
      this.walkProviders(body.provider, joinPointer(pointer, "provider"));
    }
    this.walkTerraform(bodies);
    append(this.diagnostics, this.providers.approximations(this.options.file));
    for (const [body, pointer] of bodies) {
      const scopes = new Map<string, ReferenceScope>();
      const scopeOf = (site: ExpressionSite) => {
        // Module calls' arguments see count.index or each as their call has count or for_each.
        const { count = false, forEach = false } = site as DocumentExpressionSite;
        const key = `${count} ${forEach}`;
        let scope = scopes.get(key);
        if (!scope) scopes.set(key, (scope = this.referenceScope(undefined, count, forEach)));
        return scope;
      };
      append(this.diagnostics, checkExpressions((visit) => documentExpressions(body, pointer, visit), this.expressionContext({}, scopeOf)));
    }
    this.reportUnseen();
  }

  /** Where references resolve for the expressions of one block. */
  private referenceScope(owner: ResourceDeclaration | undefined, count: boolean, forEach: boolean): ReferenceScope {
    return { declarations: this.declarations, owner, count, forEach, schema: this.resourceSchema, unseen: this.unseenName, resolutions: this.resolutions };
  }

  /** Every scope's, shared: the module's declarations and the document's provider schemas are the same for all its blocks. */
  private readonly resolutions = templateResolutions();

  /** A resource's schema for its references (a scope is made per block: these are made once). */
  private readonly resourceSchema: ReferenceScope["schema"] = (resource) => {
    const lookup = this.providers.lookup(resource.provider);
    if (!("snapshot" in lookup)) return undefined;
    // Checked against an older version than asked for: the attributes added since are unknown here.
    if (lookup.approximate && !lookup.approximate.newer) return undefined;
    const type = resource.mode === "managed" ? lookup.snapshot.resource(resource.type) : lookup.snapshot.dataSource(resource.type);
    return type?.block;
  };

  private readonly unseenName: ReferenceScope["unseen"] = (name, site) => {
    if (this.unseen) this.unseen.count++;
    else this.unseen = { name, pointer: site.pointer, count: 1 };
  };

  /** Names the module may declare in files the checker cannot read: said once, where the first is used. */
  private reportUnseen(): void {
    if (!this.unseen) return;
    const { name, pointer, count } = this.unseen;
    this.report({
      severity: "warning",
      rule: "invalid-reference",
      pointer,
      message: `References not checked: ${name}${count > 1 ? ` and ${count - 1} more reference${count > 2 ? "s" : ""}` : ""} may name what ${this.declarations.description} declares in files this checker cannot read`,
      detail: `${this.declarations.incomplete}. Terraform reads every file of a module's directory as one module; names declared there cannot be told from undeclared ones here. Convert those files to *.tf.json to have every reference checked.`,
      suggestions: [],
    });
  }

  /**
   * Positions for every diagnostic, in one pass over the file, and pointers as written. Findings
   * about one occurrence of a repeated key come with their position already.
   */
  locate(source: JsonSource | undefined): void {
    if (!source) {
      // A parsed document has no positions: a finding cites the other place by its pointer.
      for (const [diagnostic, { pointer, detail }] of this.citing) diagnostic.detail = detail(pointer);
      return;
    }
    // Nothing to place: no pass over the file.
    if (this.diagnostics.length === 0) return;
    const pointers = this.diagnostics.map((d) => d.pointer);
    for (const { pointer } of this.citing.values()) pointers.push(pointer);
    const located = source.locate(
      pointers,
      this.inStrings.size > 0 ? this.diagnostics.map((d) => this.inStrings.get(d)) : [],
    );
    this.diagnostics.forEach((d, i) => {
      const { pointer, position } = located[i]!;
      d.pointer = pointer;
      if (d.line === undefined) Object.assign(d, position);
    });
    let i = this.diagnostics.length;
    for (const [diagnostic, { detail }] of this.citing) {
      const { line, column } = located[i++]!.position;
      diagnostic.detail = detail(`${this.options.file}:${line}:${column}`);
    }
  }

  /** The expression rules in one body (see expressions.ts); `owner` is the resource or data source it is. */
  private checkBodyExpressions(body: Record<string, unknown>, block: SchemaBlock | undefined, pointer: string, meta: MetaKind, where: { address: string; constructPath?: string }, owner?: ResourceDeclaration): void {
    const scope = this.referenceScope(owner, owner !== undefined && Object.hasOwn(body, "count"), owner !== undefined && Object.hasOwn(body, "for_each"));
    append(this.diagnostics, checkExpressions((visit) => bodyExpressions(body, block, pointer, meta, visit), this.expressionContext(where, () => scope)));
  }

  private get functions(): TerraformFunctions {
    return this.options.terraformFunctions ?? shippedTerraformFunctions();
  }

  private builtins: ReturnType<ExpressionCheckContext["terraform"]> | undefined;

  /** What every expression context of the document shares, made once (a context is made per resource). */
  private readonly expressionTools: Omit<ExpressionCheckContext, "file" | "address" | "constructPath" | "references"> = {
    within: (diagnostic, offset, key) => this.inStrings.set(diagnostic, { offset, key }),
    functions: () => this.functions,
    terraform: () => {
      if (!this.builtins) {
        // A finding now depends on the release: report which one it was.
        const target = this.target;
        this.builtins = { version: target.version, source: target.source, functions: builtinFunctions(target.version, this.functions) };
      }
      return this.builtins;
    },
    providerFunctions: (localName) => this.providerFunctions(localName),
  };

  private expressionContext(where: { address?: string; constructPath?: string }, references: ExpressionCheckContext["references"]): ExpressionCheckContext {
    // Listed, not spread: spreading copies through the runtime, a measurable cost at one context
    // per resource. `satisfies` keeps the list whole when the context gains a field.
    const tools = this.expressionTools;
    const context = {
      file: this.options.file,
      address: where.address,
      constructPath: where.constructPath,
      references,
      within: tools.within,
      functions: tools.functions,
      terraform: tools.terraform,
      providerFunctions: tools.providerFunctions,
    } satisfies Record<keyof ExpressionCheckContext, unknown>;
    return context;
  }

  private providerFunctions(localName: string): ProviderFunctions {
    // A module's required_providers may sit in another file: only a document that declares some is the whole list.
    if (this.requiredProviders.size > 0 && !this.requiredProviders.has(localName)) return { declared: false };
    if (!this.requiredProviders.has(localName)) return { declared: true };
    const lookup = this.providers.lookup(localName);
    const names = "snapshot" in lookup ? lookup.snapshot.functions?.() : undefined;
    return names && "snapshot" in lookup ? { declared: true, names, what: `${lookup.snapshot.address} ${lookup.snapshot.version}` } : { declared: true };
  }

  private get terraformSchemas(): TerraformSchemas {
    return this.options.terraformSchemas ?? shippedTerraformSchemas();
  }

  /** The Terraform release, once a check has used it (only then is it asked for, and reported). */
  private resolvedTarget: TerraformTarget | undefined;

  private get target(): TerraformTarget {
    if (!this.resolvedTarget) {
      const given = typeof this.options.terraform === "function" ? this.options.terraform() : this.options.terraform;
      this.resolvedTarget = given ?? this.newestTarget;
    }
    return this.resolvedTarget;
  }

  private get newestTarget(): TerraformTarget {
    return { version: this.terraformSchemas.newest(), source: "the newest release this checker knows" };
  }

  checkedAgainst(): CheckedAgainst {
    if (!this.resolvedTarget) return { providers: this.providers.used() };
    const release = this.terraformSchemas.nearestRelease(this.target.version);
    return { providers: this.providers.used(), terraform: { ...this.target, release } };
  }

  private walkTerraform(bodies: [Record<string, unknown>, string][]): void {
    const schemas = this.terraformSchemas;
    const needing = this.needingRelease(bodies);
    let target = this.newestTarget;
    if (needing !== undefined) {
      target = this.target;
      if (target.fallback) {
        this.report({
          severity: "warning",
          rule: "terraform-version-unknown",
          pointer: needing,
          message: `Checked against Terraform ${target.version}, the newest release this checker knows: ${target.fallback}`,
          detail: "Backend, cloud and required_version checks depend on the Terraform release. Name the release that will run this configuration with --terraform-version (or terraformVersion in the configuration).",
          suggestions: [],
        });
      }
    }
    const context = { file: this.options.file, schemas, target, objects: (value: unknown, pointer: string, what: string) => this.objects(value, pointer, what) };
    let present = false;
    for (const [body, pointer] of bodies) {
      if (body.terraform === undefined) continue;
      present = true;
      append(this.diagnostics, checkTerraformSection(body.terraform, context, joinPointer(pointer, "terraform")));
    }
    // Only a document that declares providers at all is the whole configuration (as cdk.tf.json
    // is); hand-written modules often declare them in another file (versions.tf.json).
    if (!this.providers.declaresAny()) return;
    for (const localName of this.providers.undeclared()) {
      if (localName === "terraform") continue;
      this.report({
        severity: "warning",
        rule: "undeclared-provider",
        pointer: present ? "/terraform" : "",
        message: `Provider "${localName}" is used but not declared in terraform.required_providers`,
        detail: `Terraform then assumes hashicorp/${localName} with any version; declare its source and version so terraform init installs the provider (and version) these resources were written for.`,
        suggestions: [],
      });
    }
  }

  /** Where the first terraform block is whose checks depend on the release (backend, cloud, required_version). */
  private needingRelease(bodies: [Record<string, unknown>, string][]): string | undefined {
    for (const [body, pointer] of bodies) {
      for (const { body: block, pointer: at } of this.objects(body.terraform, joinPointer(pointer, "terraform"), '"terraform"', false)) {
        if (["backend", "cloud", "required_version"].some((key) => Object.hasOwn(block, key))) return at;
      }
    }
    return undefined;
  }

  /** Repeated keys of a `terraform` block: its sub-blocks add up, its arguments may be set once. */
  private duplicatesInTerraform(block: Record<string, unknown>, pointer: string): void {
    const role = (key: string): KeyRole => (key === "//" ? "ignore" : key === "required_version" || key === "experiments" ? "argument" : "block");
    this.hiddenKeys.resolve(block, pointer, role, "terraform");
    for (const { body: providers, pointer: at } of this.objects(block.required_providers, joinPointer(pointer, "required_providers"), "required_providers", false)) {
      this.declare("terraform.required_providers", at, () => ({
        message: "Duplicate required providers configuration: a module may have only one",
        detail: (first: string) => `The required providers were previously configured at ${first}; merge the two.`,
      }));
      this.hiddenKeys.resolve(providers, at, (key) => (key === "//" ? "ignore" : "argument"), "required_providers");
      for (const name of Object.keys(providers)) {
        if (name !== "//" && isPlainObject(providers[name])) this.hiddenKeys.body(providers[name], PROVIDER_REQUIREMENT, joinPointer(at, name), `required_providers.${name}`);
      }
    }
  }

  /** `{"<type>": {"<name>": body | [body…]}}`, where every level may also be an array of objects. */
  private walkResources(kind: "resource" | "data", section: unknown, sectionPointer: string): void {
    for (const { body: types, pointer } of this.objects(section, sectionPointer, `"${kind}"`)) {
      this.hiddenKeys.resolve(types, pointer, labelRole, `"${kind}"`);
      for (const [type, names] of Object.entries(types)) {
        if (type === "//") continue;
        const typePointer = joinPointer(pointer, type);
        for (const { body: byName, pointer: namesPointer } of this.objects(names, typePointer, `${kind} "${type}"`)) {
          this.hiddenKeys.resolve(byName, namesPointer, labelRole, `${kind} "${type}"`);
          for (const name of Object.keys(byName)) {
            if (name === "//") continue;
            const bodies = byName[name];
            const at = joinPointer(namesPointer, name);
            // One body, as cdktf writes it; several (or something else, reported) through objects().
            if (isPlainObject(bodies)) this.walkResource(kind, type, name, bodies, at, typePointer);
            else for (const { body, pointer: bodyPointer } of this.objects(bodies, at, `${kind} "${type}" "${name}"`)) this.walkResource(kind, type, name, body, bodyPointer, typePointer);
          }
        }
      }
    }
  }

  private walkResource(kind: "resource" | "data", type: string, name: string, body: Record<string, unknown>, pointer: string, typePointer: string): void {
    this.resources++;
    const address = kind === "data" ? `data.${type}.${name}` : `${type}.${name}`;
    const constructPath = constructPathOf(body);
    const where = constructPath === undefined ? { address } : { address, constructPath };
    this.declare(address, pointer, () => duplicateResource(kind, type, name, address), where);
    this.checkResource(kind, type, name, body, pointer, typePointer, where);
  }

  /**
   * Records a resource or provider configuration; a second one of the same name is reported
   * (Terraform's "Duplicate … configuration"), and checked like the first.
   */
  private declare(
    key: string,
    pointer: string,
    duplicate: () => { message: string; detail: (at: string) => string },
    where: { address?: string; constructPath?: string } = {},
  ): void {
    const first = this.declared.get(key);
    if (first === undefined) {
      this.declared.set(key, pointer);
      return;
    }
    const { message, detail } = duplicate();
    const diagnostic: Diagnostic = { file: this.options.file, severity: "error", rule: "duplicate", pointer, ...where, message, suggestions: [] };
    this.diagnostics.push(diagnostic);
    this.citing.set(diagnostic, { pointer: first, detail });
  }

  private checkResource(kind: "resource" | "data", type: string, name: string, body: Record<string, unknown>, pointer: string, typePointer: string, where: { address: string; constructPath?: string }): void {
    const localName = providerLocalName(type, body.provider);
    if (localName === "") {
      if (this.once(`invalid-type ${type}`)) {
        this.report({
          severity: "error",
          rule: "unknown-type",
          pointer: typePointer,
          message: `Invalid ${kind === "data" ? "data source" : "resource"} type "${type}": the provider's local name, the part before the first "_", is empty`,
          detail: 'Terraform reports "Invalid provider local name: "" is an invalid implied provider local name". Type names start with the provider\'s name, as in aws_instance.',
          suggestions: [],
        });
      }
      return;
    }
    const lookup = this.providers.lookup(localName);
    const owner = this.declarations.resource(kind === "data" ? "data" : "managed", type, name) ?? { mode: kind === "data" ? "data" : "managed", type, name, count: false, forEach: false, provider: localName };
    if (!("snapshot" in lookup)) {
      this.reportUnavailable(lookup.requirement.localName, lookup.unavailable, lookup.requirement.pointer ?? typePointer);
      this.checkBodyExpressions(body, undefined, pointer, kind, where, owner);
      return;
    }
    const { snapshot } = lookup;
    const schema = kind === "resource" ? snapshot.resource(type) : snapshot.dataSource(type);
    const what = kind === "resource" ? "resource type" : "data source";
    if (!schema) {
      if (this.once(`unknown-type ${kind} ${type}`)) {
        const other = kind === "resource" ? snapshot.dataSource(type) : snapshot.resource(type);
        this.report({
          severity: "error",
          rule: "unknown-type",
          pointer: typePointer,
          message: `Unknown ${what} "${type}": ${snapshot.address} ${snapshot.version} has no ${what} of that name`,
          ...(other
            ? { detail: `"${type}" is a ${kind === "resource" ? "data source" : "resource type"}: declare it under "${kind === "resource" ? "data" : "resource"}".` }
            : {}),
          suggestions: suggestNames(type, kind === "resource" ? snapshot.resourceTypes() : snapshot.dataSourceTypes()),
        });
      }
      return;
    }
    if (schema.block.deprecated && this.once(`deprecated ${kind} ${type}`)) {
      this.report({
        severity: "warning",
        rule: "deprecated",
        pointer: typePointer,
        message: `The ${what} "${type}" is deprecated in ${snapshot.address} ${snapshot.version}`,
        ...(schema.block.description ? { detail: schema.block.description } : {}),
        suggestions: [],
      });
    }
    const block = withMetaArguments(schema.block, kind);
    // provisioner and connection are blocks of their own (checked here), not arguments.
    const meta = (key: string): KeyRole | undefined => (kind === "resource" && (key === "provisioner" || key === "connection") ? "block" : undefined);
    this.hiddenKeys.body(body, block, pointer, kind === "data" ? `data.${type}` : type, where, meta);
    if (kind === "resource") {
      this.duplicatesInProvisioners(body, pointer, where);
      for (const finding of checkProvisioners(body, pointer)) this.diagnostics.push({ file: this.options.file, ...where, ...finding });
    }
    append(
      this.diagnostics,
      checkBlock(body, block, {
        file: this.options.file,
        pointer,
        name: kind === "data" ? `data.${type}` : type,
        ...where,
        ownerType: type,
      }),
    );
    this.checkBodyExpressions(body, schema.block, pointer, kind, where, owner);
  }

  /** Provisioner types repeat as blocks; inside a provisioner, `connection` is a block and the rest arguments. */
  private duplicatesInProvisioners(body: Record<string, unknown>, pointer: string, where: { address: string; constructPath?: string }): void {
    // Few resources have provisioners: most skip the walk, and the pointers it makes.
    if (body.provisioner === undefined) return;
    for (const { body: labels, pointer: labelsPointer } of this.objects(body.provisioner, joinPointer(pointer, "provisioner"), "provisioner", false)) {
      if (!this.hiddenKeys.hasBelow(labels)) continue;
      this.hiddenKeys.resolve(labels, labelsPointer, labelRole, "provisioner");
      for (const [type, bodies] of Object.entries(labels)) {
        for (const { body: provisioner, pointer: bodyPointer } of this.objects(bodies, joinPointer(labelsPointer, type), `provisioner "${type}"`, false)) {
          this.hiddenKeys.resolve(provisioner, bodyPointer, (key) => (key === "connection" ? "block" : key === "//" ? "ignore" : "argument"), `provisioner "${type}"`, where);
        }
      }
    }
  }

  /** `{"aws": body | [body…]}`: one configuration per alias. */
  private walkProviders(section: unknown, sectionPointer: string): void {
    for (const { body: byName, pointer } of this.objects(section, sectionPointer, `"provider"`)) {
      this.hiddenKeys.resolve(byName, pointer, labelRole, '"provider"');
      for (const [localName, bodies] of Object.entries(byName)) {
        if (localName === "//") continue;
        for (const { body, pointer: bodyPointer } of this.objects(bodies, joinPointer(pointer, localName), `provider "${localName}"`)) {
          const alias = typeof body.alias === "string" ? `.${body.alias}` : "";
          const address = `provider.${localName}${alias}`;
          this.declare(address, bodyPointer, () => duplicateProvider(localName, alias), { address });
          const lookup = this.providers.lookup(localName);
          if (!("snapshot" in lookup)) {
            this.reportUnavailable(localName, lookup.unavailable, lookup.requirement.pointer ?? bodyPointer);
            this.checkBodyExpressions(body, undefined, bodyPointer, "provider", { address: `provider.${localName}` });
            continue;
          }
          const block = lookup.snapshot.provider();
          const withMeta = withMetaArguments(block, "provider");
          this.hiddenKeys.body(body, withMeta, bodyPointer, address, { address });
          append(this.diagnostics, checkBlock(body, withMeta, { file: this.options.file, pointer: bodyPointer, name: `provider "${localName}"`, address }));
          this.checkBodyExpressions(body, block, bodyPointer, "provider", { address });
        }
      }
    }
  }

  /** An object, or each object of an array; anything else is reported as not a block (unless `report` is false). */
  private *objects(value: unknown, pointer: string, what: string, report = true): Generator<Located> {
    if (value === undefined) return;
    if (isPlainObject(value)) {
      yield { body: value, pointer };
      return;
    }
    const items = Array.isArray(value) ? value : [value];
    for (const [i, item] of items.entries()) {
      const at = Array.isArray(value) ? joinPointer(pointer, i) : pointer;
      if (isPlainObject(item)) yield { body: item, pointer: at };
      else if (report) {
        this.report({
          severity: "error",
          rule: "block-shape",
          pointer: at,
          message: `${what} is a block: expected an object, got ${describeValue(item)}`,
          suggestions: [],
        });
      }
    }
  }

  private reportUnavailable(localName: string, reason: string, pointer: string): void {
    if (!this.once(`schema-unavailable ${localName}`)) return;
    this.report({
      severity: "warning",
      rule: "schema-unavailable",
      pointer,
      message: `No schema for provider "${localName}": its resources and data sources are not checked`,
      detail:
        `${reason[0]!.toUpperCase()}${reason.slice(1)}. Check against a version that is available with ` +
        `--provider-version ${localName}=<version> (\`cdktf-schema-check schema list\` shows them).`,
      suggestions: [],
    });
  }

  private once(key: string): boolean {
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }

  private report(diagnostic: Omit<Diagnostic, "file">): void {
    this.diagnostics.push({ file: this.options.file, ...diagnostic });
  }
}

/** A label level (resource types, names, provider local names): a repeated label adds blocks. */
const labelRole = (key: string): KeyRole => (key === "//" ? "ignore" : "block");

/** The document's bodies: the root object, or each object of a root array. */
function rootBodies(document: unknown): [Record<string, unknown>, string][] {
  if (isPlainObject(document)) return [[document, ""]];
  if (!Array.isArray(document)) return [];
  return document.flatMap((element, i): [Record<string, unknown>, string][] => (isPlainObject(element) ? [[element, joinPointer("", i)]] : []));
}

function duplicateResource(kind: "resource" | "data", type: string, name: string, address: string) {
  const what = kind === "data" ? "data source" : "resource";
  return {
    message: `Duplicate ${what} "${type}" configuration: ${address} is declared more than once`,
    detail: (at: string) => `A ${type} ${what} named "${name}" was already declared at ${at}. ${kind === "data" ? "Data source" : "Resource"} names must be unique per type in each module.`,
  };
}

function duplicateProvider(localName: string, alias: string) {
  return {
    message: alias
      ? `Duplicate provider configuration: provider "${localName}" with alias "${alias.slice(1)}" is configured more than once`
      : `Duplicate provider configuration: a default (non-aliased) provider configuration for "${localName}" is given more than once`,
    detail: (at: string) =>
      `The first is at ${at}. If multiple configurations are required, set the "alias" argument for alternative configurations.`,
  };
}

/** Appends without spreading (an argument list has a size limit; a list of findings does not). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** cdktf writes `"//": {"metadata": {"path": "stack/construct", …}}` on every resource. */
function constructPathOf(body: Record<string, unknown>): string | undefined {
  const comment = body["//"];
  if (!isPlainObject(comment) || !isPlainObject(comment.metadata)) return undefined;
  const path = comment.metadata.path;
  return typeof path === "string" ? path : undefined;
}
