/**
 * Terraform as the oracle for backend checks. For every backend (and the cloud block) in the
 * schemas of the installed Terraform's release, configurations that `terraform init -json` and
 * the checker (told the same Terraform version) must judge alike:
 *
 * - every top-level argument right; every one of the wrong type; every one in a form Terraform
 *   converts (`"true"` for a bool, `1` for a string…); every optional one misspelt — attributed
 *   argument by argument through the line numbers of Terraform's diagnostics (one per line);
 * - the empty body: the same required arguments missing;
 * - inside nested objects and blocks (s3 `assume_role`, `endpoints`, cos `assume_role`, cloud
 *   `workspaces`…): each nested argument of the wrong type, misspelt, and the nested object
 *   empty, one configuration each (Terraform reports only the first problem of a nested object);
 * - deprecations: every deprecation warning Terraform gives is one of the checker's, naming the
 *   same replacement.
 *
 * `terraform init` decodes the backend block before it touches the network; whatever it reports
 * after that (credentials, unreachable hosts, invalid ARNs) is not about the shape of the block,
 * and a run that outlives its timeout got past decoding. Where the two legitimately differ:
 *
 * - an unknown key inside a nested *attribute* (s3 `endpoints.s4`) is dropped silently by
 *   Terraform's type conversion; the checker warns ("Terraform ignores it") — a warning, so no
 *   disagreement on errors;
 * - values Terraform converts (`"true"` for a bool) are warnings in the checker, as for resources;
 * - the checker also warns about arguments the schema marks deprecated that `terraform init`
 *   passes over in silence (azurerm `endpoint` in 1.11);
 * - a missing top-level argument is a warning in the checker, since `terraform init
 *   -backend-config=…` may supply it; consul, gcs and kubernetes (backendbase.Base) never
 *   enforce `Required` at init at all, the others do after merging;
 * - an empty kubernetes `exec` block: the Kubernetes client rejects it when it is built, after
 *   decoding; the checker reports the missing arguments (KNOWN_DIFFERENCES).
 *
 * Skipped, loudly, without terraform on PATH. BACKEND_ORACLE_CONCURRENCY sets the parallelism.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import { parsePointer } from "../../src/core/pointer.js";
import type { CtyType, SchemaAttribute, SchemaBlock } from "../../src/schema/format.js";
import { shippedTerraformSchemas } from "../../src/terraform/backends.js";
import { memorySchemas } from "../fixtures/demo-provider.js";
import { terraformForTests } from "../terraform-on-path.js";
import { suiteDir } from "../suite-dir.js";

const terraform = terraformForTests("test/terraform/backend-oracle.test.ts: the backend oracle tests");

/** What `terraform init` reports while decoding a backend block (as opposed to validating values or connecting). */
const DECODING = new Set([
  "Incorrect attribute value type",
  "Extraneous JSON object property",
  "Unsupported argument",
  "Missing required argument",
  "Unsupported block type",
  "Incorrect JSON value type",
  "Missing required block",
  "Duplicate workspaces block",
  "Too many assume_role blocks",
]);
/**
 * Required arguments: Terraform decodes backend blocks with nothing required (`-backend-config`
 * may add arguments), then the backend checks them itself, each in its own words: "Missing
 * Required Value" (s3), `"bucket": required field is not set` (legacy SDK backends), "address
 * argument is required" (http), "must not be empty" (remote).
 */
const REQUIRED_ERROR = /required field is not set|^Missing required|\bis required\b|must not be empty/i;
const SECONDS = 20;

/** Where Terraform and the checker differ on purpose, and why. */
const KNOWN_DIFFERENCES: [RegExp, string][] = [
  [/^kubernetes: exec\.\{\} empty: .*terraform accepts, checker rejects$/, "the kubernetes client rejects an incomplete exec block when it is built, after decoding"],
];

// ---- values ---------------------------------------------------------------------------------

function rightValue(type: CtyType | undefined, attribute?: SchemaAttribute): unknown {
  if (attribute?.nested_type) return requiredOf({ attributes: attribute.nested_type.attributes });
  if (type === undefined || type === "dynamic" || type === "string") return "x";
  if (type === "bool") return true;
  if (type === "number") return 1;
  switch (type[0]) {
    case "list":
    case "set":
      return [rightValue(type[1] as CtyType)];
    case "map":
      return { a: rightValue(type[1] as CtyType) };
    case "object":
      return Object.fromEntries(Object.entries(type[1]).map(([k, t]) => [k, rightValue(t)]));
    case "tuple":
      return type[1].map((t) => rightValue(t));
  }
}

/** A value no conversion turns into `type`; undefined where every value fits (`dynamic`). */
function wrongValue(type: CtyType | undefined, attribute?: SchemaAttribute): unknown {
  if (attribute?.nested_type) return "x";
  if (type === undefined || type === "dynamic") return undefined;
  if (type === "string") return { a: 1 };
  if (type === "bool") return "yes";
  if (type === "number") return "many";
  return "x";
}

/** A value of another type that Terraform converts to `type`; undefined where there is none worth trying. */
function convertibleValue(type: CtyType | undefined, attribute?: SchemaAttribute): unknown {
  if (attribute?.nested_type || type === undefined || type === "dynamic") return undefined;
  if (type === "string") return 1;
  if (type === "bool") return "true";
  if (type === "number") return "1";
  if ((type[0] === "list" || type[0] === "set") && type[1] === "string") return [true];
  if (type[0] === "map" && type[1] === "string") return { a: 1 };
  return undefined;
}

/** A body with every required argument and block, rightly typed. */
function requiredOf(block: SchemaBlock): Record<string, unknown> {
  return Object.fromEntries([
    ...Object.entries(block.attributes ?? {}).filter(([, a]) => a.required).map(([k, a]) => [k, rightValue(a.type, a)]),
    ...Object.entries(block.block_types ?? {}).filter(([, b]) => (b.min_items ?? 0) > 0).map(([k, b]) => [k, requiredOf(b.block)]),
  ]);
}

/** A plausible typo of `key` that is not itself an argument. */
function misspell(key: string, taken: Set<string>): string {
  const candidates = [key.replace(/_/g, ""), `${key}s`, `${key}x`].filter((c) => c !== key);
  return candidates.find((c) => !taken.has(c))!;
}

function argumentNames(block: SchemaBlock): Set<string> {
  return new Set([...Object.keys(block.attributes ?? {}), ...Object.keys(block.block_types ?? {})]);
}

// ---- cases ----------------------------------------------------------------------------------

interface Case {
  label: string;
  type: string;
  body: Record<string, unknown>;
  /**
   * `arguments`: judge each top-level key of the body apart, by the lines Terraform's diagnostics
   * point at. `whole`: one verdict for the configuration, named `key`. `missing`: which
   * arguments are reported missing.
   */
  judge: { kind: "arguments" } | { kind: "whole"; key: string } | { kind: "missing"; required: string[] };
}

function topLevelCases(type: string, block: SchemaBlock): Case[] {
  const attributes = Object.entries(block.attributes ?? {}).filter(([, a]) => a.required || a.optional);
  const blocks = Object.entries(block.block_types ?? {});
  const required = requiredOf(block);
  const taken = argumentNames(block);
  const pick = (value: (type: CtyType | undefined, a: SchemaAttribute) => unknown) =>
    Object.fromEntries(attributes.map(([k, a]) => [k, value(a.type, a)]).filter(([, v]) => v !== undefined));
  const cases: Case[] = [
    { label: "every argument right", body: { ...pick(rightValue), ...Object.fromEntries(blocks.map(([k, b]) => [k, requiredOf(b.block)])) } },
    { label: "every argument of the wrong type", body: { ...pick(wrongValue), ...Object.fromEntries(blocks.map(([k]) => [k, "x"])) } },
    { label: "every argument in a form Terraform converts", body: { ...required, ...pick(convertibleValue) } },
    {
      label: "every optional argument misspelt",
      body: { ...required, ...Object.fromEntries(attributes.filter(([, a]) => !a.required).map(([k, a]) => [misspell(k, taken), rightValue(a.type, a)])) },
    },
  ].map((c) => ({ ...c, label: `${type}: ${c.label}`, type, judge: { kind: "arguments" } as const }));
  const requiredNames = Object.keys(required);
  if (requiredNames.length > 0) cases.push({ label: `${type}: no arguments`, type, body: {}, judge: { kind: "missing", required: requiredNames } });
  return cases;
}

/** One configuration per nested argument (wrong type, misspelt) and per nested object (empty). */
function nestedCases(type: string, block: SchemaBlock): Case[] {
  const containers: [string, SchemaBlock][] = [
    ...Object.entries(block.attributes ?? {}).flatMap(([k, a]): [string, SchemaBlock][] =>
      a.nested_type && a.nested_type.nesting_mode === "single" ? [[k, { attributes: a.nested_type.attributes }]] : [],
    ),
    ...Object.entries(block.block_types ?? {}).map(([k, b]): [string, SchemaBlock] => [k, b.block]),
  ];
  const base = requiredOf(block);
  const cases: Case[] = [];
  const add = (key: string, what: string, nested: Record<string, unknown>, parent: string) =>
    cases.push({ label: `${type}: ${key} ${what}`, type, body: { ...base, [parent]: nested }, judge: { kind: "whole", key } });
  for (const [parent, inner] of containers) {
    const required = requiredOf(inner);
    const taken = argumentNames(inner);
    for (const [k, a] of Object.entries(inner.attributes ?? {})) {
      const wrong = wrongValue(a.type, a);
      if (wrong !== undefined) add(`${parent}.${k}`, "of the wrong type", { ...required, [k]: wrong }, parent);
      add(`${parent}.${misspell(k, taken)}`, `(misspelt ${k})`, { ...required, [misspell(k, taken)]: rightValue(a.type, a) }, parent);
    }
    if (Object.keys(required).length > 0) add(`${parent}.{}`, "empty", {}, parent);
  }
  return cases;
}

function documentOf(c: Case): unknown {
  return c.type === "cloud" ? { terraform: { cloud: c.body } } : { terraform: { backend: { [c.type]: c.body } } };
}

// ---- terraform ------------------------------------------------------------------------------

interface TerraformDiagnostic {
  severity: "error" | "warning";
  summary: string;
  detail: string;
  line?: number;
}

/** `terraform init -json`, killed after `seconds` (past decoding it may try the network). */
function terraformInit(dir: string, seconds: number): Promise<{ diagnostics: TerraformDiagnostic[]; killed: boolean }> {
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
      TF_CLI_CONFIG_FILE: "/dev/null",
      TF_DATA_DIR: path.join(dir, ".terraform"),
      HOME: dir,
      AWS_EC2_METADATA_DISABLED: "true",
    };
    const child = spawn("terraform", ["init", "-json", "-input=false", "-no-color", "-get=false"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let killed = false;
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, seconds * 1000);
    child.on("close", () => {
      clearTimeout(timer);
      const diagnostics: TerraformDiagnostic[] = [];
      for (const line of output.split("\n")) {
        if (!line.startsWith("{")) continue;
        const message = JSON.parse(line) as { diagnostic?: { severity: "error" | "warning"; summary: string; detail: string; range?: { start: { line: number } } } };
        const d = message.diagnostic;
        if (d) diagnostics.push({ severity: d.severity, summary: d.summary, detail: d.detail, ...(d.range ? { line: d.range.start.line } : {}) });
      }
      resolve({ diagnostics, killed });
    });
  });
}

/** Line → dotted path of the key written on it, relative to the body (depth `depth`). */
function keysByLine(text: string, depth: number): Map<number, string> {
  const stack: string[] = [];
  const keys = new Map<number, string>();
  text.split("\n").forEach((line, i) => {
    const m = /^( *)"([^"]+)":/.exec(line);
    if (!m) return;
    const level = m[1]!.length / 2;
    stack.length = level;
    stack[level - 1] = m[2]!;
    if (level >= depth) keys.set(i + 1, stack.slice(depth - 1).filter((s) => s !== undefined).join("."));
  });
  return keys;
}

/** The first quoted name in a message: `The parameter "endpoint" is deprecated…` → endpoint. */
const quoted = (text: string) => [...text.matchAll(/"([\w.]+)"/g)].map((m) => m[1]!);

// ---- the checker ----------------------------------------------------------------------------

function checkerFindings(text: string, version: string) {
  return checkDocument(text, { file: "main.tf.json", schemas: memorySchemas(), terraform: { version, source: "test" } }).diagnostics.map((d) => {
    const segments = parsePointer(d.pointer);
    // /terraform/backend/<type>/<key>… or /terraform/cloud/<key>…
    const relative = segments[1] === "cloud" ? segments.slice(2) : segments.slice(3);
    return { ...d, key: relative.filter((s) => !/^\d+$/.test(s)).join(".") };
  });
}

async function pool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

describe.skipIf(!terraform)(`backend configurations: the checker agrees with terraform init (${terraform?.version ?? "absent"})`, () => {
  const scratch = suiteDir("backend-oracle-");

  it("on every argument of every backend and the cloud block, nested ones included", async () => {
    const started = performance.now();
    const schemas = shippedTerraformSchemas();
    const version = terraform!.version;
    const release = schemas.releaseFor(version)!;
    const blocks: [string, SchemaBlock][] = [...schemas.backendTypes(release).map((t): [string, SchemaBlock] => [t, schemas.backend(release, t)!.block]), ["cloud", schemas.cloud(release)!.block]];
    const all = blocks.flatMap(([type, block]) => [...topLevelCases(type, block), ...nestedCases(type, block)]);

    const concurrency = Number(process.env.BACKEND_ORACLE_CONCURRENCY ?? Math.max(2, availableParallelism()));
    const results = await pool(all, concurrency, async (c) => {
      const dir = mkdtempSync(path.join(scratch(), "case-"));
      const text = JSON.stringify(documentOf(c), null, 2);
      writeFileSync(path.join(dir, "main.tf.json"), text);
      const run = await terraformInit(dir, SECONDS);
      return { c, text, ...run, checker: checkerFindings(text, version) };
    });

    let agree = 0;
    let total = 0;
    const disagreements: string[] = [];
    const documented: string[] = [];
    const verdict = (label: string, key: string, terraformRejects: boolean, checker: "rejects" | "warns" | "accepts") => {
      total++;
      if (terraformRejects === (checker === "rejects")) {
        agree++;
        return;
      }
      const line = `${label}: "${key}": terraform ${terraformRejects ? "rejects" : "accepts"}, checker ${checker}`;
      const known = KNOWN_DIFFERENCES.find(([pattern]) => pattern.test(line));
      if (known) documented.push(`${line} (${known[1]})`);
      else disagreements.push(line);
    };
    const says = (rejects: boolean, warns = false) => (rejects ? "rejects" : warns ? "warns" : "accepts");
    for (const { c, text, diagnostics, checker } of results) {
      const decoding = diagnostics.filter((d) => d.severity === "error" && DECODING.has(d.summary));
      const requiredErrors = diagnostics.filter((d) => d.severity === "error" && REQUIRED_ERROR.test(`${d.summary}: ${d.detail}`));
      const errors = checker.filter((d) => d.severity === "error");
      if (c.judge.kind === "arguments") {
        const lines = keysByLine(text, c.type === "cloud" ? 3 : 4);
        const flagged = new Set(decoding.map((d) => (d.line !== undefined ? lines.get(d.line)?.split(".")[0] : undefined) ?? `line ${d.line}`));
        for (const key of Object.keys(c.body)) verdict(c.label, key, flagged.has(key), says(errors.some((d) => d.key.split(".")[0] === key)));
        for (const key of flagged) if (!Object.hasOwn(c.body, key)) disagreements.push(`${c.label}: terraform flags ${key}`);
      } else if (c.judge.kind === "whole") {
        // Only the backend's own required checks that name the nested object count: s3's "Exactly one of
        // web_identity_token, web_identity_token_file must be set" is a rule between arguments no schema states.
        const parent = c.judge.key.split(".")[0]!;
        const aboutParent = requiredErrors.some((d) => `${d.summary}: ${d.detail}`.includes(parent));
        verdict(c.label, c.judge.key, decoding.length > 0 || aboutParent, says(errors.length > 0, checker.length > 0));
      } else {
        // Missing top-level arguments are warnings in the checker (-backend-config may supply them): compare "reported".
        const missing = checker.filter((d) => d.rule === "missing-argument");
        for (const key of c.judge.required) {
          const named = (text: string) => new RegExp(`\\b${key}\\b`).test(text);
          const terraformRejects = requiredErrors.some((d) => named(`${d.summary}: ${d.detail}`));
          const reported = missing.filter((d) => quoted(d.message)[0] === key);
          verdict(c.label, `${key} missing`, terraformRejects, reported.length === 0 ? "accepts" : terraformRejects || reported.some((d) => d.severity === "error") ? "rejects" : "warns");
        }
      }
    }

    // Deprecations, from the configurations Terraform decoded: each of its warnings is one of ours, with the same replacement.
    const deprecations = { terraform: 0, checker: 0 };
    const checkerOnly: string[] = [];
    for (const { c, diagnostics, checker } of results.filter((r) => r.c.label.endsWith("every argument right"))) {
      const ours = new Map(checker.filter((d) => d.rule === "deprecated").map((d) => [d.key, d]));
      const theirs = new Set<string>();
      for (const d of diagnostics.filter((d) => d.severity === "warning" && /deprecat/i.test(d.summary))) {
        const [key, replacement] = quoted(d.detail);
        if (key === undefined) continue;
        theirs.add(key);
        deprecations.terraform++;
        const mine = ours.get(key);
        if (!mine) disagreements.push(`${c.type}: terraform deprecates "${key}", the checker does not`);
        else if (replacement !== undefined && !mine.suggestions.includes(replacement)) {
          disagreements.push(`${c.type}: terraform says to use "${replacement}" for "${key}", the checker ${JSON.stringify(mine.suggestions)}`);
        }
      }
      deprecations.checker += ours.size;
      checkerOnly.push(...[...ours.keys()].filter((k) => !theirs.has(k)).map((k) => `${c.type}.${k}`));
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `backend oracle (terraform ${version}, ${all.length} configurations, ${concurrency} at a time, ${seconds} s): agreement ${agree}/${total}` +
        `${documented.length > 0 ? `; documented differences:\n  ${documented.join("\n  ")}` : ""}\n` +
        `backend oracle: deprecations: terraform warned about ${deprecations.terraform}, all among the checker's ${deprecations.checker}; ` +
        `the checker alone (marked deprecated in the schema, silent in terraform init): ${checkerOnly.join(", ") || "none"}\n` +
        `backend oracle: runs killed after ${SECONDS} s (past decoding): ${results.filter((r) => r.killed).length}`,
    );
    expect(disagreements).toEqual([]);
    // The wrong-type and misspelt top-level configurations must have been rejected for real.
    const shouldFail = results.filter((r) => /wrong type|misspelt/.test(r.c.label) && r.c.judge.kind === "arguments" && Object.keys(r.c.body).length > Object.keys(requiredOf(blocks.find(([t]) => t === r.c.type)![1])).length);
    expect(shouldFail.filter((r) => !r.diagnostics.some((d) => DECODING.has(d.summary))).map((r) => r.c.label)).toEqual([]);
  }, 600_000);
});
