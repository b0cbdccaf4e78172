/**
 * The `terraform` block against the Terraform release that will run it: the block's own
 * arguments, `required_version`, `required_providers` (source addresses and constraints), and
 * the backend or `cloud` block against that release's schemas — including keys that exist only
 * in other releases (`use_lockfile` from 1.10 on, the top-level `role_arn` of s3 until 1.9).
 */
import { ProviderAddressError, parseProviderAddress } from "../schema/address.js";
import type { SchemaBlock } from "../schema/format.js";
import { normalizeVersion, parseConstraint, satisfies, VersionConstraintError } from "../schema/versions.js";
import { type BackendSchema, type TerraformSchemas } from "../terraform/backends.js";
import { minorOf } from "../terraform/releases.js";
import { describeValue } from "../validators/conversion.js";
import { isPlainObject } from "../validators/kind.js";
import type { TerraformTarget } from "../terraform/version.js";
import { checkBlock } from "./block.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { joinPointer, parsePointer } from "../core/pointer.js";
import { suggestNames } from "../core/suggest.js";
import { own } from "../core/own.js";

export type { TerraformTarget };

export interface TerraformBlockContext {
  file: string;
  schemas: TerraformSchemas;
  target: TerraformTarget;
  /** Yields each object of a block value (an object or an array of objects), reporting anything else. */
  objects: (value: unknown, pointer: string, what: string) => Iterable<{ body: Record<string, unknown>; pointer: string }>;
}

/** What the `terraform` block itself may hold (besides `//` comments). */
const TERRAFORM_BLOCK: SchemaBlock = {
  attributes: {
    required_version: { type: "string", optional: true },
    experiments: { type: ["list", "dynamic"], optional: true },
    required_providers: { type: "dynamic", optional: true },
    backend: { type: "dynamic", optional: true },
    cloud: { type: "dynamic", optional: true },
    provider_meta: { type: "dynamic", optional: true },
  },
};

export const PROVIDER_REQUIREMENT: SchemaBlock = {
  attributes: {
    source: { type: "string", optional: true },
    version: { type: "string", optional: true },
    configuration_aliases: { type: ["list", "dynamic"], optional: true },
  },
};

/** `pointer`: where the section is (`/terraform`, or `/<i>/terraform` in a document that is an array of bodies). */
export function checkTerraformSection(section: unknown, context: TerraformBlockContext, sectionPointer = "/terraform"): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Omit<Diagnostic, "file">) => diagnostics.push({ file: context.file, ...d });
  const release = context.schemas.nearestRelease(context.target.version);
  const against = `Terraform ${context.target.version} (${context.target.source})`;
  const backends: string[] = [];
  const clouds: string[] = [];

  const add = (found: readonly Diagnostic[]) => {
    for (const d of found) diagnostics.push(d);
  };

  for (const { body, pointer } of context.objects(section, sectionPointer, '"terraform"')) {
    add(checkBlock(body, TERRAFORM_BLOCK, { file: context.file, pointer, name: "terraform" }));
    if (typeof body.required_version === "string") checkRequiredVersion(body.required_version, joinPointer(pointer, "required_version"), context.target, against, report);
    for (const { body: providers, pointer: at } of context.objects(body.required_providers, joinPointer(pointer, "required_providers"), "required_providers")) {
      for (const [name, requirement] of Object.entries(providers)) {
        if (name !== "//") checkRequirement(name, requirement, joinPointer(at, name), context, report, diagnostics);
      }
    }
    // `{"s3": {…}}` as cdktf writes it, or arrays at either level: `[{"s3": [{…}]}]`.
    for (const { body: byType, pointer: at } of context.objects(body.backend, joinPointer(pointer, "backend"), "backend")) {
      const types = Object.keys(byType).filter((type) => type !== "//");
      if (types.length === 0) {
        report({
          severity: "error",
          rule: "block-shape",
          pointer: at,
          message: "Empty backend block: its one key names the backend type",
          detail: `For example {"s3": {"bucket": …}}. Backends in ${against}: ${context.schemas.backendTypes(release).join(", ")}.`,
          suggestions: [],
        });
      }
      for (const type of types) {
        const typePointer = joinPointer(at, type);
        if (!context.schemas.backend(release, type)) {
          backends.push(typePointer);
          reportUnknownBackend(type, typePointer, release, against, context.schemas, report);
          continue;
        }
        for (const { body: config, pointer: configPointer } of context.objects(byType[type], typePointer, `backend "${type}"`)) {
          backends.push(configPointer);
          add(checkBackend(type, config, configPointer, release, against, context));
        }
      }
    }
    for (const { body: cloud, pointer: at } of context.objects(body.cloud, joinPointer(pointer, "cloud"), "cloud")) {
      clouds.push(at);
      add(checkBlock(cloud, context.schemas.cloud(release)!.block, { file: context.file, pointer: at, name: "cloud" }));
    }
  }

  for (const extra of backends.slice(1)) {
    report({
      severity: "error",
      rule: "block-shape",
      pointer: extra,
      message: "Duplicate backend configuration: a configuration may have only one backend",
      detail: `The first backend is at ${backends[0]}.`,
      suggestions: [],
    });
  }
  for (const extra of clouds.slice(1)) {
    report({
      severity: "error",
      rule: "block-shape",
      pointer: extra,
      message: "Duplicate cloud configuration: a configuration may have only one cloud block",
      detail: `The first cloud block is at ${clouds[0]}.`,
      suggestions: [],
    });
  }
  if (backends.length > 0 && clouds.length > 0) {
    report({
      severity: "error",
      rule: "block-shape",
      pointer: clouds[0]!,
      message: "Both a backend and a cloud configuration are present: use one or the other",
      detail: `The backend is at ${backends[0]}; the cloud block replaces it for HCP Terraform.`,
      suggestions: [],
    });
  }
  return diagnostics;
}

function checkRequiredVersion(
  constraint: string,
  pointer: string,
  target: TerraformTarget,
  against: string,
  report: (d: Omit<Diagnostic, "file">) => void,
): void {
  let parts;
  try {
    parts = parseConstraint(constraint);
  } catch (err) {
    if (!(err instanceof VersionConstraintError)) throw err;
    report({ severity: "error", rule: "invalid-value", pointer, message: `Invalid required_version: ${err.message}`, suggestions: [] });
    return;
  }
  if (parts.some((p) => p.prerelease)) {
    report({
      severity: "error",
      rule: "invalid-value",
      pointer,
      message: `Invalid required_version "${constraint}": Terraform does not support pre-release versions in required_version`,
      detail: "Remove the pre-release part; pre-release builds of Terraform match constraints by their version core (1.12.0-beta1 as 1.12.0).",
      suggestions: [],
    });
    return;
  }
  // Terraform checks its version core: a pre-release build counts as its release.
  const core = normalizeVersion(target.version)?.replace(/-.*$/, "");
  if (core !== undefined && !satisfies(core, constraint)) {
    report({
      severity: "warning",
      rule: "required-version",
      pointer,
      message: `required_version "${constraint}" excludes ${against}`,
      detail: `terraform init would stop with "Unsupported Terraform Core version". Check against the version you run with --terraform-version.`,
      suggestions: [],
    });
  }
}

function checkRequirement(
  name: string,
  requirement: unknown,
  pointer: string,
  context: TerraformBlockContext,
  report: (d: Omit<Diagnostic, "file">) => void,
  diagnostics: Diagnostic[],
): void {
  // The pre-0.13 form, a bare version constraint, is still accepted.
  const spec = typeof requirement === "string" ? { version: requirement } : requirement;
  if (!isPlainObject(spec)) {
    report({
      severity: "error",
      rule: "block-shape",
      pointer,
      message: `required_providers.${name} must be an object with "source" and "version", got ${describeValue(requirement)}`,
      suggestions: [],
    });
    return;
  }
  if (typeof requirement !== "string") {
    for (const d of checkBlock(spec, PROVIDER_REQUIREMENT, { file: context.file, pointer, name: `required_providers.${name}` })) diagnostics.push(d);
  }
  if (typeof spec.source === "string") {
    try {
      parseProviderAddress(spec.source);
    } catch (err) {
      if (!(err instanceof ProviderAddressError)) throw err;
      report({ severity: "error", rule: "invalid-value", pointer: joinPointer(pointer, "source"), message: `Invalid provider source "${spec.source}": ${err.message}`, suggestions: [] });
    }
  }
  if (typeof spec.version === "string") {
    try {
      parseConstraint(spec.version);
    } catch (err) {
      if (!(err instanceof VersionConstraintError)) throw err;
      const at = typeof requirement === "string" ? pointer : joinPointer(pointer, "version");
      report({ severity: "error", rule: "invalid-value", pointer: at, message: `Invalid version constraint for provider "${name}": ${err.message}`, suggestions: [] });
    }
  }
}

function reportUnknownBackend(
  type: string,
  pointer: string,
  release: string,
  against: string,
  schemas: TerraformSchemas,
  report: (d: Omit<Diagnostic, "file">) => void,
): void {
  const removed = schemas.removedBackend(release, type);
  report({
    severity: "error",
    rule: "unknown-type",
    pointer,
    message: removed ?? `Unsupported backend type "${type}": ${against} has no backend of that name`,
    detail: `Backends in ${against}: ${schemas.backendTypes(release).join(", ")}.`,
    suggestions: removed ? [] : suggestNames(type, schemas.backendTypes(release)),
  });
}

function checkBackend(type: string, config: Record<string, unknown>, pointer: string, release: string, against: string, context: TerraformBlockContext): Diagnostic[] {
  const { schemas } = context;
  const schema = schemas.backend(release, type)!;
  const name = `backend "${type}"`;
  return checkBlock(config, schema.block, { file: context.file, pointer, name }).map((d) => explainBackendFinding(d, type, pointer, schema, release, against, schemas));
}

/** Adds what only the release history knows: since when a key exists, what replaces a deprecated one. */
function explainBackendFinding(
  d: Diagnostic,
  type: string,
  base: string,
  schema: BackendSchema,
  release: string,
  against: string,
  schemas: TerraformSchemas,
): Diagnostic {
  const relative = parsePointer(d.pointer).slice(parsePointer(base).length);
  const key = relative[0];
  // `terraform init -backend-config=…` may supply the backend's own arguments (a partial
  // configuration), so a missing one is only a warning; Terraform checks after merging them.
  if (d.rule === "missing-argument" && relative.length === 0 && d.message.startsWith("Missing required argument")) {
    return {
      ...d,
      severity: "warning",
      detail: `${d.detail ? `${d.detail} ` : ""}The backend needs it unless terraform init supplies it with -backend-config (a partial configuration).`,
    };
  }
  if (key === undefined) return d;
  if (d.rule === "deprecated") {
    const path = relative.filter((s) => !/^\d+$/.test(s)).join(".");
    const replacement = schema.deprecations && own(schema.deprecations, path);
    return replacement ? { ...d, detail: `${d.detail ? `${d.detail} ` : ""}${replacement}`, suggestions: replacementNames(replacement) } : d;
  }
  if (d.rule !== "unknown-argument" || relative.length !== 1) return d;
  const having = schemas.releasesWithArgument(type, key);
  if (having.length === 0) return d;
  const first = having[0]!;
  const last = having.at(-1)!;
  const releases = schemas.releases();
  const newer = (a: string, b: string) => releases.indexOf(a) > releases.indexOf(b);
  let message: string;
  if (newer(first, release)) message = `"${key}" needs Terraform ≥ ${minorOf(first)}; you are checking against ${against}`;
  else if (newer(release, last)) {
    const removedIn = releases[releases.indexOf(last) + 1]!;
    message = `"${key}" was removed from the ${type} backend in Terraform ${minorOf(removedIn)} (last in ${minorOf(last)}); you are checking against ${against}`;
  } else message = `"${key}" exists in Terraform ${having.map(minorOf).join(", ")}, not in ${against}`;
  return { ...d, message, detail: `Terraform ${minorOf(release)} rejects it: ${d.message}.` };
}


/** `Use "endpoints.s3" instead.` → [`endpoints.s3`]. */
function replacementNames(text: string): string[] {
  return [...text.matchAll(/"([\w.]+)"/g)].map((m) => m[1]!);
}
