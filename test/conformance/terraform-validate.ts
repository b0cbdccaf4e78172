/**
 * `terraform validate -json` over many configurations at once. Starting Terraform and the
 * provider costs about a second, so each case becomes a child module (`cases/<name>/main.tf.json`)
 * of one root module and every diagnostic is attributed to its case by file name.
 *
 * Terraform validates in two phases: it loads all configuration (syntax, meta-arguments,
 * top-level structure) and only if that succeeds, walks every resource and decodes it against
 * its schema. A case that fails to load hides every other case's schema errors, so a sentinel
 * in the root module, an error only the walk reports, tells whether the walk ran; when it did
 * not, the cases with load errors are settled ("stopped early": Terraform shows nothing more for
 * them) and the rest run again.
 */
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { joinPointer } from "../../src/core/pointer.js";
import { PointerMap } from "./range-pointer.js";
import type { TerraformEnv } from "./terraform-env.js";

const run = promisify(execFile);

export interface Case {
  /** Unique, usable as a directory and module name: [a-z0-9_-]. */
  name: string;
  text: string;
  /** Input variables the case declares without default; the root passes each an unknown value. */
  variables?: string[];
  /** Provider configurations the case takes from its caller (`configuration_aliases`: `aws.west`); the root configures and passes them. */
  providers?: string[];
}

export interface TerraformFinding {
  pointer: string;
  summary: string;
  detail: string;
}

export interface TerraformVerdict {
  errors: TerraformFinding[];
  /** The configuration failed to load, so Terraform never decoded resources against the schema. */
  stoppedEarly: boolean;
}

interface JsonDiagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
  range?: { filename: string; start: { byte: number } };
}

const SENTINEL_FILE = "conformance-sentinel.tf.json";
const SENTINEL = { output: { conformance_sentinel: { value: "${var.conformance_sentinel_undeclared}" } } };

export async function terraformValidate(env: TerraformEnv, cases: readonly Case[]): Promise<Map<string, TerraformVerdict>> {
  const verdicts = new Map<string, TerraformVerdict>();
  let pending = [...cases];
  while (pending.length > 0) {
    const { byCase, walked } = await validateOnce(env, pending);
    for (const c of pending) {
      const errors = byCase.get(c.name) ?? [];
      if (walked || errors.length > 0) verdicts.set(c.name, { errors, stoppedEarly: !walked });
    }
    const unsettled = pending.filter((c) => !verdicts.has(c.name));
    if (unsettled.length === pending.length) {
      throw new Error(`terraform validate neither walked nor blamed a case (${pending.length} cases); see ${env.dir}`);
    }
    pending = unsettled;
  }
  return verdicts;
}

async function validateOnce(env: TerraformEnv, cases: readonly Case[]) {
  const root = join(env.dir, "root");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, ".terraform", "modules"), { recursive: true });
  const modules: Record<string, Record<string, unknown>> = {};
  const rootVariables: Record<string, object> = {};
  const aliases = new Set<string>();
  const texts = new Map<string, string>();
  for (const c of cases) {
    const dir = join(root, "cases", c.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "main.tf.json"), c.text);
    // An unknown value, as every root variable is under validate.
    const inputs = Object.fromEntries((c.variables ?? []).map((v) => [v, `\${var.${v}}`]));
    for (const v of c.variables ?? []) rootVariables[v] = {};
    // Passing providers replaces inheriting them: the default configurations are passed too.
    const passed = c.providers?.flatMap((alias) => [alias, alias.split(".")[0]!]);
    for (const alias of c.providers ?? []) aliases.add(alias);
    modules[`case_${c.name}`] = { source: `./cases/${c.name}`, ...inputs, ...(passed ? { providers: Object.fromEntries(passed.map((p) => [p, p])) } : {}) };
    texts.set(join("cases", c.name, "main.tf.json"), c.text);
  }
  // An empty "variable" object names no block: Terraform rejects it ("Missing block label").
  const variables = Object.keys(rootVariables).length > 0 ? { variable: rootVariables } : {};
  const providers: Record<string, object[]> = {};
  for (const alias of aliases) {
    const [localName, name] = alias.split(".");
    // With the default configuration, which the module calls pass on too.
    (providers[localName!] ??= [{}]).push({ alias: name });
  }
  const configurations = Object.keys(providers).length > 0 ? { provider: providers } : {};
  writeFileSync(join(root, "main.tf.json"), JSON.stringify({ ...variables, ...configurations, module: modules }, null, 1));
  writeFileSync(join(root, SENTINEL_FILE), JSON.stringify(SENTINEL));
  // What `terraform init` would record for local modules; writing it saves an init per batch.
  const manifest = [{ Key: "", Source: "", Dir: "." }, ...cases.map((c) => ({ Key: `case_${c.name}`, Source: `./cases/${c.name}`, Dir: `cases/${c.name}` }))];
  writeFileSync(join(root, ".terraform", "modules", "modules.json"), JSON.stringify({ Modules: manifest }));

  const output = await run("terraform", ["validate", "-json", "-no-color"], { cwd: root, env: env.env, maxBuffer: 1 << 28 }).then(
    (r) => r.stdout,
    (err: { stdout?: string; message: string }) => {
      if (!err.stdout) throw new Error(`terraform validate failed: ${err.message}`);
      return err.stdout;
    },
  );
  const diagnostics = (JSON.parse(output) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  const byCase = new Map<string, TerraformFinding[]>();
  const pointerMaps = new Map<string, PointerMap>();
  let walked = false;
  for (const d of diagnostics) {
    if (d.severity !== "error") continue;
    const file = d.range?.filename;
    if (file === SENTINEL_FILE) {
      walked = true;
      continue;
    }
    if (!file) {
      // Errors of the whole configuration (provider configurations) name the resource by address.
      const blamed = rangelessFinding(d, (name) => texts.get(join("cases", name, "main.tf.json")));
      if (!blamed) throw new Error(`terraform reported an error outside any case: ${d.summary} (no file)`);
      byCase.set(blamed.name, [...(byCase.get(blamed.name) ?? []), blamed.finding]);
      continue;
    }
    const name = file.match(/^cases\/([^/]+)\/main\.tf\.json$/)?.[1];
    if (!name) throw new Error(`terraform reported an error outside any case: ${d.summary} (${file})`);
    let map = pointerMaps.get(file);
    if (!map) pointerMaps.set(file, (map = new PointerMap(texts.get(file)!)));
    const list = byCase.get(name) ?? [];
    list.push({ pointer: map.pointerAt(d.range!.start.byte), summary: d.summary, detail: d.detail ?? "" });
    byCase.set(name, list);
  }
  return { byCase, walked };
}

/**
 * An error without a place in a file, about one resource of a case (`module.case_<name>.<address>`
 * in its detail): "Provider configuration not present" blames the resource's `provider`.
 */
function rangelessFinding(d: JsonDiagnostic, textOf: (name: string) => string | undefined): { name: string; finding: TerraformFinding } | undefined {
  const match = /module\.case_([a-z0-9_-]+)\.(data\.)?([a-z0-9_]+)\.([\w-]+)/.exec(`${d.summary} ${d.detail ?? ""}`);
  const text = match ? textOf(match[1]!) : undefined;
  if (!match || text === undefined) return undefined;
  const [, name, data, type, resource] = match;
  const section = data ? "data" : "resource";
  // The resource's body, or the element of its array that sets a provider.
  const bodies = (JSON.parse(text) as Record<string, Record<string, Record<string, unknown>> | undefined>)[section]?.[type!]?.[resource!];
  const element = Array.isArray(bodies) ? bodies.findIndex((b) => b !== null && typeof b === "object" && "provider" in b) : -1;
  const body = joinPointer("", section, type!, resource!, ...(element >= 0 ? [element] : []));
  const pointer = d.summary === "Provider configuration not present" ? `${body}/provider` : body;
  return { name: name!, finding: { pointer, summary: d.summary, detail: d.detail ?? "" } };
}
