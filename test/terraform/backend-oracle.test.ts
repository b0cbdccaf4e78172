/**
 * Terraform as the oracle for backend checks. For every backend (and the cloud block) in the
 * schemas of the installed Terraform's release, three configurations: every argument with a
 * value of the right type, every argument with a value of the wrong type, every argument
 * misspelt. `terraform init` decodes the backend block before it touches the network and reports
 * every decoding error at once; the checker, told the same Terraform version, must flag exactly
 * the same arguments. The JSON is written one argument per line, so Terraform's line numbers
 * name the argument. Skipped, loudly, without terraform on PATH.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import type { CtyType, SchemaAttribute, SchemaBlock } from "../../src/schema/format.js";
import { shippedTerraformSchemas } from "../../src/terraform/backends.js";
import { terraformOnPath } from "../../src/terraform/version.js";
import { memorySchemas } from "../fixtures/demo-provider.js";

const terraform = terraformOnPath();
if (!terraform) console.warn("\n*** test/terraform/backend-oracle.test.ts: `terraform` is not on PATH: backend oracle tests SKIPPED ***\n");

/** What `terraform init` reports while decoding a backend block (as opposed to validating values or connecting). */
const DECODING = new Set([
  "Incorrect attribute value type",
  "Extraneous JSON object property",
  "Unsupported argument",
  "Missing required argument",
  "Unsupported block type",
  "Incorrect JSON value type",
  "Missing required block",
]);

function rightValue(type: CtyType | undefined, attribute?: SchemaAttribute): unknown {
  if (attribute?.nested_type) return Object.fromEntries(Object.entries(attribute.nested_type.attributes).filter(([, a]) => a.required).map(([k, a]) => [k, rightValue(a.type, a)]));
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
  return type[0] === "map" || type[0] === "object" ? "x" : "x";
}

/** A body with every required argument, rightly typed. */
function requiredOf(block: SchemaBlock): Record<string, unknown> {
  return Object.fromEntries(Object.entries(block.attributes ?? {}).filter(([, a]) => a.required).map(([k, a]) => [k, rightValue(a.type, a)]));
}

const misspell = (key: string) => (key.includes("_") ? key.replace(/_/g, "") : `${key}s`);

interface Case {
  label: string;
  type: string;
  body: Record<string, unknown>;
}

function cases(type: string, block: SchemaBlock): Case[] {
  const attributes = Object.entries(block.attributes ?? {}).filter(([, a]) => a.required || a.optional);
  const blocks = Object.entries(block.block_types ?? {});
  const right = Object.fromEntries([
    ...attributes.map(([k, a]) => [k, rightValue(a.type, a)]),
    ...blocks.map(([k, nested]) => [k, requiredOf(nested.block)]),
  ]);
  const wrong = Object.fromEntries([
    ...attributes.map(([k, a]) => [k, wrongValue(a.type, a)]).filter(([, v]) => v !== undefined),
    ...blocks.map(([k]) => [k, "x"]),
  ]);
  const required = requiredOf(block);
  const misspelt = { ...required, ...Object.fromEntries(attributes.filter(([, a]) => !a.required).map(([k, a]) => [misspell(k), rightValue(a.type, a)])) };
  return [
    { label: `${type}: every argument right`, type, body: right },
    { label: `${type}: every argument of the wrong type`, type, body: wrong },
    { label: `${type}: every optional argument misspelt`, type, body: misspelt },
  ];
}

function documentOf(c: Case): unknown {
  return c.type === "cloud" ? { terraform: { cloud: c.body } } : { terraform: { backend: { [c.type]: c.body } } };
}

/** `terraform init`, killed after `seconds` (past decoding it may try the network). */
function terraformInit(dir: string, seconds: number): Promise<string> {
  return new Promise((resolve) => {
    const env = { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", TF_DATA_DIR: path.join(dir, ".terraform"), HOME: dir };
    const child = spawn("terraform", ["init", "-input=false", "-no-color", "-get=false"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), seconds * 1000);
    child.on("close", () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

/** Top-level arguments Terraform's decoding errors point at, by line (one argument per line). */
function terraformFlags(output: string, text: string, indent: number): { flagged: Set<string>; deprecated: Set<string>; other: string[] } {
  const keyAtLine = new Map<number, string>();
  const argument = new RegExp(`^ {${indent}}"([^"]+)":`);
  text.split("\n").forEach((line, i) => {
    const m = argument.exec(line);
    if (m) keyAtLine.set(i + 1, m[1]!);
  });
  const flagged = new Set<string>();
  const deprecated = new Set<string>();
  const other: string[] = [];
  for (const m of output.matchAll(/Warning: Deprecated.*\n\n\s+on main\.tf\.json line (\d+)/g)) deprecated.add(keyAtLine.get(Number(m[1])) ?? `line ${m[1]}`);
  for (const m of output.matchAll(/Error: (.+)\n\n\s+on main\.tf\.json line (\d+)/g)) {
    const [, summary, line] = m as unknown as [string, string, string];
    if (DECODING.has(summary)) flagged.add(keyAtLine.get(Number(line)) ?? `line ${line}`);
    else other.push(summary);
  }
  return { flagged, deprecated, other };
}

function checkerFlags(text: string, version: string, severity: "error" | "deprecated"): Set<string> {
  const { diagnostics } = checkDocument(text, { file: "main.tf.json", schemas: memorySchemas(), terraform: { version, source: "test" } });
  const flagged = new Set<string>();
  for (const d of diagnostics) {
    if (severity === "error" ? d.severity !== "error" : d.rule !== "deprecated") continue;
    const segments = d.pointer.split("/");
    // /terraform/backend/<type>/<key>… or /terraform/cloud/<key>…
    const key = segments[2] === "cloud" ? segments[3] : segments[4];
    flagged.add(key ?? d.pointer);
  }
  return flagged;
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
  const scratch = mkdtempSync(path.join(tmpdir(), "backend-oracle-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("on every argument of every backend and the cloud block", async () => {
    const schemas = shippedTerraformSchemas();
    const version = terraform!.version;
    const release = schemas.releaseFor(version)!;
    const all: Case[] = [
      ...schemas.backendTypes(release).flatMap((type) => cases(type, schemas.backend(release, type)!.block)),
      ...cases("cloud", schemas.cloud(release)!.block),
    ];
    const results = await pool(all, 4, async (c, ) => {
      const dir = mkdtempSync(path.join(scratch, "case-"));
      const text = JSON.stringify(documentOf(c), null, 2);
      writeFileSync(path.join(dir, "main.tf.json"), text);
      const { flagged, deprecated, other } = terraformFlags(await terraformInit(dir, 20), text, c.type === "cloud" ? 6 : 8);
      return {
        c,
        terraform: flagged,
        checker: checkerFlags(text, version, "error"),
        terraformDeprecated: deprecated,
        checkerDeprecated: checkerFlags(text, version, "deprecated"),
        other,
        keys: Object.keys(c.body),
      };
    });

    let agree = 0;
    let total = 0;
    const disagreements: string[] = [];
    for (const r of results) {
      for (const key of r.keys) {
        total++;
        if (r.terraform.has(key) === r.checker.has(key)) agree++;
        else disagreements.push(`${r.c.label}: "${key}": terraform ${r.terraform.has(key) ? "rejects" : "accepts"}, checker ${r.checker.has(key) ? "rejects" : "accepts"}`);
      }
    }
    console.log(`backend oracle (terraform ${version}, ${all.length} configurations): agreement ${agree}/${total} arguments`);
    expect(disagreements).toEqual([]);

    // Deprecations: Terraform warns about them once decoding passed, in the all-right configurations.
    const right = results.filter((r) => r.c.label.endsWith("right"));
    const warned = right.flatMap((r) => [...r.terraformDeprecated].map((k) => `${r.c.type}.${k}`)).sort();
    const ours = right.flatMap((r) => [...r.checkerDeprecated].map((k) => `${r.c.type}.${k}`)).sort();
    console.log(`backend oracle: deprecation warnings from terraform ${warned.length}, all among the checker's ${ours.length}`);
    expect(warned.filter((k) => !ours.includes(k))).toEqual([]);
    // The wrong-type and misspelt configurations must have been rejected for real.
    expect(results.filter((r) => !r.c.label.endsWith("right")).every((r) => r.terraform.size > 0)).toBe(true);
  }, 600_000);
});
