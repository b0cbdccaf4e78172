import type { Command } from "commander";

/** `cdktf-schema-check schema list|show|fetch|extract`. Filled in by the snapshot issue. */
export function registerSchemaCommands(program: Command): void {
  void program;
}
