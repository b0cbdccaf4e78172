/**
 * `npm run bench`: the speed and size figures the project promises, measured.
 *
 * 1. Bytes on disk of every shipped snapshot.
 * 2. Loading aws 6.25.0 (1,581 resource types) from the pack: 1 type, 10 types, every type; and,
 *    for comparison, parsing the same schema as one JSON document (what a non-lazy layout costs).
 * 3. Checking: the seed fixtures and, when built, the real-module corpus (.cache/corpus); first
 *    run (schemas decoded, validators compiled as types are met) and second run (all cached).
 * 4. Expressions: parsing the strings of a cdktf-shaped 10,000-resource stack (references in text,
 *    Fn.* calls) cold and warm, checking that stack, and, for comparison, @cdktf/hcl2json's
 *    `getExpressionAst` (HCL in wasm): its load and per-expression cost on a sample.
 * 5. Extracting the aws schema from the installed bindings (`--extract`, slow: ~10 s).
 *
 * Each load figure is the median of several runs in this process, each with a fresh store.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { checkDocument } from "../src/check/document.js";
import { checkFiles } from "../src/check/files.js";
import { parseTemplateText } from "../src/hcl/index.js";
import { extractFromBindings } from "../src/schema/extract/index.js";
import { SchemaStore, SHIPPED_SCHEMAS_DIR, shippedSchemas } from "../src/schema/store/index.js";

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

console.log("Snapshots on disk (index.json + schema.pack):");
let total = 0;
const store = new SchemaStore(SHIPPED_SCHEMAS_DIR);
for (const address of store.providers()) {
  for (const version of store.versions(address)) {
    const dir = join(SHIPPED_SCHEMAS_DIR, address, version);
    const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
    total += bytes;
    console.log(`  ${`${address} ${version}`.padEnd(46)} ${(bytes / 1024).toFixed(0).padStart(9)} KiB`);
  }
}
console.log(`  ${"total".padEnd(46)} ${(total / 1024).toFixed(0).padStart(9)} KiB`);

console.log("\nLoading registry.terraform.io/hashicorp/aws 6.25.0:");
const open = () => new SchemaStore(SHIPPED_SCHEMAS_DIR).open("hashicorp/aws", "6.25.0");
const types = open().resourceTypes();
const ten = ["aws_vpc", "aws_subnet", "aws_security_group", "aws_instance", "aws_s3_bucket", "aws_iam_role",
  "aws_lambda_function", "aws_db_instance", "aws_ecs_service", "aws_elasticache_replication_group"];
timed("open the index only", RUNS, () => void open());
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
  console.log("\nExtracting from the installed @cdktf/provider-aws:");
  const started = performance.now();
  const extracted = await extractFromBindings(join(root, "node_modules", "@cdktf", "provider-aws"));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${extracted.provenance.from}: ${Object.keys(extracted.schema.resource_schemas ?? {}).length} resources, ` +
      `${Object.keys(extracted.schema.data_source_schemas ?? {}).length} data sources in ${seconds.toFixed(1)} s, ` +
      `peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
}
