import type { Command } from "commander";

/** The default command: `cdktf-schema-check [paths…]`. Filled in by the checker issue. */
export function registerCheckCommand(program: Command): void {
  void program;
}
