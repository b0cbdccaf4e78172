/**
 * What a Terraform module declares, for resolving references: resources and data sources (with
 * whether they have `count` or `for_each`, and their provider), input variables (with their type
 * constraints), local values, module calls, and provider configurations (and the aliases a module
 * accepts through `configuration_aliases`).
 *
 * A module is every `*.tf.json` (and `*.tf`) file of a directory, read as one: `main.tf.json` uses
 * the `var.region` that `variables.tf.json` declares. cdktf's `cdk.tf.json` is a whole stack by
 * itself. The declarations are collected once per module, before any file of it is checked, in
 * one walk over the names (bodies are not read beyond their `count`, `for_each` and `provider`).
 * When a module has files the checker cannot read (`.tf` files, a file that is not JSON), names
 * may be declared there: `incomplete` says which, and undeclared names are not reported.
 */
import { isPlainObject } from "../validators/kind.js";
import type { CtyType } from "../schema/format.js";
import { parseTypeConstraint } from "../schema/type-expression.js";
import type { JsonSource } from "./json-source.js";
import { providerLocalName } from "./providers.js";
import { bareReference } from "../hcl/index.js";

export interface ResourceDeclaration {
  mode: "managed" | "data";
  type: string;
  name: string;
  count: boolean;
  forEach: boolean;
  /** The provider's local name: from the `provider` meta-argument, else the type's prefix. */
  provider: string;
}

/** Top-level sections of a module file whose repeated keys add blocks (as the document walker reads them). */
const SECTIONS = ["resource", "data", "provider", "variable", "locals", "module", "terraform", "output"];

export class ModuleDeclarations {
  /** Resources and data sources by type, then name: found from a body's keys or a reference's names, and listed by type for suggestions. */
  private readonly resources = { managed: new Map<string, Map<string, ResourceDeclaration>>(), data: new Map<string, Map<string, ResourceDeclaration>>() };
  /** Input variables, with their `type` as written (undefined: none). */
  readonly variables = new Map<string, unknown>();
  readonly locals = new Set<string>();
  readonly modules = new Set<string>();
  /** Provider configurations: `aws`, `aws.west`. */
  readonly providerConfigurations = new Set<string>();
  /** Aliases the module accepts from its caller (`configuration_aliases`): `aws.west`. */
  readonly configurationAliases = new Set<string>();
  private readonly types = new Map<string, CtyType | undefined>();

  constructor(
    /** How messages name the module: "the root module", "the module in infra/". */
    readonly description: string,
    /** Why names may be declared where the checker cannot see (undefined: the module is all here). */
    readonly incomplete?: string,
  ) {}

  /** A module of one document (a cdk.tf.json, a file checked alone). */
  static ofDocument(document: unknown, source: JsonSource | undefined, description = "the root module"): ModuleDeclarations {
    const declarations = new ModuleDeclarations(description);
    declarations.add(document, source);
    return declarations;
  }

  /**
   * Adds what one file of the module declares. With its JsonSource, repeated keys at the levels
   * that name blocks are merged first, as the document walker merges them: every one counts.
   */
  add(document: unknown, source?: JsonSource): void {
    const bodies = Array.isArray(document) ? document.filter(isPlainObject) : isPlainObject(document) ? [document] : [];
    for (const body of bodies) {
      merged(body, source, (key) => SECTIONS.includes(key));
      for (const section of objects(body.resource, source)) this.addResources("managed", section, source);
      for (const section of objects(body.data, source)) this.addResources("data", section, source);
      for (const section of objects(body.provider, source)) {
        for (const [localName, configurations] of Object.entries(section)) {
          if (localName === "//") continue;
          for (const configuration of instances(configurations)) {
            const alias = isPlainObject(configuration) && typeof configuration.alias === "string" ? `.${configuration.alias}` : "";
            this.providerConfigurations.add(localName + alias);
          }
        }
      }
      for (const section of objects(body.variable)) {
        for (const [name, bodies] of Object.entries(section)) {
          if (name === "//") continue;
          const first = instances(bodies).find(isPlainObject);
          this.variables.set(name, first?.type);
        }
      }
      for (const section of objects(body.locals)) for (const name of Object.keys(section)) if (name !== "//") this.locals.add(name);
      for (const section of objects(body.module)) for (const name of Object.keys(section)) if (name !== "//") this.modules.add(name);
      for (const terraform of objects(body.terraform)) {
        for (const required of objects(terraform.required_providers)) {
          for (const requirement of Object.values(required)) {
            if (!isPlainObject(requirement) || !Array.isArray(requirement.configuration_aliases)) continue;
            for (const alias of requirement.configuration_aliases) {
              // Written as a reference: `aws.west` (or, converted from HCL, `${aws.west}`).
              if (typeof alias === "string") this.configurationAliases.add(bareReference(alias));
            }
          }
        }
      }
    }
  }

  /** A variable's type constraint; undefined when it has none, `any`, or one that does not parse. */
  variableType(name: string): CtyType | undefined {
    if (this.types.has(name)) return this.types.get(name);
    const written = this.variables.get(name);
    const type = typeof written === "string" ? parseTypeConstraint(written) : undefined;
    this.types.set(name, type);
    return type;
  }

  /** The resource (`managed`) or data source of that type and name. */
  resource(mode: "managed" | "data", type: string, name: string): ResourceDeclaration | undefined {
    return this.resources[mode].get(type)?.get(name);
  }

  /** The names declared for a type. */
  resourceNames(mode: "managed" | "data", type: string): string[] {
    return [...(this.resources[mode].get(type)?.keys() ?? [])];
  }

  /** Declared addresses of a kind, for suggestions. */
  resourceAddresses(mode: "managed" | "data"): string[] {
    return [...this.resources[mode].values()].flatMap((byName) => [...byName.values()].map(address));
  }

  private addResources(mode: "managed" | "data", section: Record<string, unknown>, source: JsonSource | undefined): void {
    for (const [type, byName] of Object.entries(section)) {
      if (type === "//") continue;
      for (const names of objects(byName, source)) {
        for (const [name, bodies] of Object.entries(names)) {
          if (name === "//") continue;
          const body = instances(bodies).find(isPlainObject) ?? {};
          const declaration: ResourceDeclaration = {
            mode,
            type,
            name,
            count: Object.hasOwn(body, "count"),
            forEach: Object.hasOwn(body, "for_each"),
            provider: providerLocalName(type, body.provider),
          };
          let byName = this.resources[mode].get(type);
          if (!byName) this.resources[mode].set(type, (byName = new Map()));
          byName.set(name, declaration);
        }
      }
    }
  }
}

export function address(resource: Pick<ResourceDeclaration, "mode" | "type" | "name">): string {
  return `${resource.mode === "data" ? "data." : ""}${resource.type}.${resource.name}`;
}

/** The blocks a value stands for: an object, or each object of an array. */
function instances(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * The objects of a section (an object or an array of them). With a source, their repeated keys
 * are merged: the document walker reads resource types and names and provider local names as
 * labels of blocks (every occurrence counts), and those are the levels this is given a source for.
 */
function objects(value: unknown, source?: JsonSource): Record<string, unknown>[] {
  const found = instances(value).filter(isPlainObject);
  for (const object of found) merged(object, source, (key) => key !== "//");
  return found;
}

/** Merges the repeated keys of `object` that name blocks (see JsonSource.merge). */
function merged(object: Record<string, unknown>, source: JsonSource | undefined, blocks: (key: string) => boolean): void {
  const duplicates = source?.duplicatesIn(object);
  if (!duplicates) return;
  for (const key of [...duplicates.keys()]) if (blocks(key)) source!.merge(object, key);
}
