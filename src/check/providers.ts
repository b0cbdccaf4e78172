/**
 * Which schema checks which resource. A resource names its provider by local name (`aws` from
 * `aws_instance`, or its `provider` meta-argument `aws.west`); `terraform.required_providers`
 * maps that name to a source address (default `hashicorp/<name>`) and a version constraint;
 * `--provider-version aws=6.25.0` overrides the constraint. The schema source picks the newest
 * snapshot that satisfies it; when none does, the nearest version of the same major checks the
 * resources and a `schema-approximate` warning says so. A `--provider-version` that nothing
 * satisfies is unusable input, and an unreadable snapshot fails the run: neither may quietly
 * leave a provider unchecked.
 */
import type { Diagnostic } from "../core/diagnostic.js";
import type { ProviderSchemaSnapshot } from "../schema/model.js";
import { normalizeProviderAddress } from "../schema/address.js";
import { SchemaFileError } from "../schema/read.js";
import { describeVersions, nearestVersion, type NearestVersion } from "../schema/versions.js";
import { InputError } from "./input-error.js";
import { isPlainObject } from "../validators/kind.js";
import { joinPointer } from "../core/pointer.js";
import { bareReference } from "../hcl/index.js";
import { BUILTIN_ADDRESS, BUILTIN_LOCAL_NAME, builtinProvider } from "./builtin-provider.js";
import { own } from "../core/own.js";

/** What the checker needs of a schema store (`SchemaStore` implements it). */
export interface SchemaSource {
  /** The newest available version satisfying a Terraform version constraint (any version without one). */
  resolve(address: string, constraint?: string): string | undefined;
  open(address: string, version: string): ProviderSchemaSnapshot;
  /** Every available version, ascending: the nearest is used when none satisfies. */
  versions?(address: string): string[];
  /** Where a version comes from, when it is not the shipped schemas (the project's bindings…). */
  origin?(address: string, version: string): string | undefined;
}

/**
 * `source` answering each question once: a check of many documents (a cdktf.out of 50 stacks)
 * asks the same ones per document, and each answer lists directories and sorts every version of
 * a provider (aws has 200).
 */
export function rememberedSchemas(source: SchemaSource): SchemaSource {
  const answers = new Map<string, unknown>();
  const remember = <T>(key: string, answer: () => T): T => {
    if (!answers.has(key)) answers.set(key, answer());
    return answers.get(key) as T;
  };
  return {
    resolve: (address, constraint) => remember(`resolve ${address} ${constraint ?? ""}`, () => source.resolve(address, constraint)),
    open: (address, version) => remember(`open ${address} ${version}`, () => source.open(address, version)),
    ...(source.versions ? { versions: (address: string) => remember(`versions ${address}`, () => source.versions!(address)) } : {}),
    ...(source.origin ? { origin: (address: string, version: string) => remember(`origin ${address} ${version}`, () => source.origin!(address, version)) } : {}),
  };
}

export interface ProviderRequirement {
  localName: string;
  /** The `source` as written (`hashicorp/aws`), or the default for the local name. */
  source: string;
  constraint?: string;
  /** Where the requirement is declared, when it is. */
  pointer?: string;
}

export type ProviderLookup =
  | { snapshot: ProviderSchemaSnapshot; requirement: ProviderRequirement; reason: string; approximate?: NearestVersion }
  | { unavailable: string; requirement: ProviderRequirement };

/** Which schema checked a provider's resources, and why that one: what the user is told. */
export interface ProviderSchemaUse {
  localName: string;
  address: string;
  version: string;
  /** Where the snapshot came from, e.g. `@cdktf/provider-aws@21.22.1`. */
  from: string;
  reason: string;
}

/** `terraform.required_providers` of one document (`terraform` may be an array of blocks). */
export function readRequiredProviders(document: Record<string, unknown>): Map<string, ProviderRequirement> {
  const found = new Map<string, ProviderRequirement>();
  const terraform = document.terraform;
  const blocks = Array.isArray(terraform) ? terraform : [terraform];
  blocks.forEach((block, i) => {
    if (!isPlainObject(block)) return;
    const base = Array.isArray(terraform) ? joinPointer("/terraform", i) : "/terraform";
    const required = block.required_providers;
    const entries = Array.isArray(required) ? required : [required];
    entries.forEach((entry, j) => {
      if (!isPlainObject(entry)) return;
      const at = Array.isArray(required) ? joinPointer(base, "required_providers", j) : joinPointer(base, "required_providers");
      for (const [localName, spec] of Object.entries(entry)) {
        const pointer = joinPointer(at, localName);
        // The pre-0.13 form is a bare version constraint.
        if (typeof spec === "string") found.set(localName, { localName, source: localName, constraint: spec, pointer });
        else if (isPlainObject(spec)) {
          found.set(localName, {
            localName,
            source: typeof spec.source === "string" ? spec.source : localName,
            ...(typeof spec.version === "string" ? { constraint: spec.version } : {}),
            pointer,
          });
        }
      }
    });
  });
  return found;
}

/** Provider local name of a resource: its `provider` meta-argument, else its type's prefix. */
export function providerLocalName(type: string, providerMeta: unknown): string {
  if (typeof providerMeta === "string") {
    const reference = bareReference(providerMeta);
    const name = reference.split(".")[0];
    if (name) return name;
  }
  const prefix = type.indexOf("_");
  return prefix < 0 ? type : type.slice(0, prefix);
}

export class ProviderSchemas {
  private readonly looked = new Map<string, ProviderLookup>();

  constructor(
    private readonly source: SchemaSource,
    private readonly requirements: Map<string, ProviderRequirement>,
    /** Local name → exact version, from `--provider-version`. */
    private readonly versions: Readonly<Record<string, string>> = {},
  ) {}

  /** One `schema-approximate` warning per provider checked against another version than it asks for. */
  approximations(file: string): Diagnostic[] {
    return [...this.looked.values()].flatMap((lookup) => {
      if (!("snapshot" in lookup) || !lookup.approximate) return [];
      const { wanted, newer, version } = lookup.approximate;
      const { localName, pointer } = lookup.requirement;
      const consequence = newer
        ? `Arguments, blocks and types added between ${wanted} and ${version} are accepted without a word, though ${wanted} may lack them; ones removed in between are reported.`
        : `Arguments, blocks and types added after ${version} are reported as unknown, though ${wanted} may have them.`;
      return [
        {
          severity: "warning" as const,
          rule: "schema-approximate",
          file,
          pointer: pointer ?? "",
          message: `No schema for ${lookup.snapshot.address} ${wanted}: provider "${localName}" was checked against ${version}, the nearest ${newer ? "newer" : "older"} version available`,
          detail:
            `${consequence} For an exact check, install the bindings of ${wanted} in the project (they are found and extracted), ` +
            `or add its schema with \`cdktf-schema-check schema extract\` or \`schema fetch\`; \`schema list\` shows what is available.`,
          suggestions: [],
        },
      ];
    });
  }

  /** The schemas that were used, one entry per provider local name. */
  used(): ProviderSchemaUse[] {
    return [...this.looked.values()].flatMap((lookup) =>
      "snapshot" in lookup && lookup.snapshot.address !== BUILTIN_ADDRESS
        ? [{ localName: lookup.requirement.localName, address: lookup.snapshot.address, version: lookup.snapshot.version, from: lookup.snapshot.provenance.from, reason: lookup.reason }]
        : [],
    );
  }

  declaresAny(): boolean {
    return this.requirements.size > 0;
  }

  /** Local names looked up (used by the document) that `required_providers` does not declare. */
  undeclared(): string[] {
    return [...this.looked.keys()].filter((name) => !this.requirements.has(name)).sort();
  }

  lookup(localName: string): ProviderLookup {
    let found = this.looked.get(localName);
    if (!found) {
      found = this.find(localName);
      this.looked.set(localName, found);
    }
    return found;
  }

  private find(localName: string): ProviderLookup {
    // The local name `terraform` means Terraform's built-in provider unless declared otherwise.
    const defaultSource = localName === BUILTIN_LOCAL_NAME ? BUILTIN_ADDRESS : localName;
    const requirement = this.requirements.get(localName) ?? { localName, source: defaultSource };
    const pinned = own(this.versions, localName);
    const constraint = pinned ?? requirement.constraint;
    let address: string;
    try {
      address = normalizeProviderAddress(requirement.source);
    } catch (err) {
      return { unavailable: (err as Error).message, requirement };
    }
    if (address === BUILTIN_ADDRESS) return { snapshot: builtinProvider, requirement, reason: "built into Terraform" };
    let version: string | undefined;
    try {
      version = this.source.resolve(address, constraint);
    } catch (err) {
      if (err instanceof SchemaFileError) throw err;
      if (pinned !== undefined) throw new InputError(`provider version ${localName}=${pinned} (--provider-version or providerVersions): ${(err as Error).message}`);
      // A constraint the store cannot read (`required_providers` checks report it in detail).
      return { unavailable: `the version constraint "${constraint}" cannot be used: ${(err as Error).message}`, requirement };
    }
    const available = version === undefined ? (this.source.versions?.(address) ?? []) : [];
    if (version === undefined && pinned !== undefined) {
      throw new InputError(
        `provider version ${localName}=${pinned} (--provider-version or providerVersions) cannot be used: no schema of ${address} satisfies "${pinned}"; ` +
          (available.length > 0 ? `available: ${describeVersions(available)}` : "none is available (see `cdktf-schema-check schema list`)"),
      );
    }
    const approximate = version === undefined && constraint !== undefined ? nearestVersion(available, constraint) : undefined;
    if (approximate) version = approximate.version;
    if (version === undefined) {
      const wanted = constraint === undefined ? "" : ` matching "${constraint}"`;
      const have = available.length > 0 ? ` (available: ${describeVersions(available)}, none of the same major)` : "";
      return { unavailable: `no schema for ${address}${wanted} is available${have}`, requirement };
    }
    const declared = `terraform.required_providers.${localName}`;
    let reason =
      pinned !== undefined
        ? `--provider-version ${localName}=${pinned}`
        : approximate
          ? `the nearest ${approximate.newer ? "newer" : "older"} available version of the same major: none satisfies "${constraint}" (${declared})`
          : constraint !== undefined
            ? `the newest available schema satisfying "${constraint}" (${declared})`
            : `the newest available schema (no version constraint declared for "${localName}")`;
    const origin = this.source.origin?.(address, version);
    if (origin && origin !== "shipped") reason += `; from ${origin}`;
    // An unreadable snapshot fails the run (SchemaFileError), naming the file.
    const snapshot = this.source.open(address, version);
    return { snapshot, requirement, reason, ...(approximate ? { approximate } : {}) };
  }
}
