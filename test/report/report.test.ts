/** What users read: the pretty and JSON reports of test/fixtures/demo/main.tf.json. */
import { describe, expect, it } from "vitest";
import { checkFiles } from "../../src/check/files.js";
import { formatJson } from "../../src/report/json.js";
import { formatPretty } from "../../src/report/pretty.js";
import { demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";

const schemas = memorySchemas(demoSnapshot("1.0.0"));
const file = "test/fixtures/demo/main.tf.json";

describe("pretty report", () => {
  it("groups by file and resource, with construct path, line:column, rule, detail, fix and summary", async () => {
    const result = await checkFiles([file], { schemas });
    expect(formatPretty(result, { color: false })).toMatchInlineSnapshot(`
      "test/fixtures/demo/main.tf.json
        5:7     warning No schema for provider "aws": its resources and data sources are not checked  schema-unavailable
                        at /terraform/required_providers/aws
                        No schema for registry.terraform.io/hashicorp/aws matching "~> 6.0" is available. Check against a version that is available with --provider-version aws=<version> (\`cdktf-schema-check schema list\` shows them).
        demo_subnet_group.sg  (app/cache-subnets)
          10:7    error   Missing required argument "name" in demo_subnet_group  missing-argument
                          at /resource/demo_subnet_group/sg
                          The argument "name" is required, but no definition was found.
                          fix: add \`name\`
          12:9    error   Unsupported argument "subnet_group_name": demo_subnet_group has no argument or block of that name  unknown-argument
                          at /resource/demo_subnet_group/sg/subnet_group_name
                          Terraform rejects this with "An argument named "subnet_group_name" is not expected here."
                          fix: did you mean \`name\`?
        demo_replication_group.cache  (app/cache)
          19:9    warning "at_rest_encryption_enabled" is a string argument: Terraform converts the bool true to "true"  type-mismatch
                          at /resource/demo_replication_group/cache/at_rest_encryption_enabled
                          Terraform accepts true here and converts it to a string, but typed CDKTF bindings (Python, Java, C#, Go) declare "at_rest_encryption_enabled" as a string and reject the bool true. Write "true".
                          fix: write \`"true"\`
          20:9    error   Inappropriate value for "transit_encryption_enabled": a bool is required, got the string "yes"  type-mismatch
                          at /resource/demo_replication_group/cache/transit_encryption_enabled
                          Terraform cannot convert the string "yes" to a bool: only the strings "true", "false", "1" and "0" convert to a bool, not "yes".

      3 errors, 2 warnings (1 file, 3 resources).
      Checked against:
        registry.terraform.io/hashicorp/demo 1.0.0 (schema from test/fixtures/demo-provider.ts): the newest available schema satisfying "1.0.0" (terraform.required_providers.demo)
      "
    `);
  });

  it("says so when there is nothing to report", async () => {
    const result = await checkFiles(["test/fixtures/demo/clean.tf.json"], { schemas });
    expect(formatPretty(result, { color: false })).toMatchInlineSnapshot(`
      "No problems found (1 file, 1 resource).
      Checked against:
        registry.terraform.io/hashicorp/demo 1.0.0 (schema from test/fixtures/demo-provider.ts): the newest available schema (no version constraint declared for "demo")
      "
    `);
  });

  it("colours only when asked to", async () => {
    const result = await checkFiles([file], { schemas });
    expect(formatPretty(result, { color: true })).toContain("\u001b[31merror  \u001b[39m");
    expect(formatPretty(result, { color: false })).not.toContain("\u001b[");
  });
});

describe("JSON report", () => {
  it("is exactly one object with diagnostics and summary, every diagnostic with the same keys in order", async () => {
    const result = await checkFiles([file], { schemas });
    const parsed = JSON.parse(formatJson(result));
    expect(Object.keys(parsed)).toEqual(["diagnostics", "summary", "checkedAgainst"]);
    for (const diagnostic of parsed.diagnostics) {
      expect(Object.keys(diagnostic)).toEqual([
        "severity",
        "rule",
        "file",
        "pointer",
        "line",
        "column",
        "address",
        "message",
        "detail",
        "suggestions",
        "constructPath",
        "source",
      ]);
    }
    expect(parsed).toMatchInlineSnapshot(`
      {
        "checkedAgainst": {
          "providers": [
            {
              "address": "registry.terraform.io/hashicorp/demo",
              "from": "test/fixtures/demo-provider.ts",
              "localName": "demo",
              "reason": "the newest available schema satisfying "1.0.0" (terraform.required_providers.demo)",
              "version": "1.0.0",
            },
          ],
        },
        "diagnostics": [
          {
            "address": null,
            "column": 7,
            "constructPath": null,
            "detail": "No schema for registry.terraform.io/hashicorp/aws matching "~> 6.0" is available. Check against a version that is available with --provider-version aws=<version> (\`cdktf-schema-check schema list\` shows them).",
            "file": "test/fixtures/demo/main.tf.json",
            "line": 5,
            "message": "No schema for provider "aws": its resources and data sources are not checked",
            "pointer": "/terraform/required_providers/aws",
            "rule": "schema-unavailable",
            "severity": "warning",
            "source": null,
            "suggestions": [],
          },
          {
            "address": "demo_subnet_group.sg",
            "column": 7,
            "constructPath": "app/cache-subnets",
            "detail": "The argument "name" is required, but no definition was found.",
            "file": "test/fixtures/demo/main.tf.json",
            "line": 10,
            "message": "Missing required argument "name" in demo_subnet_group",
            "pointer": "/resource/demo_subnet_group/sg",
            "rule": "missing-argument",
            "severity": "error",
            "source": null,
            "suggestions": [
              "name",
            ],
          },
          {
            "address": "demo_subnet_group.sg",
            "column": 9,
            "constructPath": "app/cache-subnets",
            "detail": "Terraform rejects this with "An argument named "subnet_group_name" is not expected here."",
            "file": "test/fixtures/demo/main.tf.json",
            "line": 12,
            "message": "Unsupported argument "subnet_group_name": demo_subnet_group has no argument or block of that name",
            "pointer": "/resource/demo_subnet_group/sg/subnet_group_name",
            "rule": "unknown-argument",
            "severity": "error",
            "source": null,
            "suggestions": [
              "name",
            ],
          },
          {
            "address": "demo_replication_group.cache",
            "column": 9,
            "constructPath": "app/cache",
            "detail": "Terraform accepts true here and converts it to a string, but typed CDKTF bindings (Python, Java, C#, Go) declare "at_rest_encryption_enabled" as a string and reject the bool true. Write "true".",
            "file": "test/fixtures/demo/main.tf.json",
            "line": 19,
            "message": ""at_rest_encryption_enabled" is a string argument: Terraform converts the bool true to "true"",
            "pointer": "/resource/demo_replication_group/cache/at_rest_encryption_enabled",
            "rule": "type-mismatch",
            "severity": "warning",
            "source": null,
            "suggestions": [
              ""true"",
            ],
          },
          {
            "address": "demo_replication_group.cache",
            "column": 9,
            "constructPath": "app/cache",
            "detail": "Terraform cannot convert the string "yes" to a bool: only the strings "true", "false", "1" and "0" convert to a bool, not "yes".",
            "file": "test/fixtures/demo/main.tf.json",
            "line": 20,
            "message": "Inappropriate value for "transit_encryption_enabled": a bool is required, got the string "yes"",
            "pointer": "/resource/demo_replication_group/cache/transit_encryption_enabled",
            "rule": "type-mismatch",
            "severity": "error",
            "source": null,
            "suggestions": [],
          },
        ],
        "summary": {
          "errors": 3,
          "files": 1,
          "resources": 3,
          "warnings": 2,
        },
      }
    `);
  });
});
