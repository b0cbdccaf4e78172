/**
 * The conformance run: cases (generated from a schema, or `*.tf.json` files from a directory)
 * judged by `terraform validate` against the schema-serving provider and by the checker against
 * the same schema, compared case by case.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { checkDocument } from "../../src/check/document.js";
import type { ProviderSchema } from "../../src/schema/format.js";
import { snapshotFromProviderSchema } from "../../src/schema/memory.js";
import { memorySchemas } from "../fixtures/demo-provider.js";
import { type Comparison, compare } from "./compare.js";
import { KNOWN_DISAGREEMENTS } from "./known-disagreements.js";
import { type SourceDocument, generateCases, generateCasesFromDocuments, undefaultedVariables } from "./generate-cases.js";
import { configurationAliases, mergeModule, offlineModule } from "./real-configurations.js";
import type { Json } from "./valid-values.js";
import { type Case, terraformValidate } from "./terraform-validate.js";
import { createTerraformEnv } from "./terraform-env.js";
import { terraformOnPath } from "../../src/terraform/version.js";

export interface ConformanceOptions {
  /** Fully qualified provider address, e.g. `registry.terraform.io/hashicorp/demo`. */
  address: string;
  schema: ProviderSchema;
  /** Judge every `*.tf.json` under this directory instead of generated cases. */
  casesDir?: string;
  /** Mutate these real configurations instead of the schema's smallest valid ones. */
  documents?: readonly SourceDocument[];
  /** Generate at least this many cases. */
  minimum?: number;
  /** Cases per `terraform validate` run. */
  batchSize?: number;
  /** Keep only every n-th generated case (a fast subset). */
  every?: number;
}

export interface ConformanceResult {
  comparisons: Comparison[];
  timings: { terraformMs: number; checkerMs: number };
}

type LabelledCase = Case & { label: string };

/**
 * The root modules under `dir`, one case each: a `cdk.tf.json` is a stack by itself, the other
 * `*.tf.json` files of a directory are one module (merged into one document, as Terraform reads
 * them together), prepared to be judged offline against the provider `localName` (see
 * `offlineModule`), and given the provider configurations it takes from its caller. Modules
 * with no resource or data source of that provider are left out.
 */
export function casesFromDir(dir: string, localName: string): LabelledCase[] {
  const files = (readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[]).filter((f) => f.endsWith(".tf.json")).sort();
  const modules = new Map<string, string[]>();
  for (const file of files) {
    const key = basename(file) === "cdk.tf.json" ? file : dirname(file);
    modules.set(key, [...(modules.get(key) ?? []), file]);
  }
  const cases: LabelledCase[] = [];
  for (const [label, inModule] of modules) {
    const module = offlineModule(mergeModule(inModule.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as { [key: string]: Json })), localName);
    if (!module) continue;
    const aliases = configurationAliases(module);
    cases.push({ name: String(cases.length).padStart(5, "0"), label, text: JSON.stringify(module, null, 2) + "\n", variables: undefaultedVariables(module), ...(aliases.length > 0 ? { providers: aliases } : {}) });
  }
  return cases;
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceResult> {
  const localName = options.address.split("/").pop()!;
  const generate = { localName, minimum: options.minimum ?? 2000 };
  let cases: LabelledCase[] = options.casesDir
    ? casesFromDir(options.casesDir, localName)
    : options.documents
      ? generateCasesFromDocuments(options.schema, options.documents, generate)
      : generateCases(options.schema, generate);
  if (options.every && options.every > 1) cases = cases.filter((_, i) => i % options.every! === 0);

  const dir = mkdtempSync(join(tmpdir(), "conformance-"));
  try {
    const schemaFile = join(dir, "schema.json");
    writeFileSync(schemaFile, JSON.stringify(options.schema));
    const env = createTerraformEnv(dir, { address: options.address, schemaFile });
    const schemas = memorySchemas(snapshotFromProviderSchema(options.address, "0.0.0", options.schema, { method: "file", from: "conformance", createdAt: "" }));

    const started = Date.now();
    const verdicts = new Map<string, Awaited<ReturnType<typeof terraformValidate>> extends Map<string, infer V> ? V : never>();
    const batchSize = options.batchSize ?? 250;
    for (let i = 0; i < cases.length; i += batchSize) {
      for (const [name, verdict] of await terraformValidate(env, cases.slice(i, i + batchSize))) verdicts.set(name, verdict);
    }
    const terraformMs = Date.now() - started;

    const checkStarted = Date.now();
    // The checker judges against the release that judges it (functions differ between releases).
    const terraform = terraformOnPath();
    const comparisons = cases.map((c) => {
      // The served schema judges, whatever versions the configuration asks for.
      const { diagnostics } = checkDocument(c.text, { file: "main.tf.json", schemas, providerVersions: { [localName]: "0.0.0" }, ...(terraform ? { terraform } : {}) });
      return compare(c, verdicts.get(c.name)!, diagnostics);
    });
    return { comparisons, timings: { terraformMs, checkerMs: Date.now() - checkStarted } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report `npm run conformance` prints: each disagreement with both sides, then `agreement: N/M`. */
export function formatReport(result: ConformanceResult, suite?: string): string {
  const lines: string[] = [];
  const { comparisons } = result;
  for (const c of comparisons.filter((c) => !c.agree)) {
    lines.push(`✗ ${c.name} ${c.label}${c.stoppedEarly ? " (terraform stopped at loading)" : ""}`);
    for (const t of c.onlyTerraform) lines.push(`    terraform only  ${t.pointer || "/"}  ${t.message}`);
    for (const o of c.onlyChecker) lines.push(`    checker only    ${o.pointer || "/"}  ${o.message}`);
    for (const m of c.missedSuggestions) lines.push(`    suggestion      ${m.pointer || "/"}  terraform: did you mean "${m.terraform}"? checker: ${JSON.stringify(m.checker)}`);
    const known = KNOWN_DISAGREEMENTS.find((k) => k.label.test(c.label));
    if (known) lines.push(`    known: ${known.what}`);
  }
  const agreed = comparisons.filter((c) => c.agree).length;
  const byId = new Map<string, number>();
  for (const c of comparisons.filter((c) => c.agree && c.deliberate.length > 0)) {
    for (const id of new Set(c.deliberate.map((d) => d.id))) byId.set(id, (byId.get(id) ?? 0) + 1);
  }
  for (const [id, count] of byId) lines.push(`deliberate difference ${id}: ${count} cases (test/conformance/README.md)`);
  lines.push(`terraform ${(result.timings.terraformMs / 1000).toFixed(1)}s, checker ${(result.timings.checkerMs / 1000).toFixed(1)}s`);
  lines.push(`${suite ? `${suite} ` : ""}agreement: ${agreed}/${comparisons.length}`);
  return lines.join("\n");
}
