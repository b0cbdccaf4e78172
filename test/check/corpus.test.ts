/**
 * No false positives on real configurations, checked against the shipped schemas their
 * constraints select:
 * - the synthesized output of a real cdktf app (test/fixtures/cdktf-app/app.ts, synthesized here);
 * - the example app's clean stack;
 * - terraform-aws-modules repositories converted to Terraform JSON, when `npm run corpus:build`
 *   has put them in .cache/corpus (they are other people's code, so they are not committed).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkFiles } from "../../src/check/files.js";
import { shippedSchemas } from "../../src/schema/store/index.js";
import { synthesize } from "../fixtures/cdktf-app/app.js";

const errorsOf = async (files: string[]) => {
  const result = await checkFiles(files, { schemas: shippedSchemas() });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  return { ...result, errors: errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.pointer}: ${d.message}`) };
};

describe("the false-positive corpus", () => {
  const outdir = mkdtempSync(join(tmpdir(), "corpus-synth-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("has no errors in a real cdktf app's synthesized output", async () => {
    synthesize(outdir);
    const { errors, summary } = await errorsOf([join(outdir, "stacks", "service", "cdk.tf.json")]);
    expect(errors).toEqual([]);
    expect(summary.resources).toBeGreaterThan(10);
  });

  const modules = ".cache/corpus";
  it.skipIf(!existsSync(modules))("has no errors in terraform-aws-modules configurations", async () => {
    const files = readdirSync(modules, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".tf.json"))
      .map((f) => join(modules, f))
      .sort();
    const { errors, summary } = await errorsOf(files);
    expect(errors).toEqual([]);
    console.log(`corpus: ${summary.files} files, ${summary.resources} resources, ${summary.warnings} warnings, 0 errors`);
    expect(summary.resources).toBeGreaterThan(300);
  });
  if (!existsSync(modules)) {
    console.warn(`SKIPPED: ${modules} is absent; run \`npm run corpus:build\` (needs the fetched terraform-aws-modules mirrors) to check real modules too`);
  }
});
