/**
 * Keys and file names are the input's, and the human formats print them (#13 item 15): a key
 * holding a line break and `::error::` must not start a line that a GitHub Actions log reads as a
 * workflow command (the runner trims leading spaces first), and ANSI escapes must not reach the
 * terminal. Control characters are shown escaped, as JSON writes them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { escapeControl } from "../../src/report/escape.js";
import { runCli } from "../cli/run.js";

const dir = mkdtempSync(path.join(tmpdir(), "schema-check-escape-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = "tags\n::error file=main.ts,line=1::pwned\u001b[31m\u202e";
const FILE = path.join(dir, "x\n::warning::evil\u001b[2J.tf.json");
const TEXT = JSON.stringify({
  terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "6.25.0" } } },
  resource: { aws_s3_bucket: { logs: { bucket: "logs", [KEY]: {} } } },
});
writeFileSync(FILE, TEXT);
/** Where the key is written: the one line, this column. */
const COLUMN = TEXT.indexOf(JSON.stringify(KEY)) + 1;
const escapedKey = "tags\\n::error file=main.ts,line=1::pwned\\u001b[31m\\u202e";
const escapedFile = `${dir}/x\\n::warning::evil\\u001b[2J.tf.json`;

/** Lines that a GitHub Actions runner would take for workflow commands. */
const commandLines = (output: string) => output.split("\n").filter((line) => line.trimStart().startsWith("::"));

describe("control characters from the input", () => {
  it("pretty: shown escaped, never as a line break or an escape sequence", async () => {
    const { code, stdout } = await runCli([FILE, "--terraform-version", "1.11.4"]);
    expect(code).toBe(1);
    expect(commandLines(stdout)).toEqual([]);
    expect(stdout).not.toMatch(/[\u001b\u202e]/);
    expect(stdout.split("\n").slice(0, 3)).toEqual([
      escapedFile,
      "  aws_s3_bucket.logs",
      `    ${`1:${COLUMN}`.padEnd(7)} error   Unsupported argument "${escapedKey}": aws_s3_bucket has no argument or block of that name  unknown-argument`,
    ]);
  });

  it("github: one workflow command per finding, the key escaped inside it", async () => {
    const { stdout } = await runCli([FILE, "--format", "github", "--terraform-version", "1.11.4"]);
    const commands = commandLines(stdout);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toBe(
      `::error file=${escapedFile.replaceAll(":", "%3A").replaceAll(",", "%2C")},line=1,col=${COLUMN},title=unknown-argument::` +
        `Unsupported argument "${escapedKey}": aws_s3_bucket has no argument or block of that name` +
        `%0ATerraform rejects this with "An argument named "${escapedKey}" is not expected here."`,
    );
    expect(stdout).not.toMatch(/[\u001b\u202e]/);
  });

  it("the one-line reasons on stderr", async () => {
    const broken = path.join(dir, "y\n::error::z\u001b[0m.tf.json");
    writeFileSync(broken, "{");
    const { code, stderr } = await runCli([broken]);
    expect(code).toBe(2);
    // One line, the file named with its controls escaped (the parser's reason is its own business).
    expect(stderr.split("\n")).toEqual([expect.stringMatching(/: malformed JSON: /), ""]);
    expect(stderr.startsWith(`cdktf-schema-check: ${dir}/y\\n::error::z\\u001b[0m.tf.json:1:`)).toBe(true);
    const usage = await runCli(["--frobnicate\n::error::x"]);
    expect(usage.stderr).toBe("cdktf-schema-check: unknown option '--frobnicate\\n::error::x'\n");
  });

  it("escapes C0 and C1 controls, DEL, line and paragraph separators and bidirectional overrides; leaves other text alone", () => {
    expect(escapeControl("a\tb\r\n\u0000\u007f\u0085\u2028\u2029\u202a\u2066 é ✓")).toBe("a\\tb\\r\\n\\u0000\\u007f\\u0085\\u2028\\u2029\\u202a\\u2066 é ✓");
  });
});
