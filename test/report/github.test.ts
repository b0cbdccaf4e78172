/** `--format github`: GitHub Actions workflow commands, escaped as @actions/core escapes them. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import { checkFiles } from "../../src/check/files.js";
import { escapeData, escapeProperty, formatGithub } from "../../src/report/github.js";
import { demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";

const schemas = memorySchemas(demoSnapshot("1.0.0"));

describe("GitHub workflow commands", () => {
  it("prints one annotation per finding with file, line, col and the rule as title, then the summary", async () => {
    const result = await checkFiles(["test/fixtures/demo/main.tf.json"], { schemas });
    expect(formatGithub(result)).toMatchInlineSnapshot(`
      "::warning file=test/fixtures/demo/main.tf.json,line=5,col=7,title=schema-unavailable::No schema for provider "aws": its resources and data sources are not checked%0ANo schema for registry.terraform.io/hashicorp/aws matching "~> 6.0" is available. Check against a version that is available with --provider-version aws=<version> (\`cdktf-schema-check schema list\` shows them).
      ::error file=test/fixtures/demo/main.tf.json,line=10,col=7,title=missing-argument::Missing required argument "name" in demo_subnet_group%0AThe argument "name" is required, but no definition was found.%0AFix: add \`name\`
      ::error file=test/fixtures/demo/main.tf.json,line=12,col=9,title=unknown-argument::Unsupported argument "subnet_group_name": demo_subnet_group has no argument or block of that name%0ATerraform rejects this with "An argument named "subnet_group_name" is not expected here."%0AFix: did you mean \`name\`?
      ::warning file=test/fixtures/demo/main.tf.json,line=19,col=9,title=type-mismatch::"at_rest_encryption_enabled" is a string argument: Terraform converts the bool true to "true"%0ATerraform accepts true here and converts it to a string, but typed CDKTF bindings (Python, Java, C#, Go) declare "at_rest_encryption_enabled" as a string and reject the bool true. Write "true".%0AFix: write \`"true"\`
      ::error file=test/fixtures/demo/main.tf.json,line=20,col=9,title=type-mismatch::Inappropriate value for "transit_encryption_enabled": a bool is required, got the string "yes"%0ATerraform cannot convert the string "yes" to a bool: only the strings "true", "false", "1" and "0" convert to a bool, not "yes".
      cdktf-schema-check: 3 errors, 2 warnings (1 file, 3 resources).
      "
    `);
  });

  it("escapes the message (%, CR, LF) and property values (also : and ,)", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeProperty("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext%3A a%2C b");
    // % first, so an escape sequence already in the text is not decoded by GitHub.
    expect(escapeData("%0A")).toBe("%250A");
    expect(escapeProperty("%3A")).toBe("%253A");

    const diagnostic: Diagnostic = {
      severity: "warning",
      rule: "deprecated",
      file: "stacks/a,b:c/cdk.tf.json",
      pointer: "/x",
      message: "50% off:\nnow, really",
      suggestions: [],
    };
    const summary = { files: 1, resources: 0, errors: 0, warnings: 1, suppressed: 2 };
    expect(formatGithub({ diagnostics: [diagnostic], summary }, { cwd: "/repo" })).toBe(
      // A line break inside the message is the input's, not one of ours: written as \n, it cannot start a line.
      "::warning file=stacks/a%2Cb%3Ac/cdk.tf.json,title=deprecated::50%25 off:\\nnow, really\n" +
        "cdktf-schema-check: 0 errors, 1 warning, 2 suppressed (1 file, 0 resources).\n",
    );
  });

  it("in GitHub Actions, names files from the repository's root (GITHUB_WORKSPACE), wherever the checker runs", () => {
    const diagnostic: Diagnostic = { severity: "error", rule: "unknown-type", file: "cdktf.out/stacks/a/cdk.tf.json", pointer: "/x", message: "m", suggestions: [] };
    const summary = { files: 1, resources: 0, errors: 1, warnings: 0 };
    const cwd = process.cwd();
    process.env.GITHUB_WORKSPACE = path.dirname(cwd);
    try {
      expect(formatGithub({ diagnostics: [diagnostic], summary }).split("\n")[0]).toBe(
        `::error file=${path.basename(cwd)}/cdktf.out/stacks/a/cdk.tf.json,title=unknown-type::m`,
      );
    } finally {
      delete process.env.GITHUB_WORKSPACE;
    }
  });

  it("says so when there is nothing to report", () => {
    expect(formatGithub({ diagnostics: [], summary: { files: 2, resources: 5, errors: 0, warnings: 0, suppressed: 0 } })).toBe(
      "cdktf-schema-check: No problems found (2 files, 5 resources).\n",
    );
  });
});
