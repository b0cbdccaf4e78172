/**
 * `--format sarif`: valid against the SARIF 2.1.0 JSON schema, as Microsoft's SARIF SDK ships it
 * in @microsoft/jest-sarif (MIT): `sarif-2.1.0-rtm.5.json`, the JSON Schema (draft-04) of the
 * final 2.1.0 draft that OASIS approved as the standard. Rule metadata for every rule, and one
 * result per diagnostic carrying file, line, column and logical locations.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import { checkFiles } from "../../src/check/files.js";
import type { CheckResult } from "../../src/check/files.js";
import { RULES } from "../../src/core/rules.js";
import { RULE_DOCS } from "../../src/core/rule-docs.js";
import { formatSarif } from "../../src/report/sarif.js";
import { demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";

const schemas = memorySchemas(demoSnapshot("1.0.0"));
const file = "test/fixtures/demo/main.tf.json";

const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
// Both are CommonJS: require() gives the class and the plugin themselves.
const Ajv: typeof import("ajv-draft-04").default = require("ajv-draft-04");
const addFormats: typeof import("ajv-formats").default = require("ajv-formats");
// The schema's `language` pattern is not a valid unicode-mode RegExp; Ajv compiles it without `u`.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

function expectValid(log: unknown): void {
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe("SARIF report", () => {
  it("is valid SARIF 2.1.0", async () => {
    const log = JSON.parse(formatSarif(await checkFiles([file], { schemas })));
    expectValid(log);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
  });

  it("the validator does reject what is not SARIF", () => {
    expect(validateSarif({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validateSarif({ version: "2.0.0", runs: [] })).toBe(false);
  });

  it("names the tool and describes every rule, with help and a bad/good example", async () => {
    const log = JSON.parse(formatSarif(await checkFiles([file], { schemas })));
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe("cdktf-schema-check");
    expect(driver.version).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(Object.keys(RULES));
    for (const rule of driver.rules) {
      const id = rule.id as keyof typeof RULES;
      expect(rule.shortDescription.text).toBe(RULES[id]);
      expect(rule.fullDescription.text).toBe(RULE_DOCS[id].help);
      expect(rule.help.text).toContain(RULE_DOCS[id].bad);
      expect(rule.help.text).toContain(RULE_DOCS[id].good);
      expect(rule.help.markdown).toContain("Reported:");
      expect(rule.defaultConfiguration.level).toBe(RULE_DOCS[id].severity);
    }
  });

  it("has one result per diagnostic, with rule, level, message and fix, file, line, column, address and construct path", async () => {
    const result = await checkFiles([file], { schemas });
    const log = JSON.parse(formatSarif(result, { toolVersion: "0.0.0" }));
    const run = log.runs[0];
    expect(run.results).toHaveLength(result.diagnostics.length);
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toBe(`file://${process.cwd()}/`);
    const unknownArgument = run.results.find((r: { ruleId: string }) => r.ruleId === "unknown-argument");
    expect({ ...unknownArgument, partialFingerprints: "…" }).toMatchInlineSnapshot(`
      {
        "level": "error",
        "locations": [
          {
            "logicalLocations": [
              {
                "fullyQualifiedName": "demo_subnet_group.sg",
                "kind": "resource",
                "name": "sg",
              },
              {
                "fullyQualifiedName": "app/cache-subnets",
                "kind": "object",
                "name": "cache-subnets",
              },
            ],
            "physicalLocation": {
              "artifactLocation": {
                "uri": "test/fixtures/demo/main.tf.json",
                "uriBaseId": "%SRCROOT%",
              },
              "region": {
                "startColumn": 9,
                "startLine": 12,
              },
            },
          },
        ],
        "message": {
          "text": "Unsupported argument "subnet_group_name": demo_subnet_group has no argument or block of that name — did you mean \`name\`?
      Terraform rejects this with "An argument named "subnet_group_name" is not expected here."",
        },
        "partialFingerprints": "…",
        "properties": {
          "address": "demo_subnet_group.sg",
          "constructPath": "app/cache-subnets",
          "pointer": "/resource/demo_subnet_group/sg/subnet_group_name",
          "suggestions": [
            "name",
          ],
        },
        "ruleId": "unknown-argument",
        "ruleIndex": 1,
      }
    `);
    expect(run.tool.driver.rules[unknownArgument.ruleIndex].id).toBe("unknown-argument");
    // Every result from a file checked from its text has a line and column.
    for (const r of run.results) {
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
      expect(r.locations[0].physicalLocation.region.startColumn).toBeGreaterThan(0);
    }
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(result.diagnostics.map((d) => d.severity));
  });

  it("keeps fingerprints stable when only lines move", async () => {
    const result = await checkFiles([file], { schemas });
    const moved: CheckResult = { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, line: d.line! + 3 })) };
    const fingerprints = (r: CheckResult) => JSON.parse(formatSarif(r)).runs[0].results.map((x: { partialFingerprints: unknown }) => x.partialFingerprints);
    expect(fingerprints(moved)).toEqual(fingerprints(result));
    expect(new Set(fingerprints(result).map((f: object) => JSON.stringify(f))).size).toBe(result.diagnostics.length);
  });

  it("stays valid for findings without a position, outside the working directory, and with no findings", () => {
    const { diagnostics } = checkDocument({ resource: { demo_subnet_grup: { a: {} } } }, { file: "../elsewhere/my stack.tf.json", schemas });
    const result: CheckResult = { diagnostics, summary: { files: 1, resources: 1, errors: diagnostics.length, warnings: 0 } };
    const log = JSON.parse(formatSarif(result, { cwd: "/work/project" }));
    expectValid(log);
    const location = log.runs[0].results[0].locations[0].physicalLocation;
    expect(location).toEqual({ artifactLocation: { uri: "file:///work/elsewhere/my%20stack.tf.json" } });

    const inside = JSON.parse(formatSarif({ ...result, diagnostics: diagnostics.map((d) => ({ ...d, file: path.join("stacks", "my stack", "cdk.tf.json") })) }, { cwd: "/work/project" }));
    expect(inside.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: "stacks/my%20stack/cdk.tf.json", uriBaseId: "%SRCROOT%" });

    const empty = JSON.parse(formatSarif({ diagnostics: [], summary: { files: 1, resources: 0, errors: 0, warnings: 0 } }));
    expectValid(empty);
    expect(empty.runs[0].results).toEqual([]);
  });
});
