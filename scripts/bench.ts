/**
 * `npm run bench`: what the checker costs, against what reading the file costs (issue 14).
 *
 * The table (cold processes, paired rounds: see bench/runs.ts): `node -e ''` (and, where
 * NODE_EXTRA_CA_CERTS is set, `node -e ''` without it: Node loads those certificates as it starts)
 * and `--help`; the command line on generated cdktf stacks of 100, 1,000 and 10,000 resources from
 * 240 aws types (bench/stack.ts) and on a cdktf.out of 50 stacks, each beside node + JSON.parse of
 * the same files (the unmeasured first round leaves the command line's code cache, as a user's
 * first run does; the 100-resource stack is measured without it too); the check inside the process
 * (without Node's start and the module loading), and again in that process, warm; the cdktf.out's
 * stacks split over two threads against one (bench/threads.mjs); the in-synth cost of
 * `SchemaCheck.of(app)` on a five-resource app (bench/app.ts); and the peer, `terraform validate`
 * through the schema-serving provider (bench/peer.ts), when terraform is on PATH. Wall time is the
 * median of the rounds ± their spread (max − min); RSS the median peak.
 * Targets are the issue's; ✗ marks one missed on this machine.
 *
 * Then the parts, in this process: schema bytes on disk, opening the aws history, checking the
 * seed fixtures and the real-module corpus, pathological names, expression parsing.
 *
 *   npm run bench [-- --runs N] [--against DIR] [--no-build] [--big-files [--quick]] [--hcl2json] [--extract] [--help]
 *
 *   --runs N        paired rounds per row (default 7)
 *   --no-build      measure dist/ as it is (default: `npm run build` first)
 *   --against DIR   also measure another build (a checkout with `npm ci && npm run build` done,
 *                   e.g. of main before a change) in the same rounds, and show the speed-up
 *   --big-files     reading generated 1/14/120/200 MB stacks (--quick: 1 and 14 MB)
 *   --hcl2json      @cdktf/hcl2json's load and per-expression cost, for comparison
 *   --extract       extracting the aws schema from the installed bindings' jsii assembly
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { checkDocument } from "../src/check/document.js";
import { checkFiles } from "../src/check/files.js";
import { parseTemplateText } from "../src/hcl/index.js";
import { extractFromBindings } from "../src/schema/extract/index.js";
import { SchemaStore, SHIPPED_SCHEMAS_DIR, shippedSchemas } from "../src/schema/store/index.js";
import { terraformOnPath } from "../src/terraform/version.js";
import { appCommand } from "./bench/app.js";
import { terraformValidate } from "./bench/peer.js";
import { type Command, type Measured, median, pairedRuns, spread } from "./bench/runs.js";
import { AWS_VERSION, benchTypes, generateStack } from "./bench/stack.js";

const root = path.join(import.meta.dirname, "..");
const { values: flags } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    against: { type: "string" },
    "no-build": { type: "boolean", default: false },
    "big-files": { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    hcl2json: { type: "boolean", default: false },
    extract: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (flags.help) {
  // The usage is this file's opening comment, from its command line on.
  const comment = readFileSync(import.meta.filename, "utf8").split("*/")[0]!;
  console.log(comment.slice(comment.indexOf("npm run bench [")).replace(/^ \* ?/gm, "").trimEnd());
  process.exit(0);
}
const ROUNDS = Number(flags.runs);
const against = flags.against === undefined ? undefined : path.resolve(flags.against);
if (against && !existsSync(path.join(against, "bin", "cdktf-schema-check.js"))) throw new Error(`--against ${against}: no bin/cdktf-schema-check.js there`);

if (!flags["no-build"]) execFileSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "build.ts")], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
const scratch = mkdtempSync(path.join(os.tmpdir(), "cdktf-schema-check-bench-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

// The stacks: generated once per version of the generator, kept in .cache/bench.
const snapshot = shippedSchemas().open("hashicorp/aws", AWS_VERSION);
const generator = createHash("sha256").update(readFileSync(path.join(import.meta.dirname, "bench", "stack.ts"))).digest("hex").slice(0, 12);
const stacksDir = path.join(root, ".cache", "bench", `stacks-${generator}`);
const types = benchTypes(snapshot);
const stackFile = (resources: number) => path.join(stacksDir, `s${resources}`, "cdk.tf.json");
const write = (file: string, document: object) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(document, null, 2));
};
const SIZES = [100, 1000, 10_000];
for (const resources of SIZES) if (!existsSync(stackFile(resources))) write(stackFile(resources), generateStack({ snapshot, types, resources }));
const out50 = path.join(stacksDir, "cdktf.out");
const stacks50 = Array.from({ length: 50 }, (_, s) => path.join(out50, "stacks", `s${s}`, "cdk.tf.json"));
stacks50.forEach((file, s) => {
  if (!existsSync(file)) write(file, generateStack({ snapshot, types: types.slice((s * 4) % 200), resources: 20, stackName: `s${s}` }));
});

// The table.
const bin = (dir: string) => path.join(dir, "bin", "cdktf-schema-check.js");
const builds: { label: string; dir: string }[] = [{ label: "this build", dir: root }, ...(against ? [{ label: path.basename(against), dir: against }] : [])];
const jsonParse = (files: string[]): Command => ({ node: ["-e", `for (const f of ${JSON.stringify(files)}) JSON.parse(require("fs").readFileSync(f, "utf8"))`] });

interface Row {
  what: string;
  wall: number[];
  rss?: number[];
  /** What the ratio is against, and its samples (same rounds). */
  floor?: { label: string; wall: number[] };
  target?: { text: string; met: boolean };
  /** The same measurement of the --against build. */
  other?: Omit<Row, "what" | "other" | "target">;
}
const rows: (Row | string)[] = [];
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const ratio = (row: Pick<Row, "wall" | "floor">) => (row.floor ? `${(median(row.wall) / median(row.floor.wall)).toFixed(1)}× ${row.floor.label}` : "");

/**
 * Paired rounds of `commands` (this build, then the --against one) beside `floor`: a row for the
 * floor (unless it is shown already), one for the commands, with their ratio to it.
 */
function timed(what: string, commands: Command[], floor: { label: string; command: Command; row?: string }, target?: (wall: number, rss: number, ratio: number) => { text: string; met: boolean }): void {
  const [floorRuns, ours, theirs] = pairedRuns([floor.command, ...commands], ROUNDS) as [Measured, Measured, Measured | undefined];
  const base = { label: floor.label, wall: floorRuns.wall };
  if (floor.row) rows.push({ what: floor.row, wall: floorRuns.wall, rss: floorRuns.rss });
  rows.push({
    what,
    wall: ours.wall,
    rss: ours.rss,
    floor: base,
    ...(target ? { target: target(median(ours.wall), median(ours.rss), median(ours.wall) / median(base.wall)) } : {}),
    ...(theirs ? { other: { wall: theirs.wall, rss: theirs.rss, floor: base } } : {}),
  });
}

timed("--help", builds.map((b) => ({ node: [bin(b.dir), "--help"] })), { label: "node -e ''", command: { node: ["-e", ""] }, row: "node -e ''" }, (wall) => ({
  text: "≤ 120 ms",
  met: wall <= 120,
}));
// Node loads the certificates NODE_EXTRA_CA_CERTS names as it starts, before any script runs:
// where it is set, every process in the table carries that cost (on this machine about 37 ms).
if (process.env.NODE_EXTRA_CA_CERTS) {
  const [without] = pairedRuns([{ node: ["-e", ""], env: { NODE_EXTRA_CA_CERTS: undefined } }], ROUNDS);
  // Beside the node -e '' row, before --help's.
  rows.splice(rows.length - 1, 0, { what: "  … without NODE_EXTRA_CA_CERTS", wall: without!.wall, rss: without!.rss });
}

const inProcess = (file: string) =>
  builds.map((b) => {
    const samples = Array.from({ length: Math.max(3, Math.ceil(ROUNDS / 2)) }, () => JSON.parse(execFileSync(process.execPath, [path.join(root, "scripts", "bench", "file.mjs"), "check", file, b.dir], { encoding: "utf8" })) as { checkMs: number; againMs: number });
    return { wall: samples.map((s) => s.checkMs), again: samples.map((s) => s.againMs) };
  });
/** The in-process rows: the check, and the same check again in that process (warm: the difference is a cold run's one-off cost). */
function inProcessRows(file: string): void {
  const [ours, theirs] = inProcess(file);
  rows.push({ what: "  in-process check", wall: ours!.wall, ...(theirs ? { other: { wall: theirs.wall } } : {}) });
  rows.push({ what: "  … the same check again, warm", wall: ours!.again, ...(theirs ? { other: { wall: theirs.again } } : {}) });
}

// The checker's own probe; a terraform that cannot say its version is no peer.
const terraform = terraformOnPath();
const peerVersion = terraform && !terraform.fallback ? terraform.version : undefined;
for (const resources of SIZES) {
  const file = stackFile(resources);
  const size = `${(statSync(file).size / 1e6).toFixed(resources < 1000 ? 2 : 1)} MB`;
  rows.push(`${resources.toLocaleString("en")} resources (${size})`);
  const floor = { label: "node + JSON.parse", command: jsonParse([file]), row: "  node + JSON.parse" };
  timed(
    "  cdktf-schema-check",
    builds.map((b) => ({ node: [bin(b.dir), file] })),
    floor,
    resources === 100
      ? (wall, _rss, r) => ({ text: "≤ 4× and < 250 ms", met: r <= 4 && wall < 250 })
      : resources === 10_000
        ? (wall, rss) => ({ text: "< 600 ms, RSS < 200 MB", met: wall < 600 && rss < 200 })
        : undefined,
  );
  const cliRow = rows.at(-1) as Row;
  if (resources === 100) {
    // A first run after install or build: no code cache yet (src/cli/code-cache.ts).
    const [first] = pairedRuns([{ node: [bin(root), file], env: { NODE_DISABLE_COMPILE_CACHE: "1" } }], ROUNDS);
    rows.push({ what: "  … its first run (no code cache)", wall: first!.wall, rss: first!.rss, floor: cliRow.floor });
  }
  inProcessRows(file);
  if (peerVersion) {
    // Terraform takes ~9 s on 10,000 resources: one round there, after no warm-up.
    const big = resources >= 10_000;
    const peer = terraformValidate(path.join(scratch, `peer-${resources}`), snapshot, types, JSON.parse(readFileSync(file, "utf8")) as object, big ? 1 : Math.min(3, ROUNDS), !big);
    const cli = cliRow.wall;
    rows.push({
      what: `  terraform validate${peer.errors > 0 ? ` (${peer.errors} errors!)` : ""}`,
      wall: peer.ms,
      target: { text: "CLI ≥ 10× faster", met: median(peer.ms) / median(cli) >= 10 },
    });
  }
}
rows.push("cdktf.out of 50 stacks × 20 resources");
{
  const floor = { label: "node + JSON.parse", command: jsonParse(stacks50), row: "  node + JSON.parse" };
  timed("  cdktf-schema-check", builds.map((b) => ({ node: [bin(b.dir), out50] })), floor);
  inProcessRows(out50);
  // Whether worker threads pay (issue 14): the stacks split over two threads, against one, whole processes.
  const threads = (n: number): Command => ({ node: [path.join(import.meta.dirname, "bench", "threads.mjs"), out50, String(n)] });
  // Split or not, the same findings (threads.mjs prints how many), or the times compare nothing.
  const [alone, split] = [1, 2].map((n) => execFileSync(process.execPath, threads(n).node, { encoding: "utf8" }).trim());
  if (alone !== split) throw new Error(`threads.mjs: ${alone} findings in 1 thread, ${split} split over 2`);
  const [one, two] = pairedRuns([threads(1), threads(2)], ROUNDS) as [Measured, Measured];
  rows.push({ what: "  checked in 1 thread", wall: one.wall, rss: one.rss });
  rows.push({ what: "  … split over 2 (1 worker thread)", wall: two.wall, rss: two.rss, floor: { label: "1 thread", wall: one.wall } });
}
rows.push("SchemaCheck.of(app): a five-resource app, `tsx main.ts`");
{
  const plain = appCommand(path.join(scratch, "app-plain"));
  const checked = builds.map((b, i) => appCommand(path.join(scratch, `app-checked-${i}`), b.dir));
  const [without, ours, theirs] = pairedRuns([plain, ...checked], ROUNDS);
  rows.push({ what: "  without", wall: without!.wall, rss: without!.rss });
  rows.push({ what: "  with SchemaCheck.of(app)", wall: ours!.wall, rss: ours!.rss, ...(theirs ? { other: { wall: theirs.wall, rss: theirs.rss } } : {}) });
  const added = ours!.wall.map((w, i) => w - without!.wall[i]!);
  rows.push({
    what: "  added (paired)",
    wall: added,
    target: { text: "≤ 100 ms", met: median(added) <= 100 },
    ...(theirs ? { other: { wall: theirs.wall.map((w, i) => w - without!.wall[i]!) } } : {}),
  });
}

console.log(`Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}; ${ROUNDS} paired rounds; stacks from ${types.length} aws ${AWS_VERSION} types (.cache/bench/stacks-${generator})`);
console.log(peerVersion ? `peer: terraform ${peerVersion} validate, schema-serving provider serving the stacks' types` : "peer: terraform is not on PATH: terraform validate not measured");
const header = [
  "".padEnd(38),
  "wall (median ± spread)".padEnd(24),
  "peak RSS".padStart(9),
  "  ratio".padEnd(26),
  "target".padEnd(26),
  ...(against ? [`| ${path.basename(against)}: wall`.padEnd(24), "RSS".padStart(8), "  ratio".padEnd(26), "speed-up"] : []),
];
console.log(`\n${header.join("")}`);
for (const row of rows) {
  if (typeof row === "string") {
    console.log(row);
    continue;
  }
  const wall = `${ms(median(row.wall))} ± ${ms(spread(row.wall))}`;
  const rss = row.rss ? `${Math.round(median(row.rss))} MB` : "";
  const target = row.target ? `${row.target.met ? "✓" : "✗"} ${row.target.text}` : "";
  const cells = [row.what.padEnd(38), wall.padEnd(24), rss.padStart(9), `  ${ratio(row)}`.padEnd(26), target.padEnd(26)];
  if (row.other) {
    const other = row.other;
    const speedUp = median(row.wall) > 0 ? `${(median(other.wall) / median(row.wall)).toFixed(1)}×` : "";
    cells.push(`| ${ms(median(other.wall))} ± ${ms(spread(other.wall))}`.padEnd(24), (other.rss ? `${Math.round(median(other.rss))} MB` : "").padStart(8), `  ${ratio(other)}`.padEnd(26), speedUp);
  }
  console.log(cells.join("").trimEnd());
}

// The parts, in this process.
const RUNS = 7;
function inThisProcess(label: string, runs: number, work: () => void): number {
  const samples = Array.from({ length: runs }, () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  });
  const result = median(samples);
  console.log(`  ${label.padEnd(46)} ${result.toFixed(2).padStart(9)} ms`);
  return result;
}

console.log("\nShipped schemas on disk:");
const bytesIn = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? bytesIn(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size), 0);
const store = new SchemaStore(SHIPPED_SCHEMAS_DIR);
let total = 0;
for (const address of store.providers()) {
  const bytes = bytesIn(path.join(SHIPPED_SCHEMAS_DIR, address));
  total += bytes;
  console.log(`  ${`${address} (${store.versions(address).length} versions)`.padEnd(56)} ${(bytes / 1024).toFixed(0).padStart(9)} KiB`);
}
console.log(`  ${"total".padEnd(56)} ${(total / 1024).toFixed(0).padStart(9)} KiB`);

console.log("\nLoading registry.terraform.io/hashicorp/aws from its history (a fresh store each run):");
const open = (version = AWS_VERSION) => new SchemaStore(SHIPPED_SCHEMAS_DIR).open("hashicorp/aws", version);
const allTypes = open().resourceTypes();
const ten = ["aws_vpc", "aws_subnet", "aws_security_group", "aws_instance", "aws_s3_bucket", "aws_iam_role", "aws_lambda_function", "aws_db_instance", "aws_ecs_service", "aws_elasticache_replication_group"];
inThisProcess("open the index for one version (5.31.0)", RUNS, () => void open("5.31.0"));
inThisProcess(`open the index only (${AWS_VERSION})`, RUNS, () => void open());
inThisProcess("1 type (aws_elasticache_replication_group)", RUNS, () => void open().resource("aws_elasticache_replication_group"));
inThisProcess("10 types", RUNS, () => {
  const s = open();
  for (const type of ten) s.resource(type);
});
let whole = "";
inThisProcess(`all ${allTypes.length} resource types`, 3, () => {
  const s = open();
  whole = JSON.stringify(Object.fromEntries(allTypes.map((t) => [t, s.resource(t)])));
});
inThisProcess(`for comparison: JSON.parse of all (${(whole.length / 1e6).toFixed(1)} MB)`, 3, () => void JSON.parse(whole));

console.log("\nChecking in this process (shipped schemas): first run decodes types and compiles their validators, the second reuses them:");
const seeds = path.join(root, "test", "fixtures", "seeds");
const corpusDir = path.join(root, ".cache", "corpus");
const corpus = existsSync(corpusDir) ? readdirSync(corpusDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".tf.json")).map((f) => path.join(corpusDir, f)) : undefined;
const inputs: [string, string[]][] = [["seed fixtures", [path.join(seeds, "cdktf"), path.join(seeds, "python")]]];
if (corpus) inputs.push(["real-module corpus", corpus]);
else console.log("  (.cache/corpus absent: `npm run corpus:build` adds the real-module corpus)");
for (const [label, paths] of inputs) {
  const schemas = shippedSchemas();
  for (const run of ["first run", "second run"]) {
    const start = performance.now();
    const { summary } = await checkFiles(paths, { schemas });
    const elapsed = performance.now() - start;
    console.log(`  ${`${label}, ${run}`.padEnd(46)} ${elapsed.toFixed(0).padStart(9)} ms  (${summary.files} files, ${summary.resources} resources, ${((elapsed / Math.max(1, summary.resources)) * 1000).toFixed(0)} µs per resource)`);
  }
}

console.log(`\nPathological names (aws ${AWS_VERSION}):`);
{
  const schemas = shippedSchemas();
  const provider = { terraform: { required_providers: { aws: { source: "hashicorp/aws", version: AWS_VERSION } } } };
  const uppercaseKey = JSON.stringify({ ...provider, resource: { aws_s3_bucket: { b: { ["A".repeat(100_000)]: 1 } } } });
  const hugeType = JSON.stringify({ ...provider, resource: { ["aws_" + "x".repeat(1_000_000)]: { b: {} } } });
  inThisProcess("100k-character all-uppercase key", 3, () => void checkDocument(uppercaseKey, { file: "main.tf.json", schemas }));
  inThisProcess("1 MB unknown resource type", 3, () => void checkDocument(hugeType, { file: "main.tf.json", schemas }));
}

console.log("\nExpressions (a cdktf-shaped stack of 10,000 resources, interpolations everywhere):");
/** What cdktf writes: references, references in text, Fn.* calls; every resource's own names. */
function interpolatedStack(resources: number): { document: object; templates: string[] } {
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
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: AWS_VERSION } } },
    variable: { env: {} },
    resource: { aws_vpc: { main: { cidr_block: "10.0.0.0/16" } }, aws_subnet: subnets, aws_instance: instances },
  };
  return { document, templates };
}
const { document: interpolated, templates } = interpolatedStack(10_000);
for (const run of ["cold", "warm"]) {
  const start = performance.now();
  for (const text of templates) parseTemplateText(text);
  const elapsed = performance.now() - start;
  console.log(`  ${`parse ${templates.length} strings, ${run}`.padEnd(46)} ${elapsed.toFixed(0).padStart(9)} ms  (${((elapsed / templates.length) * 1000).toFixed(1)} µs each)`);
}
const interpolatedText = JSON.stringify(interpolated);
for (const run of ["first run", "second run"]) {
  const start = performance.now();
  checkDocument(interpolatedText, { file: "cdk.tf.json", schemas: shippedSchemas(), terraform: { version: "1.11.4", source: "bench" } });
  console.log(`  ${`check the stack, ${run}`.padEnd(46)} ${(performance.now() - start).toFixed(0).padStart(9)} ms`);
}

if (flags.hcl2json) {
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

if (flags["big-files"]) {
  console.log("\nReading big files (each in its own process, on the built package; peak RSS of that process):");
  const benchDir = path.join(root, ".cache", "bench");
  // About 900 bytes per generated resource, written as cdktf writes (indented).
  const sizes = flags.quick ? [1, 14] : [1, 14, 120, 200];
  console.log(`  ${"file".padEnd(16)} ${"JSON.parse".padStart(18)} ${"JsonSource.parse".padStart(18)} ${"whole check".padStart(18)} ${"RSS limit".padStart(10)}`);
  for (const mb of sizes) {
    // Each in a directory of its own: files side by side are one module, read together.
    const file = path.join(benchDir, `big-${generator}`, `${mb}mb`, "main.tf.json");
    if (!existsSync(file)) write(file, generateStack({ snapshot, types, resources: Math.round((mb * 1e6) / 900) }));
    const bytes = statSync(file).size;
    const measure = (mode: string) => {
      const output = execFileSync(process.execPath, [path.join(root, "scripts", "bench", "file.mjs"), mode, file], { encoding: "utf8", maxBuffer: 1 << 20 });
      const { ms: elapsed, peakRssMB } = JSON.parse(output) as { ms: number; peakRssMB: number };
      return { ms: elapsed, peakRssMB, text: `${elapsed} ms ${peakRssMB} MB`.padStart(18) };
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
}

if (flags.extract) {
  console.log("\nExtracting from the installed @cdktf/provider-aws (its jsii assembly):");
  const started = performance.now();
  const extracted = await extractFromBindings(path.join(root, "node_modules", "@cdktf", "provider-aws"));
  console.log(
    `  ${extracted.provenance.from}: ${Object.keys(extracted.schema.resource_schemas ?? {}).length} resources, ` +
      `${Object.keys(extracted.schema.data_source_schemas ?? {}).length} data sources in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
      `peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
}
