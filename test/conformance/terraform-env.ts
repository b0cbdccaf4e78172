/**
 * A private Terraform environment whose provider `<address>` is the schema-serving test provider:
 * a launcher script found through `dev_overrides` in its own CLI configuration, so
 * `terraform validate` and `terraform providers schema` run offline, with no `terraform init`
 * for providers and nothing written outside the environment's directory.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEMO_ADDRESS, demoProviderSchema } from "../fixtures/demo-provider.js";

export interface TerraformEnv {
  dir: string;
  /** Environment variables for every terraform command run in this environment. */
  env: NodeJS.ProcessEnv;
}

export interface TerraformEnvOptions {
  /** `registry.terraform.io/hashicorp/aws`; the provider's type name is its last part. */
  address: string;
  /** The schema to serve (see provider/load-schema.ts). */
  schemaFile: string;
}

const SERVER = fileURLToPath(new URL("provider/server.ts", import.meta.url));
// The provider is TypeScript: node runs it with tsx's loader (resolved here, not from Terraform's cwd).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export function createTerraformEnv(dir: string, options: TerraformEnvOptions): TerraformEnv {
  const type = options.address.split("/").pop()!;
  const bin = join(dir, "provider-bin");
  // Terraform runs the executable named terraform-provider-<type> in the override directory.
  writeLauncher(join(bin, `terraform-provider-${type}`));
  const cliConfig = join(dir, "terraformrc");
  writeFileSync(cliConfig, `provider_installation {\n  dev_overrides {\n    "${options.address}" = "${bin}"\n  }\n  direct {}\n}\n`);
  return {
    dir,
    env: {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
      TF_PLUGIN_CACHE_DIR: "",
      ...serverEnv(options),
    },
  };
}

/** An environment in `dir` whose `hashicorp/demo` provider serves the demo schema (test/fixtures/demo-provider.ts). */
export function demoTerraformEnv(dir: string): TerraformEnv {
  const schemaFile = join(dir, "schema.json");
  writeFileSync(schemaFile, JSON.stringify(demoProviderSchema));
  return createTerraformEnv(dir, { address: DEMO_ADDRESS, schemaFile });
}

/** What the provider process needs to know: which schema to serve. */
export function serverEnv(options: TerraformEnvOptions): NodeJS.ProcessEnv {
  return { CONFORMANCE_SCHEMA_FILE: options.schemaFile, CONFORMANCE_SCHEMA_ADDRESS: options.address };
}

/**
 * Installs the test provider as `<address>` at `version` in the unpacked layout that
 * `terraform init -plugin-dir` and filesystem mirrors read:
 * `<dir>/<hostname>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v<version>`.
 */
export function installInPluginDir(dir: string, address: string, version: string, platform: string): void {
  const type = address.split("/").pop()!;
  writeLauncher(join(dir, address, version, platform, `terraform-provider-${type}_v${version}`));
}

function writeLauncher(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!/bin/sh\nexec "${process.execPath}" --import "${TSX_LOADER}" "${SERVER}" "$@"\n`);
  chmodSync(path, 0o755);
}
