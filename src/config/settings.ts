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
  /** Already checked with parseTerraformVersion; `source` says where it was given. */
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
  const configured = config.terraformVersion === undefined ? undefined : { version: configuredVersion(config), source: `terraformVersion in ${config.file}` };
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
    terraform: () => overrides.terraform ?? configured ?? onPath(),
  };
}

/**
 * A Terraform release to check against, as given (`1.11.4`, `v1.9`): normalized; throws a
 * RangeError saying why it cannot be used.
 */
export function parseTerraformVersion(value: string): string {
  const version = normalizeVersion(value.replace(/^v/, ""));
  const releases = shippedTerraformSchemas().releases();
  if (!version) throw new RangeError(`expected a Terraform version such as 1.11.4, got "${value}"`);
  if (compareVersions(version, releases[0]!) < 0) {
    throw new RangeError(`Terraform ${version} is older than the oldest release with known backend schemas (${releases[0]})`);
  }
  return version;
}

/** A provider version (or constraint) to check against must at least be one. */
function usableVersion(version: string, from: string): void {
  try {
    parseConstraint(version);
  } catch (err) {
    throw new InputError(`${from}: ${(err as Error).message}; \`cdktf-schema-check schema list\` shows the versions available`);
  }
}

function configuredVersion(config: ResolvedConfig): string {
  try {
    return parseTerraformVersion(config.terraformVersion!);
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(`${config.file}: terraformVersion: ${err.message}`);
    throw err;
  }
}
