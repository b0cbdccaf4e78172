/** action.yml and .pre-commit-hooks.yaml, parsed as their runners parse them (YAML). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

export const root = path.resolve(import.meta.dirname, "..", "..");

export interface ActionStep {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  "working-directory"?: string;
}
export interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}
export const action = parse(readFileSync(path.join(root, "action.yml"), "utf8")) as Action;

export interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames?: boolean;
}
export const hooks = parse(readFileSync(path.join(root, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];

/**
 * The environment GitHub gives a step: its `env`, with `${{ inputs.NAME }}` replaced by `inputs`
 * or else the input's default (the only expressions the action's step environments use).
 */
export function stepEnvironment(step: ActionStep, inputs: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(step.env ?? {}).map(([name, value]) => [
      name,
      value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, input: string) => inputs[input] ?? action.inputs[input]?.default ?? ""),
    ]),
  );
}
