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
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "@cdktf/hcl2json";

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
    const json = await parse(file, git(gitDir, "show", `HEAD:${file}`));
    const target = join(out, name, `${file}.json`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify(json, null, 2) + "\n");
  }
  sources.push(`| ${repository} | ${commit} | ${files.length} |`);
  console.log(`${repository}@${commit.slice(0, 12)}: ${files.length} files`);
}
writeFileSync(join(out, "SOURCES.md"), sources.join("\n") + "\n");
