/**
 * The GitHub Action (action.yml) and the pre-commit hooks (.pre-commit-hooks.yaml) as their
 * runners read them: a composite action whose every input, output and step reference resolves,
 * whose shell steps name their shell, and hooks that select the files they are meant for. Their
 * commands run against a real installed app in test/install/install.test.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { action, hooks, root } from "./definitions.js";

/** Every `${{ … }}` expression in a value. */
const expressions = (value: unknown): string[] => [...JSON.stringify(value).matchAll(/\$\{\{(.*?)\}\}/g)].map((m) => m[1]!.trim());

describe("action.yml", () => {
  it("is a composite action with a name, a description and described inputs and outputs", () => {
    expect(action.name).toBe("cdktf-schema-check");
    expect(action.description).toMatch(/provider schemas/);
    expect(action.runs.using).toBe("composite");
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toMatch(/\w/);
    for (const [name, output] of Object.entries(action.outputs)) expect(output.value, name).toMatch(/^\$\{\{ steps\.\w+\.outputs\.[\w-]+ \}\}$/);
  });

  it("sets up Node, checks (annotations and SARIF from one step), uploads the SARIF, then fails on findings", () => {
    expect(action.runs.steps.map((s) => s.uses ?? s.id ?? s.name)).toEqual([
      "actions/setup-node@v4",
      "check",
      "github/codeql-action/upload-sarif@v3",
      "Fail on findings",
    ]);
    for (const step of action.runs.steps.filter((s) => s.run)) expect(step.shell, step.name).toBe("bash");
  });

  it("refers only to inputs it declares and steps it has", () => {
    const stepIds = new Set(action.runs.steps.map((s) => s.id).filter(Boolean));
    const references = expressions([action.runs, action.outputs]).flatMap((expression) => [
      ...expression.matchAll(/\b(inputs|steps)\.([\w-]+)/g),
    ]);
    expect(references.length).toBeGreaterThan(5);
    for (const [reference, kind, name] of references) {
      if (kind === "inputs") expect(action.inputs, reference).toHaveProperty([name!]);
      else expect(stepIds.has(name), reference).toBe(true);
    }
    // Scripts read inputs from the environment, never from expressions pasted into the script.
    for (const step of action.runs.steps.filter((s) => s.run)) expect(step.run, step.name).not.toContain("${{");
  });
});

describe(".pre-commit-hooks.yaml", () => {
  const hook = (id: string) => hooks.find((h) => h.id === id)!;

  it("runs the package's own command as a node hook", () => {
    expect(hooks.map((h) => h.id)).toEqual(["cdktf-schema-check", "cdktf-schema-check-out"]);
    const bin = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).bin as Record<string, string>;
    for (const h of hooks) {
      expect(h.language).toBe("node");
      expect(Object.keys(bin)).toContain(h.entry.split(" ")[0]);
    }
  });

  it.each([
    ["cdktf-schema-check", "cdktf.out/stacks/prod/cdk.tf.json", true],
    ["cdktf-schema-check", "modules/network/main.tf.json", true],
    ["cdktf-schema-check", "package.json", false],
    ["cdktf-schema-check", "main.tf", false],
    ["cdktf-schema-check-out", "main.ts", true],
    ["cdktf-schema-check-out", "app/main.py", true],
    ["cdktf-schema-check-out", "cdktf.json", true],
    ["cdktf-schema-check-out", "README.md", false],
    ["cdktf-schema-check-out", "my-cdktf.json", false],
  ])("%s selects %s: %s", (id, file, selected) => {
    // pre-commit matches `files` with Python's re.search; these patterns mean the same in JavaScript.
    expect(new RegExp(hook(id).files).test(file)).toBe(selected);
  });

  it("cdktf-schema-check-out checks the configured output, not the changed sources", () => {
    expect(hook("cdktf-schema-check-out").pass_filenames).toBe(false);
    expect(hook("cdktf-schema-check").pass_filenames).toBeUndefined();
  });
});
