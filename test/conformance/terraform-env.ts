/**
 * A private Terraform environment whose provider `<address>` is the schema-serving test provider:
 * a launcher script found through `dev_overrides` in its own CLI configuration, so
 * `terraform validate` and `terraform providers schema` run offline, with no `terraform init`
 * for providers and nothing written outside the environment's directory.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

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
  mkdirSync(bin, { recursive: true });
  // Terraform runs the executable named terraform-provider-<type> in the override directory.
  const launcher = join(bin, `terraform-provider-${type}`);
  writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" --import "${TSX_LOADER}" "${SERVER}" "$@"\n`);
  chmodSync(launcher, 0o755);
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
      CONFORMANCE_SCHEMA_FILE: options.schemaFile,
      CONFORMANCE_SCHEMA_ADDRESS: options.address,
    },
  };
}
