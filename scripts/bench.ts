/**
 * `npm run bench`: the speed and size figures the project promises, measured.
 *
 * 1. Bytes on disk of the shipped schemas, per provider (histories and single snapshots).
 * 2. Loading aws from its history: opening the index for one version (budget: 20 ms), then 1
 *    type, 10 types, every type of 6.25.0; and, for comparison, parsing the same schema as one
 *    JSON document (what a non-lazy layout costs).
 * 3. Checking: the seed fixtures and, when built, the real-module corpus (.cache/corpus); first
 *    run (schemas decoded, validators compiled as types are met) and second run (all cached).
 * 4. Pathological names (issue 13): a 100k-character all-uppercase key (camelCase → snake_case)
 *    and a 1 MB unknown resource type (did-you-mean over every aws type); both linear now.
 * 5. The CLI as a user runs it (`node bin/cdktf-schema-check.js`, needs `npm run build`) on a
 *    100-resource stack: whole process, start to exit (budget: well under 250 ms).
 * 6. Reading big files: generated stacks of about 1, 14, 120 and 200 MB (scripts/generate-stack.ts,
 *    kept in .cache/bench), each read in a process of its own on the built package
 *    (scripts/bench-file.mjs; the section builds dist/ first): JSON.parse alone (the floor),
 *    JsonSource.parse, and the whole check; time and peak RSS, against the memory promise (peak
 *    RSS under 6× the file plus 150 MB). `--quick` stops at 14 MB.
 * 7. Expressions: parsing the strings of a cdktf-shaped 10,000-resource stack (references in text,
 *    Fn.* calls) cold and warm, checking that stack, and, for comparison, @cdktf/hcl2json's
 *    `getExpressionAst` (HCL in wasm): its load and per-expression cost on a sample.
 * 8. Extracting the aws schema from the installed bindings' jsii assembly (`--extract`).
 *
 * Each load figure is the median of several runs in this process, each with a fresh store.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { checkDocument } from "../src/check/document.js";
import { checkFiles } from "../src/check/files.js";
import { parseTemplateText } from "../src/hcl/index.js";
import { extractFromBindings } from "../src/schema/extract/index.js";
import { SchemaStore, SHIPPED_SCHEMAS_DIR, shippedSchemas } from "../src/schema/store/index.js";
import { generateStack } from "./generate-stack.js";

const root = join(import.meta.dirname, "..");
const RUNS = 7;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(label: string, runs: number, work: () => void): number {
  const samples = Array.from({ length: runs }, () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  });
  const ms = median(samples);
  console.log(`  ${label.padEnd(46)} ${ms.toFixed(2).padStart(9)} ms`);
  return ms;
}

console.log("Shipped schemas on disk:");
const bytesIn = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? bytesIn(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
const store = new SchemaStore(SHIPPED_SCHEMAS_DIR);
let total = 0;
for (const address of store.providers()) {
  const bytes = bytesIn(join(SHIPPED_SCHEMAS_DIR, address));
  const versions = store.versions(address);
  total += bytes;
  console.log(`  ${`${address} (${versions.length} versions)`.padEnd(56)} ${(bytes / 1024).toFixed(0).padStart(9)} KiB`);
}
console.log(`  ${"total".padEnd(56)} ${(total / 1024).toFixed(0).padStart(9)} KiB`);

console.log("\nLoading registry.terraform.io/hashicorp/aws from its history (a fresh store each run):");
const open = (version = "6.25.0") => new SchemaStore(SHIPPED_SCHEMAS_DIR).open("hashicorp/aws", version);
const types = open().resourceTypes();
const ten = ["aws_vpc", "aws_subnet", "aws_security_group", "aws_instance", "aws_s3_bucket", "aws_iam_role",
  "aws_lambda_function", "aws_db_instance", "aws_ecs_service", "aws_elasticache_replication_group"];
timed("open the index for one version (5.31.0)", RUNS, () => void open("5.31.0"));
timed("open the index only (6.25.0)", RUNS, () => void open());
timed("1 type (aws_elasticache_replication_group)", RUNS, () => void open().resource("aws_elasticache_replication_group"));
timed("10 types", RUNS, () => {
  const snapshot = open();
  for (const type of ten) snapshot.resource(type);
});
let whole = "";
timed(`all ${types.length} resource types`, 3, () => {
  const snapshot = open();
  const resources = Object.fromEntries(types.map((t) => [t, snapshot.resource(t)]));
  whole = JSON.stringify(resources);
});
timed(`for comparison: JSON.parse of all (${(whole.length / 1e6).toFixed(1)} MB)`, 3, () => void JSON.parse(whole));

console.log("\nChecking (shipped schemas):");
const seeds = join(root, "test", "fixtures", "seeds");
const corpusDir = join(root, ".cache", "corpus");
const corpus = (() => {
  try {
    return readdirSync(corpusDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".tf.json")).map((f) => join(corpusDir, f));
  } catch {
    return undefined;
  }
})();
const inputs: [string, string[]][] = [["seed fixtures", [join(seeds, "cdktf"), join(seeds, "python")]]];
if (corpus) inputs.push(["real-module corpus", corpus]);
else console.log(`  (${relative(root, corpusDir)} absent: run \`npm run corpus:build\` to include the real-module corpus)`);
for (const [label, paths] of inputs) {
  const schemas = shippedSchemas();
  for (const run of ["first run", "second run"]) {
    const start = performance.now();
    const { summary } = await checkFiles(paths, { schemas });
    const ms = performance.now() - start;
    const perResource = (ms / Math.max(1, summary.resources)) * 1000;
    console.log(`  ${`${label}, ${run}`.padEnd(46)} ${ms.toFixed(0).padStart(9)} ms  (${summary.files} files, ${summary.resources} resources, ${perResource.toFixed(0)} µs per resource)`);
  }
}

console.log("\nPathological names (aws 6.25.0):");
{
  const schemas = shippedSchemas();
  const provider = { terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "6.25.0" } } } };
  const uppercaseKey = JSON.stringify({ ...provider, resource: { aws_s3_bucket: { b: { ["A".repeat(100_000)]: 1 } } } });
  const hugeType = JSON.stringify({ ...provider, resource: { ["aws_" + "x".repeat(1_000_000)]: { b: {} } } });
  timed("100k-character all-uppercase key", 3, () => void checkDocument(uppercaseKey, { file: "main.tf.json", schemas }));
  timed("1 MB unknown resource type", 3, () => void checkDocument(hugeType, { file: "main.tf.json", schemas }));
}

console.log("\nThe CLI, whole process (node bin/cdktf-schema-check.js):");
if (!existsSync(join(root, "dist", "cli", "main.js"))) console.log("  (dist/ absent: run `npm run build` to include it)");
else {
  const scratch = mkdtempSync(join(tmpdir(), "bench-cli-"));
  const stack = join(scratch, "cdk.tf.json");
  const buckets = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`b${i}`, { bucket: `bucket-${i}`, tags: { team: "a" } }]));
  writeFileSync(stack, JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "6.25.0" } } }, resource: { aws_s3_bucket: buckets } }));
  const cli = () => execFileSync(process.execPath, [join(root, "bin", "cdktf-schema-check.js"), stack, "--terraform-version", "1.11.4"], { stdio: "ignore" });
  timed("100 aws_s3_bucket resources (aws 6.25.0)", RUNS, cli);
  timed("--help", RUNS, () => execFileSync(process.execPath, [join(root, "bin", "cdktf-schema-check.js"), "--help"], { stdio: "ignore" }));
  rmSync(scratch, { recursive: true, force: true });
}

console.log("\nReading big files (each in its own process, on the built package; peak RSS of that process):");
execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
const benchDir = join(root, ".cache", "bench");
mkdirSync(benchDir, { recursive: true });
// About 800 bytes per generated resource, written as cdktf writes (indented).
const sizes = process.argv.includes("--quick") ? [1, 14] : [1, 14, 120, 200];
console.log(`  ${"file".padEnd(16)} ${"JSON.parse".padStart(18)} ${"JsonSource.parse".padStart(18)} ${"whole check".padStart(18)} ${"RSS limit".padStart(10)}`);
for (const mb of sizes) {
  const file = join(benchDir, `stack-${mb}mb.tf.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(generateStack({ resources: Math.round((mb * 1e6) / 800) }), null, 2));
  const bytes = statSync(file).size;
  const measure = (mode: string) => {
    const output = execFileSync(process.execPath, [join(root, "scripts", "bench-file.mjs"), mode, file], { encoding: "utf8", maxBuffer: 1 << 20 });
    const { ms, peakRssMB } = JSON.parse(output) as { ms: number; peakRssMB: number };
    return { ms, peakRssMB, text: `${ms} ms ${peakRssMB} MB`.padStart(18) };
  };
  const floor = measure("json-parse");
  const source = measure("source");
  const check = measure("check");
  const limit = Math.round((6 * bytes) / 1e6 + 150);
  console.log(
    `  ${`${(bytes / 1e6).toFixed(1)} MB`.padEnd(16)} ${floor.text} ${source.text} ${check.text} ${`${limit} MB`.padStart(10)}` +
      `  parse ${(source.ms / Math.max(1, floor.ms)).toFixed(2)}× JSON.parse${check.peakRssMB > limit ? "  OVER THE RSS LIMIT" : ""}`,
  );
}

console.log("\nExpressions (a cdktf-shaped stack of 10,000 resources, interpolations everywhere):");
/** What cdktf writes: references, references in text, Fn.* calls; every resource's own names. */
function cdktfStack(resources: number): { document: object; templates: string[] } {
  const templates: string[] = [];
  const t = (text: string) => (templates.push(text), text);
  const subnets: Record<string, object> = {};
  const instances: Record<string, object> = {};
  for (let i = 0; i < resources / 2; i++) {
    subnets[`subnet_${i}`] = { vpc_id: t("${aws_vpc.main.id}"), cidr_block: t(`\${cidrsubnet(aws_vpc.main.cidr_block, 8, ${i % 250})}`), tags: { Name: t(`\${var.env}-subnet-${i}`) } };
    instances[`web_${i}`] = {
      ami: t("${data.aws_ami.ubuntu.id}"),
      instance_type: "t3.micro",
      subnet_id: t(`\${aws_subnet.subnet_${i}.id}`),
      user_data: t(`\${base64encode(join("\\n", ["#!/bin/sh", "echo ${i}"]))}`),
      tags: { Name: t(`\${var.env}-web-${i}`) },
    };
  }
  const document = {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "6.25.0" } } },
    variable: { env: {} },
    resource: { aws_vpc: { main: { cidr_block: "10.0.0.0/16" } }, aws_subnet: subnets, aws_instance: instances },
  };
  return { document, templates };
}
const { document: stack, templates } = cdktfStack(10_000);
for (const run of ["cold", "warm"]) {
  const start = performance.now();
  for (const text of templates) parseTemplateText(text);
  const ms = performance.now() - start;
  console.log(`  ${`parse ${templates.length} strings, ${run}`.padEnd(46)} ${ms.toFixed(0).padStart(9)} ms  (${((ms / templates.length) * 1000).toFixed(1)} µs each)`);
}
const stackText = JSON.stringify(stack);
for (const run of ["first run", "second run"]) {
  const start = performance.now();
  checkDocument(stackText, { file: "cdk.tf.json", schemas: shippedSchemas(), terraform: { version: "1.11.4", source: "bench" } });
  console.log(`  ${`check the stack, ${run}`.padEnd(46)} ${(performance.now() - start).toFixed(0).padStart(9)} ms`);
}
{
  // HashiCorp's parser compiled to wasm reads native HCL, so a JSON string goes in as a quoted
  // native string: one with quotes inside `${…}` cannot be written that way (it is rejected).
  const sample = templates.slice(0, 300);
  let start = performance.now();
  const { getExpressionAst } = await import("@cdktf/hcl2json");
  const imported = performance.now() - start;
  start = performance.now();
  await getExpressionAst("main.tf", JSON.stringify(sample[0]));
  const first = performance.now() - start;
  let rejected = 0;
  start = performance.now();
  for (const text of sample) await getExpressionAst("main.tf", JSON.stringify(text)).catch(() => rejected++);
  const each = ((performance.now() - start) / sample.length) * 1000;
  console.log(`  ${"@cdktf/hcl2json: import, first call (wasm)".padEnd(46)} ${imported.toFixed(0).padStart(9)} ms + ${first.toFixed(0)} ms`);
  console.log(`  ${`@cdktf/hcl2json: ${sample.length} strings`.padEnd(46)} ${((each * sample.length) / 1000).toFixed(0).padStart(9)} ms  (${each.toFixed(0)} µs each; ${rejected} wrongly rejected)`);
}

if (process.argv.includes("--extract")) {
  console.log("\nExtracting from the installed @cdktf/provider-aws (its jsii assembly):");
  const started = performance.now();
  const extracted = await extractFromBindings(join(root, "node_modules", "@cdktf", "provider-aws"));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${extracted.provenance.from}: ${Object.keys(extracted.schema.resource_schemas ?? {}).length} resources, ` +
      `${Object.keys(extracted.schema.data_source_schemas ?? {}).length} data sources in ${seconds.toFixed(1)} s, ` +
      `peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
}
