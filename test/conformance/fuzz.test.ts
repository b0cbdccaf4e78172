/**
 * Fuzzing the checker: random text, truncated JSON and random Terraform-shaped documents. The
 * checker never throws anything but MalformedJsonError (which checkFiles lists as unusable and
 * the CLI turns into exit code 2), and throws that only for text that is not JSON; it always
 * finishes. Seeded, so a failure reproduces. The CLI as a whole is fuzzed in test/cli/fuzz.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import { checkFiles } from "../../src/check/files.js";
import { MalformedJsonError } from "../../src/check/json-source.js";
import { demoProviderSchema, demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";
import { generateCases } from "./generate-cases.js";

const schemas = memorySchemas(demoSnapshot());
const SEED = 20261123;
const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Checks `text`; returns "malformed" when the checker says it is not JSON. */
function check(text: string): "checked" | "malformed" {
  try {
    checkDocument(text, { file: "fuzz.tf.json", schemas });
    return "checked";
  } catch (err) {
    if (err instanceof MalformedJsonError) return "malformed";
    throw err;
  }
}

const names = fc.constantFrom("resource", "data", "provider", "terraform", "dynamic", "for_each", "content", "//", "demo_plan", "demo_subnet_group", "demo_endpoint", "rule", "setting", "name", "subnet_ids", "config", "timeouts", "lifecycle", "count", "x");
const leaf = fc.oneof(fc.boolean(), fc.integer(), fc.double(), fc.string(), fc.constantFrom("${var.v}", "${", "$${x}", "%{ if true }a%{ endif }"), fc.constant(null));
const terraformish = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(names, tie("value"), { maxKeys: 5 }),
})).object;

describe("the checker on random input", () => {
  it("checks every JSON document and rejects only text that is not JSON", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), terraformish.map((d) => JSON.stringify(d))), (text) => {
        expect(check(text)).toBe(isJson(text) ? "checked" : "malformed");
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("never throws on random Terraform-shaped documents, parsed or as text", () => {
    fc.assert(
      fc.property(terraformish, (document) => {
        checkDocument(document, { file: "fuzz.tf.json", schemas });
        expect(check(JSON.stringify(document, null, 2))).toBe("checked");
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("treats every truncation of a real configuration as malformed, never as a crash", () => {
    const texts = generateCases(demoProviderSchema, { localName: "demo" }).filter((_, i) => i % 25 === 0).map((c) => c.text.trimEnd());
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), (text, cut) => {
        const truncated = text.slice(0, cut % text.length);
        expect(check(truncated)).toBe(isJson(truncated) ? "checked" : "malformed");
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe("checkFiles on random files", () => {
  const dir = mkdtempSync(join(tmpdir(), "fuzz-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names the file as unusable (exit code 2) exactly when it is not JSON", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), terraformish.map((d) => JSON.stringify(d))), async (text) => {
        const file = join(dir, "case.tf.json");
        writeFileSync(file, text);
        const { unusable } = await checkFiles([file], { schemas });
        expect(unusable === undefined ? "checked" : "unusable").toBe(isJson(text) ? "checked" : "unusable");
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
