/**
 * Issue #13, the bad-input probe: each case it found, as the CLI meets it. No bad input crashes
 * the checker, slows it to a crawl, or turns a failure into a pass; what it cannot use is named,
 * and everything else is still checked.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { compileAddress } from "../../src/config/address.js";
import { runCli } from "./run.js";
import { spawnCli } from "./spawn.js";

const dir = mkdtempSync(join(tmpdir(), "reliability-"));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  mkdirSync(join(dir, name, ".."), { recursive: true });
  writeFileSync(join(dir, name), text);
  return name;
};
const run = (...args: string[]) => runCli(args, { cwd: dir });
const AWS = '"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "6.25.0"}}}';
const CHECKED_AGAINST = `Checked against:
  registry.terraform.io/hashicorp/aws 6.25.0 (schema from @cdktf/provider-aws@21.22.1): the newest available schema satisfying "6.25.0" (terraform.required_providers.aws)
`;

afterEach(() => {
  process.exitCode = undefined;
});

describe("1. deep nesting: no limit, as in Terraform", () => {
  it("checks arrays 10,000 deep and objects 100,000 deep", async () => {
    const file = write(
      "deep.tf.json",
      `{"locals": {"x": ${"[".repeat(10_000)}${"]".repeat(10_000)}}, "resource": {"terraform_data": {"d": {"input": ${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}}}}`,
    );
    expect(await run(file)).toEqual({ code: 0, stdout: "No problems found (1 file, 1 resource).\n", stderr: "" });
  });
});

describe("2. many findings in one file", () => {
  it("reports 130,000 of them (the probe's crash) with their positions", async () => {
    const ids = Array.from({ length: 130_000 }, (_, i) => i).join(",\n");
    const file = write("many.tf.json", `{${AWS}, "resource": {"aws_instance": {"web": {"ami": "ami-1", "instance_type": "t3.micro", "vpc_security_group_ids": [\n${ids}\n]}}}}`);
    const result = await run("--format", "json", file);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toEqual({ files: 1, resources: 1, errors: 0, warnings: 130_000, suppressed: 0 });
    expect(report.diagnostics.at(-1)).toMatchObject({ pointer: "/resource/aws_instance/web/vpc_security_group_ids/129999", line: 130_001, column: 1 });
  });
});

describe("3. memory", () => {
  it("refuses a file whose values would not fit in memory with exit code 2 and a reason, not a V8 crash", async () => {
    // Three bytes per array: 6 MB of them need ten times that; the child gets a 96 MB heap. In a
    // directory of its own: the other files here would be read as the rest of its module.
    write("memory/tiny-arrays.tf.json", `{"locals": {"x": [${"[],".repeat(2_000_000)}[]]}}`);
    const result = await spawnCli(["tiny-arrays.tf.json"], { cwd: join(dir, "memory"), node: ["--max-old-space-size=96"] });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^cdktf-schema-check: tiny-arrays\.tf\.json: too large to check: its 2000004 values need about \d+ MB of memory, \d+ MB are available \(raise it with NODE_OPTIONS=--max-old-space-size=<MB>\)\n$/,
    );
  });
});

describe("4. a suppression address with many *", () => {
  it("is matched in linear time (a regular expression backtracked for minutes)", () => {
    const stars = compileAddress(`${"*a".repeat(5_000)}*b`, { configDir: dir, cwd: dir });
    expect(stars({ file: "x.tf.json", pointer: "", address: "a".repeat(20_000) })).toBe(false);
    expect(stars({ file: "x.tf.json", pointer: "", address: `${"a".repeat(20_000)}b` })).toBe(true);
    const files = compileAddress(`${"*/".repeat(2_000)}x.tf.json#${"/*".repeat(2_000)}`, { configDir: dir, cwd: dir });
    expect(files({ file: join(dir, `${"d/".repeat(2_000)}y.tf.json`), pointer: "/a".repeat(2_000) })).toBe(false);
    expect(files({ file: join(dir, `${"d/".repeat(2_000)}x.tf.json`), pointer: "/a".repeat(2_000) })).toBe(true);
  });
});

describe("5. the terraform on PATH", () => {
  const bin = join(dir, "bin");
  const log = join(dir, "terraform.log");
  mkdirSync(bin);
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });
  const fakeTerraform = (output: string) => {
    writeFileSync(join(bin, "terraform"), `#!/bin/sh\necho run >> "${log}"\necho '${output}'\n`);
    chmodSync(join(bin, "terraform"), 0o755);
    process.env.PATH = `${bin}:${path}`;
  };

  it("is not run when no terraform block needs the release", async () => {
    fakeTerraform('{"terraform_version": "1.9.8"}');
    const file = write("no-backend.tf.json", `{${AWS}, "resource": {"aws_sqs_queue": {"q": {"name": "q"}}}}`);
    expect((await run(file)).code).toBe(0);
    expect(() => readFileSync(log)).toThrow();
  });

  it("that fails is reported: the newest known release is used, and the finding and checkedAgainst say why", async () => {
    fakeTerraform("Terraform v1.9.8");
    const file = write("backend.tf.json", '{"terraform": {"backend": {"local": {"path": "state"}}}}');
    const result = await run("--format", "json", file);
    const report = JSON.parse(result.stdout);
    const why = `the terraform on PATH (${join(bin, "terraform")}) printed no JSON for \`terraform version -json\`: "Terraform v1.9.8"`;
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        rule: "terraform-version-unknown",
        pointer: "/terraform",
        message: `Checked against Terraform 1.15.9, the newest release this checker knows: ${why}`,
      }),
    ]);
    expect(report.checkedAgainst.terraform).toEqual({ version: "1.15.9", source: "the newest release this checker knows", fallback: why, release: "1.15.9" });
    expect((await run("--strict", file)).code).toBe(1);
  });
});

describe("6. directories that cannot be read", () => {
  it("are named (exit code 2 at the end) while the rest is checked; a parent that cannot be entered is not 'no such file'", async () => {
    write("perm/ok/cdk.tf.json", `{${AWS}, "resource": {"aws_sqs_queue": {"q": {"nam": "q"}}}}`);
    write("perm/locked/inner/cdk.tf.json", "{}");
    chmodSync(join(dir, "perm/locked"), 0o000);
    try {
      // Root reads everything: run as nobody then.
      const uid = process.getuid?.() === 0 ? 65534 : undefined;
      const result = await spawnCli(["perm", "perm/locked/inner/cdk.tf.json"], { cwd: dir, ...(uid !== undefined ? { uid } : {}) });
      expect(result.code).toBe(2);
      expect(result.stdout).toContain('perm/ok/cdk.tf.json\n  aws_sqs_queue.q\n    1:135   error   Unsupported argument "nam": aws_sqs_queue has no argument or block of that name  unknown-argument');
      expect(result.stderr).toBe(
        "cdktf-schema-check: perm/locked: cannot read this directory: permission denied (EACCES)\n" +
          "cdktf-schema-check: perm/locked/inner/cdk.tf.json: cannot read: permission denied (EACCES): a directory on the way to it cannot be entered\n",
      );
    } finally {
      chmodSync(join(dir, "perm/locked"), 0o755);
    }
  });
});

describe("9. keys given twice, as Terraform reads them", () => {
  it("reports a repeated argument and a repeated object key with both positions, and checks every repeated section", async () => {
    const file = write(
      "dup.tf.json",
      `{
  ${AWS},
  "resource": {"aws_s3_bucket": {"logs": {"bucket": "logs", "bucket": "logs-eu", "tags": {"team": "a", "team": "b"}}}},
  "resource": {"aws_sqs_queue": {"q": {"nam": "q"}}}
}
`,
    );
    expect(await run(file)).toEqual({
      code: 1,
      stdout: `dup.tf.json
  aws_s3_bucket.logs
    3:61    error   Duplicate argument "bucket" in aws_s3_bucket: it was already set at dup.tf.json:3:43  duplicate
                    at /resource/aws_s3_bucket/logs/bucket
                    The argument "bucket" was already set at dup.tf.json:3:43. Each argument may be set only once; Terraform rejects the configuration ("Duplicate argument").
    3:104   error   Duplicate object attribute "team": it was already defined at dup.tf.json:3:91  duplicate
                    at /resource/aws_s3_bucket/logs/tags/team
                    An attribute named "team" was already defined at dup.tf.json:3:91; Terraform rejects the value ("Duplicate object attribute").
  aws_sqs_queue.q
    4:40    error   Unsupported argument "nam": aws_sqs_queue has no argument or block of that name  unknown-argument
                    at /resource/aws_sqs_queue/q/nam
                    Terraform rejects this with "An argument named "nam" is not expected here."
                    fix: did you mean \`name\`?

3 errors, 0 warnings (1 file, 2 resources).
${CHECKED_AGAINST}`,
      stderr: "",
    });
  });
});

describe("10. names JavaScript objects inherit", () => {
  it("are names like any other: __proto__ an unknown argument, constructor an unknown backend", async () => {
    const file = write(
      "proto.tf.json",
      `{"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "6.25.0"}}, "backend": {"constructor": {}}},
 "resource": {"aws_s3_bucket": {"b": {"__proto__": "x", "toString": 1}}, "__proto__": {"x": {}}}}`,
    );
    const report = JSON.parse((await run("--format", "json", "--terraform-version", "1.11.4", file)).stdout);
    expect(report.diagnostics.map((d: { pointer: string; message: string }) => `${d.pointer}: ${d.message}`)).toEqual([
      '/terraform/backend/constructor: Unsupported backend type "constructor": Terraform 1.11.4 (--terraform-version) has no backend of that name',
      '/resource/aws_s3_bucket/b/__proto__: Unsupported argument "__proto__": aws_s3_bucket has no argument or block of that name',
      '/resource/aws_s3_bucket/b/toString: Unsupported argument "toString": aws_s3_bucket has no argument or block of that name',
      '/resource/__proto__: Invalid resource type "__proto__": the provider\'s local name, the part before the first "_", is empty',
    ]);
  });
});

describe("11. a byte order mark", () => {
  it("is rejected, as Terraform rejects it", async () => {
    const file = write("bom.tf.json", '\uFEFF{"locals": {}}');
    expect(await run(file)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'cdktf-schema-check: bom.tf.json:1:1: malformed JSON: the file starts with a byte order mark (U+FEFF), which is not JSON: Terraform rejects it ("Invalid start of value"); save the file as UTF-8 without one\n',
    });
  });
});

describe("13. provisioner and connection", () => {
  it("report a value that cannot be a block, as Terraform does (\"Incorrect JSON value type\")", async () => {
    const file = write("prov.tf.json", '{"resource": {"terraform_data": {"a": {"provisioner": "x", "connection": 1}}}}');
    const report = JSON.parse((await run("--format", "json", file)).stdout);
    expect(report.diagnostics.map((d: { pointer: string; message: string; detail: string }) => [d.pointer, d.message, d.detail])).toEqual([
      [
        "/resource/terraform_data/a/provisioner",
        '"provisioner" is a block labelled by the provisioner type: expected an object such as {"local-exec": {…}}, got the string "x"',
        'Terraform reports "Incorrect JSON value type": either a JSON object or JSON array of objects is required here, to specify type labels for this block.',
      ],
      [
        "/resource/terraform_data/a/connection",
        '"connection" is a block: expected an object, got the number 1',
        'Terraform reports "Incorrect JSON value type": either a JSON object or a JSON array is required, representing the contents of one or more "connection" blocks.',
      ],
    ]);
  });
});

describe("14. numbers as written", () => {
  it("describes 1e400 as written and suggests exact text, never ∞ or a rounded integer", async () => {
    const file = write(
      "numbers.tf.json",
      `{${AWS}, "resource": {"aws_sqs_queue": {"q": {"name": 12345678901234567890123, "fifo_queue": 1e400, "delay_seconds": "1e400"}}}}`,
    );
    const report = JSON.parse((await run("--format", "json", file)).stdout);
    expect(report.diagnostics.map((d: { message: string; suggestions: string[] }) => [d.message, d.suggestions])).toEqual([
      ['"name" is a string argument: Terraform converts the number 12345678901234567890123 to "12345678901234567890123"', ['"12345678901234567890123"']],
      ['Inappropriate value for "fifo_queue": a bool is required, got the number 1e400', []],
      ['"delay_seconds" is a number argument: Terraform converts the string "1e400" to 1e400', ["1e400"]],
    ]);
  });
});

describe("16. one malformed file among several", () => {
  it("is named (exit code 2 at the end) and every other file is still checked and reported", async () => {
    const broken = write("stacks/a/cdk.tf.json", '{"resource": {');
    const good = write("stacks/b/cdk.tf.json", `{${AWS}, "resource": {"aws_sqs_queue": {"q": {"nam": "q"}}}}`);
    const result = await run("stacks");
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${good}\n  aws_sqs_queue.q\n    1:135   error   Unsupported argument "nam"`);
    expect(result.stdout).toContain("1 error, 0 warnings (1 file, 1 resource).");
    expect(result.stderr).toBe(`cdktf-schema-check: ${broken}:1:15: malformed JSON: expected a property name in double quotes\n`);
  });
});

describe("17. a reader that closes the pipe early (`… | head`)", () => {
  it("ends the output quietly with the check's exit code, not Node's unhandled EPIPE crash", async () => {
    const file = write("pipe/cdk.tf.json", `{${AWS}, "resource": {"aws_sqs_queue": {"q": {"nam": "q"}}}}`);
    const result = await spawnCli(["--format", "sarif", file], { cwd: dir, closeStdout: true });
    expect([result.code, result.stderr]).toEqual([1, ""]);
  });
});

describe("17b. a reader slower than the report", () => {
  it("gets the whole report before the run ends (it ends as soon as the report is out: src/cli/exit.ts)", async () => {
    // 2,000 findings: a JSON report of about 1.5 MB, over 20 times what a pipe holds.
    const resources = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`q${i}`, { nam: "q" }]));
    const file = write("slow/cdk.tf.json", `{${AWS}, "resource": {"aws_sqs_queue": ${JSON.stringify(resources)}}}`);
    const result = await spawnCli(["--format", "json", file], { cwd: dir, readAfterMs: 300 });
    expect([result.code, result.stderr]).toEqual([1, ""]);
    expect(result.stdout.length).toBeGreaterThan(1_000_000);
    const report = JSON.parse(result.stdout) as { diagnostics: { rule: string }[] };
    expect(report.diagnostics.filter((d) => d.rule === "unknown-argument")).toHaveLength(2000);
  });
});

describe.runIf(existsSync("/dev/full"))("18. a report that cannot be written (a full disk)", () => {
  it("is one line and exit code 2, not a stack trace whose exit code 1 would read as findings", async () => {
    const file = write("full/cdk.tf.json", `{${AWS}, "resource": {"aws_sqs_queue": {"q": {"name": "q"}}}}`);
    const result = await spawnCli([file], { cwd: dir, stdoutTo: "/dev/full" });
    expect([result.code, result.stderr]).toEqual([2, "cdktf-schema-check: cannot write the report: ENOSPC: no space left on device, write\n"]);
  });

  it("keeps the run's exit code when the messages cannot be written either (stderr full), not Node's 1", async () => {
    const file = write("full-stderr/cdk.tf.json", `{${AWS}, "resource": {"aws_sqs_queue": {"q": {"name": "q"}}}}`);
    expect((await spawnCli(["--format", "nope", file], { cwd: dir, stderrTo: "/dev/full" })).code).toBe(2);
    expect((await spawnCli([file], { cwd: dir, stderrTo: "/dev/full" })).code).toBe(0);
    expect((await spawnCli([join(dir, "full-stderr", "absent.tf.json")], { cwd: dir, stderrTo: "/dev/full" })).code).toBe(2);
  });
});
