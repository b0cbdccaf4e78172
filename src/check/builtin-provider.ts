/**
 * Terraform's built-in provider (`terraform.io/builtin/terraform`): `terraform_data` and the
 * `terraform_remote_state` data source. It ships with Terraform itself, so it has no snapshot;
 * its schema is small and stable (Terraform 1.4+).
 */
import { snapshotFromProviderSchema } from "../schema/memory.js";
import type { ProviderSchemaSnapshot } from "../schema/model.js";

export const BUILTIN_LOCAL_NAME = "terraform";
export const BUILTIN_ADDRESS = "terraform.io/builtin/terraform";

export const builtinProvider: ProviderSchemaSnapshot = snapshotFromProviderSchema(
  BUILTIN_ADDRESS,
  "builtin",
  {
    resource_schemas: {
      terraform_data: {
        block: {
          attributes: {
            id: { type: "string", computed: true },
            input: { type: "dynamic", optional: true },
            output: { type: "dynamic", computed: true },
            triggers_replace: { type: "dynamic", optional: true },
          },
        },
      },
    },
    data_source_schemas: {
      terraform_remote_state: {
        block: {
          attributes: {
            backend: { type: "string", required: true },
            config: { type: "dynamic", optional: true },
            defaults: { type: "dynamic", optional: true },
            outputs: { type: "dynamic", computed: true },
            workspace: { type: "string", optional: true },
          },
        },
      },
    },
  },
  { method: "file", from: "Terraform's built-in provider (internal/builtin/providers/terraform)", createdAt: "2026-11-23" },
);
