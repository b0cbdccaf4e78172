/**
 * The settings a check runs with: the configuration file, overridden by what the command line's
 * flags or SchemaCheck's options give. One function for both, so a suppression or a pinned
 * provider version means the same in synth as on the command line.
 */
import { type TerraformTarget, terraformOnPathWhenNeeded } from "../terraform/version.js";
import { shippedTerraformSchemas } from "../terraform/backends.js";
import { compareVersions, normalizeVersion, parseConstraint } from "../schema/versions.js";
import { InputError } from "../check/input-error.js";
import type { ResolvedConfig, Suppression } from "./load.js";

export interface SettingOverrides {
  /** Per provider, over the configuration's. */
  providerVersions?: Readonly<Record<string, string>>;
  /** Names where `providerVersions` were given, for messages: `--provider-version`, `SchemaCheck providerVersions`. */
  providerVersionsFrom?: string;
  /** A release to check against, as given (held to the configuration's rules here); `source` says where it was given. */
  terraform?: TerraformTarget;
  strict?: boolean | undefined;
}

export interface Settings {
  providerVersions: Record<string, string>;
  strict: boolean;
  suppressions: readonly Suppression[];
  /**
   * The release the terraform block is checked against: given, configured, else `terraform` on
   * PATH (asked on first use: pass the function itself to a check, which asks only when a
   * document needs the release).
   */
  terraform(): TerraformTarget | undefined;
}

export function resolveSettings(config: ResolvedConfig, overrides: SettingOverrides = {}): Settings {
  const configured = config.terraformVersion === undefined ? undefined : { version: usableRelease(config.terraformVersion, `${config.file}: terraformVersion`), source: `terraformVersion in ${config.file}` };
  const asked = overrides.terraform && { version: usableRelease(overrides.terraform.version, overrides.terraform.source), source: overrides.terraform.source };
  const onPath = terraformOnPathWhenNeeded();
  const providerVersions = { ...config.providerVersions, ...overrides.providerVersions };
  for (const [name, version] of Object.entries(providerVersions)) {
    const given = overrides.providerVersions !== undefined && Object.hasOwn(overrides.providerVersions, name);
    usableVersion(version, given ? `${overrides.providerVersionsFrom ?? "providerVersions"} ${name}=${version}` : `providerVersions.${name} in ${config.file}`);
  }
  return {
    providerVersions,
    strict: overrides.strict ?? config.strict ?? false,
    suppressions: config.suppressions,
    terraform: () => asked ?? configured ?? onPath(),
  };
}

/** A provider version (or constraint) to check against must at least be one. */
function usableVersion(version: string, from: string): void {
  try {
    parseConstraint(version);
  } catch (err) {
    throw new InputError(`${from}: ${(err as Error).message}; \`cdktf-schema-check schema list\` shows the versions available`);
  }
}

/** A Terraform release to check against, as given (`1.11.4`, `v1.9`), normalized; `from` names where it was given. */
function usableRelease(value: string, from: string): string {
  const version = normalizeVersion(value.replace(/^v/, ""));
  const releases = shippedTerraformSchemas().releases();
  if (!version) throw new InputError(`${from}: expected a Terraform version such as 1.11.4, got "${value}"`);
  if (compareVersions(version, releases[0]!) < 0) {
    throw new InputError(`${from}: Terraform ${version} is older than the oldest release with known backend schemas (${releases[0]})`);
  }
  return version;
}
