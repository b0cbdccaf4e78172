/**
 * Builds the real-world part of the false-positive corpus in .cache/corpus/ (never committed:
 * it is other people's configuration): terraform-aws-modules repositories converted to
 * Terraform JSON, on which the checker must report no errors. test/check/corpus.test.ts checks it
 * when present.
 *
 *   npm run corpus:build [-- mirror-root]
 *
 * mirror-root holds bare clones named `<owner>+<repo>/repo` (default /work/.mirror). Every
 * non-example module of each repository is converted file by file with @cdktf/hcl2json, so each
 * `.tf.json` corresponds to one `.tf` file as its authors wrote it. SOURCES.md records the
 * repository and commit of each.
 *
 * hcl2json writes every expression as `"${…}"`, also where Terraform JSON wants the bare text:
 * references in `depends_on`, `provider`, `lifecycle.ignore_changes` and `replace_triggered_by`,
 * `providers` of module calls, `configuration_aliases`, and variables' type constraints. Terraform
 * rejects those ("A single static variable reference is required", "Invalid type
 * specification"), so they are unwrapped: the corpus stays configurations Terraform accepts.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { parseTemplateText } from "../src/hcl/index.js";

const REPOSITORIES = [
  "terraform-aws-modules/terraform-aws-vpc",
  "terraform-aws-modules/terraform-aws-s3-bucket",
  "terraform-aws-modules/terraform-aws-elasticache",
  "terraform-aws-modules/terraform-aws-ecs",
  "terraform-aws-modules/terraform-aws-rds",
  "terraform-aws-modules/terraform-aws-lambda",
  // Its modules/ are 60 generated copies of the root module: the root is enough.
  "terraform-aws-modules/terraform-aws-security-group:root",
  "terraform-aws-modules/terraform-aws-eks",
  "terraform-aws-modules/terraform-aws-ec2-instance",
  "terraform-aws-modules/terraform-aws-iam",
  "terraform-aws-modules/terraform-aws-alb",
  "terraform-aws-modules/terraform-aws-autoscaling",
  "terraform-aws-modules/terraform-aws-rds-aurora",
  "terraform-aws-modules/terraform-aws-dynamodb-table",
  "terraform-aws-modules/terraform-aws-kms",
  "terraform-aws-modules/terraform-aws-cloudfront",
  "terraform-aws-modules/terraform-aws-sqs",
];

/** Directories that are not the module's own configuration. */
const SKIPPED = /(^|\/)(examples|wrappers|tests|test|\.github)\//;

const mirrorRoot = process.argv[2] ?? "/work/.mirror";
const out = join(import.meta.dirname, "..", ".cache", "corpus");

const git = (gitDir: string, ...args: string[]) => execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });

rmSync(out, { recursive: true, force: true });
const sources: string[] = [
  "# Corpus sources",
  "",
  "Converted with `npx tsx scripts/build-check-corpus.ts` (@cdktf/hcl2json); one `.tf.json` per `.tf` file.",
  "",
  "| repository | commit | files |",
  "| --- | --- | --- |",
];
for (const entry of REPOSITORIES) {
  const [repository, scope] = entry.split(":") as [string, string | undefined];
  const gitDir = join(mirrorRoot, repository.replace("/", "+"), "repo");
  const commit = git(gitDir, "rev-parse", "HEAD").trim();
  const files = git(gitDir, "ls-tree", "-r", "--name-only", "HEAD")
    .split("\n")
    .filter((f) => f.endsWith(".tf") && !SKIPPED.test(f) && (scope !== "root" || !f.includes("/")));
  const name = repository.split("/")[1]!;
  for (const file of files) {
    const json = unwrapBareExpressions(await parse(file, git(gitDir, "show", `HEAD:${file}`)));
    const target = join(out, name, `${file}.json`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify(json, null, 2) + "\n");
  }
  sources.push(`| ${repository} | ${commit} | ${files.length} |`);
  console.log(`${repository}@${commit.slice(0, 12)}: ${files.length} files`);
}
writeFileSync(join(out, "SOURCES.md"), sources.join("\n") + "\n");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Function declarations: the conversion above runs (top-level await) before later constants exist.
function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function each(value: Json | undefined): Json[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `"${aws_s3_bucket.b}"` → `"aws_s3_bucket.b"`: a string that is one interpolation and nothing else. */
function bare(value: Json): Json {
  if (typeof value !== "string" || !value.startsWith("${") || !value.endsWith("}")) return value;
  const parsed = parseTemplateText(value);
  const whole = parsed.diagnostics.length === 0 && parsed.expression.kind === "templateWrap";
  return whole ? value.slice(2, -1).trim() : value;
}

function bareList(value: Json | undefined): Json | undefined {
  return Array.isArray(value) ? value.map(bare) : value === undefined ? undefined : bare(value);
}

/** The places where Terraform JSON reads a string as bare HCL (see the header), unwrapped in place. */
function unwrapBareExpressions(document: Record<string, unknown>): Record<string, unknown> {
  const root = document as Record<string, Json>;
  const named = (section: string) => each(root[section]).filter(isObject).flatMap((byName) => Object.values(byName).flatMap(each)).filter(isObject);
  const resources = (section: string) =>
    each(root[section])
      .filter(isObject)
      .flatMap((byType) => Object.values(byType).flatMap(each).filter(isObject).flatMap((byName) => Object.values(byName).flatMap(each)))
      .filter(isObject);
  for (const body of [...resources("resource"), ...resources("data")]) {
    if (body.depends_on !== undefined) body.depends_on = bareList(body.depends_on)!;
    if (body.provider !== undefined) body.provider = bare(body.provider);
    for (const lifecycle of each(body.lifecycle).filter(isObject)) {
      if (lifecycle.ignore_changes !== undefined) lifecycle.ignore_changes = bareList(lifecycle.ignore_changes)!;
      if (lifecycle.replace_triggered_by !== undefined) lifecycle.replace_triggered_by = bareList(lifecycle.replace_triggered_by)!;
    }
  }
  for (const output of named("output")) if (output.depends_on !== undefined) output.depends_on = bareList(output.depends_on)!;
  for (const module of named("module")) {
    if (module.depends_on !== undefined) module.depends_on = bareList(module.depends_on)!;
    if (isObject(module.providers)) module.providers = Object.fromEntries(Object.entries(module.providers).map(([k, v]) => [k, bare(v)]));
  }
  for (const variable of named("variable")) if (variable.type !== undefined) variable.type = bare(variable.type);
  for (const terraform of each(root.terraform).filter(isObject)) {
    for (const required of each(terraform.required_providers).filter(isObject)) {
      for (const requirement of Object.values(required).filter(isObject)) {
        if (requirement.configuration_aliases !== undefined) requirement.configuration_aliases = bareList(requirement.configuration_aliases)!;
      }
    }
  }
  return document;
}
