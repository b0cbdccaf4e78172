/**
 * `cdktf-schema-check schema list|show|fetch|extract`: what schemas the checker has, what one
 * resource looks like, and how to add more (from Terraform, a saved schema file, or bindings).
 * New snapshots go to the project's `.cdktf-schemas/`, which the checker reads before the
 * shipped ones. What each command does is in schema-actions.ts, loaded when one runs.
 */
import type { Command } from "commander";
import { PROJECT_SCHEMAS_DIR } from "../schema/store/locations.js";

type Actions = typeof import("./schema-actions.js");

/** The action `name` of schema-actions.ts, loaded when the command runs. */
function lazy<K extends "list" | "show" | "fetch" | "extract">(name: K): (...args: Parameters<Actions[K]>) => Promise<void> {
  return async (...args) => {
    const actions = await import("./schema-actions.js");
    await (actions[name] as (...a: Parameters<Actions[K]>) => Promise<void>)(...args);
  };
}

export function registerSchemaCommands(program: Command): void {
  const schema = program.command("schema").description("list, show, fetch and extract provider schemas");

  schema
    .command("list")
    .description("providers and versions the checker has schemas for")
    .argument("[provider]", "only this provider (aws, hashicorp/aws, …)")
    .action(lazy("list"));

  schema
    .command("show")
    .description("the arguments and blocks of one resource type (or data source, with --data)")
    .argument("<provider[@version]>", "e.g. aws, aws@6.25.0, hashicorp/aws@~> 6.0 (default version: what the project pins in cdktf.out or cdktf.json, else the newest)")
    .argument("<type>", "resource type, e.g. aws_elasticache_replication_group")
    .option("--data", "show a data source instead of a resource")
    .option("--json", "print the schema block as JSON")
    .action(lazy("show"));

  schema
    .command("fetch")
    .description("fetch a provider's schema with `terraform init` + `terraform providers schema -json`")
    .argument("<provider[@version]>", "e.g. hashicorp/aws@6.25.0")
    .option("--plugin-dir <dir>", "install from this directory (terraform init -plugin-dir) instead of the registry")
    .option("--mirror <dir>", "install from this filesystem mirror instead of the registry")
    .option("--from-file <file>", "read a saved `terraform providers schema -json` output instead (needs an exact version)")
    .option("--terraform <path>", "terraform executable", "terraform")
    .option("--out <dir>", "snapshot directory", PROJECT_SCHEMAS_DIR)
    .action(lazy("fetch"));

  schema
    .command("extract")
    .description("rebuild a provider's schema offline from CDKTF bindings (@cdktf/provider-*, @cdktn/provider-*, .gen/providers/*)")
    .argument("<bindings>", "package directory, installed package name, or `cdktf get` output directory")
    .option("--out <dir>", "snapshot directory", PROJECT_SCHEMAS_DIR)
    .action(lazy("extract"));
}
