/**
 * One Terraform JSON document (a `cdk.tf.json` or a hand-written `*.tf.json`) against provider
 * schemas: top-level keys, every resource, data source and provider configuration, and the
 * `terraform` block against the Terraform release that will run it (terraform-block.ts).
 */
import type { Diagnostic } from "../core/diagnostic.js";
import { checkBlock } from "./block.js";
import { JsonSource } from "./json-source.js";
import { joinPointer } from "../core/pointer.js";
import { type ProviderSchemaUse, ProviderSchemas, type SchemaSource, providerLocalName, readRequiredProviders } from "./providers.js";
import { suggestNames } from "../core/suggest.js";
import { shippedTerraformSchemas, type TerraformSchemas } from "../terraform/backends.js";
import { describeValue } from "../validators/conversion.js";
import { annotateOverrides } from "./overrides.js";
import { checkTerraformSection, type TerraformTarget } from "./terraform-block.js";
import { isPlainObject } from "../validators/kind.js";
import type { SchemaBlock } from "../schema/format.js";
import type { MetaKind } from "../validators/language.js";
import { shippedTerraformFunctions, type TerraformFunctions } from "../terraform/functions.js";
import { bodyExpressions, documentExpressions } from "./expression-sites.js";
import { type BuiltinFunctions, type ExpressionCheckContext, type ProviderFunctions, builtinFunctions, checkExpressions } from "./expressions.js";

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
  /** The Terraform release that will run the configuration; the newest supported one by default. */
  terraform?: TerraformTarget;
  /** Backend and cloud schemas per release; the shipped ones by default. */
  terraformSchemas?: TerraformSchemas;
  /** Built-in functions per release; the shipped list by default. */
  terraformFunctions?: TerraformFunctions;
}

/** What a check was measured against: provider schemas and the Terraform release. */
export interface CheckedAgainst {
  providers: ProviderSchemaUse[];
  terraform: TerraformTarget & { release: string };
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
  const walker = new DocumentWalker(options, isPlainObject(document) ? document : {});
  walker.walk(document);
  const diagnostics = annotateOverrides(walker.diagnostics, document);
  if (source) {
    for (const diagnostic of diagnostics) Object.assign(diagnostic, source.position(diagnostic.pointer));
    diagnostics.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
  }
  return { diagnostics, resources: walker.resources, checkedAgainst: walker.checkedAgainst() };
}

interface Located {
  body: Record<string, unknown>;
  pointer: string;
}

class DocumentWalker {
  readonly diagnostics: Diagnostic[] = [];
  resources = 0;
  private readonly providers: ProviderSchemas;
  private readonly requiredProviders: ReadonlySet<string>;
  private readonly reported = new Set<string>();

  constructor(
    private readonly options: DocumentCheckOptions,
    document: Record<string, unknown>,
  ) {
    const requirements = readRequiredProviders(document);
    this.requiredProviders = new Set(requirements.keys());
    this.providers = new ProviderSchemas(options.schemas, requirements, options.providerVersions);
  }

  walk(document: unknown): void {
    if (!isPlainObject(document)) {
      this.report({
        severity: "error",
        rule: "block-shape",
        pointer: "",
        message: `A Terraform JSON document is an object, got ${describeValue(document)}`,
        suggestions: [],
      });
      return;
    }
    for (const key of Object.keys(document)) {
      if ((TOP_LEVEL_KEYS as readonly string[]).includes(key)) continue;
      const suggestions = suggestNames(key, TOP_LEVEL_KEYS);
      this.report({
        severity: "error",
        rule: "unknown-argument",
        pointer: joinPointer("", key),
        message: `Unsupported top-level key "${key}": a Terraform JSON document has no block type of that name`,
        detail: `The top level may hold ${TOP_LEVEL_KEYS.filter((k) => k !== "//").join(", ")} (and "//" comments).`,
        suggestions,
      });
    }
    this.walkResources("resource", document.resource);
    this.walkResources("data", document.data);
    this.walkProviders(document.provider);
    this.walkTerraform(document.terraform);
    this.diagnostics.push(...checkExpressions((visit) => documentExpressions(document, visit), this.expressionContext({})));
  }

  /** invalid-expression and unknown-function in one body (see expressions.ts). */
  private checkBodyExpressions(body: Record<string, unknown>, block: SchemaBlock | undefined, pointer: string, meta: MetaKind, where: { address: string; constructPath?: string }): void {
    this.diagnostics.push(...checkExpressions((visit) => bodyExpressions(body, block, pointer, meta, visit), this.expressionContext(where)));
  }

  private builtins: (() => BuiltinFunctions) | undefined;

  private expressionContext(where: { address?: string; constructPath?: string }): ExpressionCheckContext {
    const target = this.target;
    this.builtins ??= builtinFunctions(target.version, () => this.options.terraformFunctions ?? shippedTerraformFunctions());
    return {
      file: this.options.file,
      ...where,
      terraform: { version: target.version, source: target.source, functions: this.builtins },
      providerFunctions: (localName) => this.providerFunctions(localName),
    };
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

  private get target(): TerraformTarget {
    return this.options.terraform ?? { version: this.terraformSchemas.newest(), source: "the newest release this checker knows" };
  }

  checkedAgainst(): CheckedAgainst {
    const release = this.terraformSchemas.nearestRelease(this.target.version);
    return { providers: this.providers.used(), terraform: { ...this.target, release } };
  }

  private walkTerraform(section: unknown): void {
    const schemas = this.terraformSchemas;
    const target = this.target;
    this.diagnostics.push(
      ...checkTerraformSection(section, { file: this.options.file, schemas, target, objects: (value, pointer, what) => this.objects(value, pointer, what) }),
    );
    // Only a document that declares providers at all is the whole configuration (as cdk.tf.json
    // is); hand-written modules often declare them in another file (versions.tf.json).
    if (!this.providers.declaresAny()) return;
    for (const localName of this.providers.undeclared()) {
      if (localName === "terraform") continue;
      this.report({
        severity: "warning",
        rule: "undeclared-provider",
        pointer: section === undefined ? "" : "/terraform",
        message: `Provider "${localName}" is used but not declared in terraform.required_providers`,
        detail: `Terraform then assumes hashicorp/${localName} with any version; declare its source and version so terraform init installs the provider (and version) these resources were written for.`,
        suggestions: [],
      });
    }
  }

  /** `{"<type>": {"<name>": body | [body…]}}`, where every level may also be an array of objects. */
  private walkResources(kind: "resource" | "data", section: unknown): void {
    for (const { body: types, pointer } of this.objects(section, `/${kind}`, `"${kind}"`)) {
      for (const [type, names] of Object.entries(types)) {
        if (type === "//") continue;
        const typePointer = joinPointer(pointer, type);
        for (const { body: byName, pointer: namesPointer } of this.objects(names, typePointer, `${kind} "${type}"`)) {
          for (const [name, bodies] of Object.entries(byName)) {
            if (name === "//") continue;
            for (const { body, pointer: bodyPointer } of this.objects(bodies, joinPointer(namesPointer, name), `${kind} "${type}" "${name}"`)) {
              this.resources++;
              this.checkResource(kind, type, name, body, bodyPointer, typePointer);
            }
          }
        }
      }
    }
  }

  private checkResource(kind: "resource" | "data", type: string, name: string, body: Record<string, unknown>, pointer: string, typePointer: string): void {
    const address = kind === "data" ? `data.${type}.${name}` : `${type}.${name}`;
    const constructPath = constructPathOf(body);
    const where = { address, ...(constructPath !== undefined ? { constructPath } : {}) };
    const lookup = this.providers.lookup(providerLocalName(type, body.provider));
    if (!("snapshot" in lookup)) {
      this.reportUnavailable(lookup.requirement.localName, lookup.unavailable, lookup.requirement.pointer ?? typePointer);
      this.checkBodyExpressions(body, undefined, pointer, kind, where);
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
    this.diagnostics.push(
      ...checkBlock(body, schema.block, {
        file: this.options.file,
        pointer,
        name: kind === "data" ? `data.${type}` : type,
        address,
        ...(constructPath !== undefined ? { constructPath } : {}),
        ownerType: type,
        meta: kind,
      }),
    );
    this.checkBodyExpressions(body, schema.block, pointer, kind, where);
  }

  /** `{"aws": body | [body…]}`: one configuration per alias. */
  private walkProviders(section: unknown): void {
    for (const { body: byName, pointer } of this.objects(section, "/provider", `"provider"`)) {
      for (const [localName, bodies] of Object.entries(byName)) {
        if (localName === "//") continue;
        for (const { body, pointer: bodyPointer } of this.objects(bodies, joinPointer(pointer, localName), `provider "${localName}"`)) {
          const lookup = this.providers.lookup(localName);
          if (!("snapshot" in lookup)) {
            this.reportUnavailable(localName, lookup.unavailable, lookup.requirement.pointer ?? bodyPointer);
            this.checkBodyExpressions(body, undefined, bodyPointer, "provider", { address: `provider.${localName}` });
            continue;
          }
          const alias = typeof body.alias === "string" ? `.${body.alias}` : "";
          const address = `provider.${localName}${alias}`;
          this.diagnostics.push(
            ...checkBlock(body, lookup.snapshot.provider(), { file: this.options.file, pointer: bodyPointer, name: `provider "${localName}"`, address, meta: "provider" }),
          );
          this.checkBodyExpressions(body, lookup.snapshot.provider(), bodyPointer, "provider", { address });
        }
      }
    }
  }

  /** An object, or each object of an array; anything else is reported as not a block. */
  private *objects(value: unknown, pointer: string, what: string): Generator<Located> {
    if (value === undefined) return;
    if (isPlainObject(value)) {
      yield { body: value, pointer };
      return;
    }
    const items = Array.isArray(value) ? value : [value];
    for (const [i, item] of items.entries()) {
      const at = Array.isArray(value) ? joinPointer(pointer, i) : pointer;
      if (isPlainObject(item)) yield { body: item, pointer: at };
      else {
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

/** cdktf writes `"//": {"metadata": {"path": "stack/construct", …}}` on every resource. */
function constructPathOf(body: Record<string, unknown>): string | undefined {
  const comment = body["//"];
  if (!isPlainObject(comment) || !isPlainObject(comment.metadata)) return undefined;
  const path = comment.metadata.path;
  return typeof path === "string" ? path : undefined;
}
