/**
 * The CLI on random input: arbitrary JSON documents, arbitrary bytes, and Terraform-shaped
 * documents with arbitrary keys at every level (names objects inherit, comments, repeated keys,
 * a byte order mark, deep nesting, numbers beyond a double), in every output format. Every run
 * ends with exit code 0, 1 or 2, never with "internal error" (a bug of ours); exit code 2 always
 * comes with a reason. The CLI runs in-process (run.ts), seeded, so a failure reproduces.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { JsonScanner, JsonSyntaxError } from "../../src/check/json-scan.js";
import { runCli } from "./run.js";

const SEED = 20261125;
const dir = mkdtempSync(join(tmpdir(), "cli-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI on one file's bytes; returns what the properties check. */
async function check(bytes: string | Uint8Array, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(dir, "case.tf.json");
  writeFileSync(file, bytes);
  try {
    return await runCli([...args, file], { cwd: dir });
  } catch (err) {
    // What the real entry point would print as "internal error".
    return { code: -1, stdout: "", stderr: `internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` };
  }
}

function expectWellBehaved(result: { code: number; stdout: string; stderr: string }): void {
  expect(result.stderr).not.toContain("internal error");
  expect([0, 1, 2]).toContain(result.code);
  if (result.code === 2) expect(result.stderr).toMatch(/^cdktf-schema-check: .+/);
}

/** Keys: the names that mean something to Terraform or to JavaScript, and anything at all. */
const anyKey = fc.oneof(
  fc.constantFrom("//", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "", "0", "a/b~c", "dynamic", "for_each", "content", "lifecycle", "count"),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);
const scalar = fc.oneof(
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 10 }),
  fc.constantFrom("${var.v}", "${", "true", "1", "1e3", "6.25.0", ">= 1.10", "~>> 6", "1e400"),
  fc.constant(null),
).map((v) => JSON.stringify(v));
const oddNumber = fc.constantFrom("1e400", "-1e-400", "12345678901234567890123", "0.1000000000000000000001", "-0", "1E+2");

/** A JSON object text from entries, so that keys may repeat. */
const object = (entries: fc.Arbitrary<[string, string][]>) => entries.map((e) => `{${e.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`);
const array = (items: fc.Arbitrary<string[]>) => items.map((i) => `[${i.join(",")}]`);
/** One value or an array of them, as Terraform JSON allows for blocks and labels. */
const oneOrMore = (value: fc.Arbitrary<string>) => fc.oneof(value, array(fc.array(value, { maxLength: 3 })));

/** Any JSON value, with repeated keys, arbitrary keys and odd numbers anywhere. */
const value: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    oddNumber,
    array(fc.array(tie("value"), { maxLength: 4 })),
    object(fc.array(fc.tuple(anyKey, tie("value")), { maxLength: 4 })),
  ),
})).value;

/** A body: real argument and block names of the types below, meta-arguments, anything else. */
const bodyKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("bucket", "tags", "force_destroy", "name", "fifo_queue", "delay_seconds", "ami", "instance_type", "vpc_security_group_ids", "ebs_block_device", "root_block_device", "device_name", "volume_size", "input", "provisioner", "connection", "depends_on", "provider", "region", "alias") },
  { weight: 1, arbitrary: anyKey },
);
const body: fc.Arbitrary<string> = fc.letrec<{ body: string }>((tie) => ({
  body: object(fc.array(fc.tuple(bodyKey, fc.oneof({ depthSize: "small" }, value, oneOrMore(tie("body")))), { maxLength: 6 })),
})).body;
const labels = (label: fc.Arbitrary<string>, inner: fc.Arbitrary<string>) => oneOrMore(object(fc.array(fc.tuple(label, inner), { maxLength: 3 })));
const type = fc.oneof(fc.constantFrom("aws_s3_bucket", "aws_instance", "aws_sqs_queue", "terraform_data", "aws_nope", "google_x"), anyKey);
const backendBody = object(fc.array(fc.tuple(fc.constantFrom("bucket", "key", "region", "use_lockfile", "path", "endpoint", "assume_role"), value), { maxLength: 4 }));
const requirement = fc.oneof(value, object(fc.array(fc.tuple(fc.constantFrom("source", "version"), fc.oneof(scalar, fc.constantFrom('"hashicorp/aws"', '"6.25.0"', '"~> 5.0"'))), { maxLength: 2 })));
const requiredProviders = object(fc.array(fc.tuple(fc.oneof(fc.constant("aws"), anyKey), requirement), { maxLength: 2 }));
const terraformBody = object(
  fc.array(
    fc.oneof(
      fc.tuple(fc.constant("required_providers"), requiredProviders),
      fc.tuple(fc.constant("backend"), labels(fc.oneof(fc.constantFrom("s3", "local", "constructor"), anyKey), backendBody)),
      fc.tuple(fc.constantFrom("required_version", "cloud", "experiments"), value),
    ),
    { maxLength: 3 },
  ),
);
/** Terraform-shaped documents: sections, labels and bodies, with arbitrary keys and values at every level. */
const text = object(
  fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom("resource", "data"), labels(type, labels(anyKey, oneOrMore(body)))),
      fc.tuple(fc.constant("provider"), labels(fc.oneof(fc.constant("aws"), anyKey), oneOrMore(body))),
      fc.tuple(fc.constant("terraform"), oneOrMore(terraformBody)),
      fc.tuple(anyKey, value),
    ),
    { maxLength: 5 },
  ),
);

const formats = fc.constantFrom<string[]>([], ["--format", "json"], ["--format", "sarif"], ["--format", "github"], ["--strict"], ["--terraform-version", "1.9.0"]);

describe("the CLI on random input", () => {
  it("Terraform-shaped documents with arbitrary keys at every level, repeated keys and odd numbers", async () => {
    await fc.assert(
      fc.asyncProperty(text, formats, async (document, args) => expectWellBehaved(await check(document, args))),
      { seed: SEED, numRuns: 600 },
    );
  });

  it("arbitrary JSON documents, also nested deep, behind a byte order mark or wrapped in an array", async () => {
    const deep = fc.nat({ max: 20_000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`);
    const document = fc.oneof(fc.json(), deep, fc.json().map((j) => `\uFEFF${j}`), fc.array(text, { maxLength: 3 }).map((d) => `[${d.join(",")}]`));
    await fc.assert(
      fc.asyncProperty(document, formats, async (json, args) => expectWellBehaved(await check(json, args))),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("arbitrary bytes, and truncated or corrupted documents", async () => {
    const corrupted = fc.tuple(text, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 3 })).map(([t, at, junk]) => {
      const bytes = Buffer.from(t);
      return Buffer.concat([bytes.subarray(0, at % (bytes.length + 1)), Buffer.from(junk)]);
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 200 }), corrupted), async (bytes) => expectWellBehaved(await check(bytes))),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe("the scanner and JSON.parse", () => {
  const valid = (t: string) => {
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  };
  const scans = (t: string) => {
    try {
      new JsonScanner(t, { validate: true }).run({ open() {}, close() {}, key() {}, element() {}, valueEnd() {}, number() {} });
      return true;
    } catch (err) {
      if (err instanceof JsonSyntaxError) return false;
      throw err;
    }
  };

  it("accept exactly the same texts (the scanner explains what JSON.parse rejects)", () => {
    const mangled = fc.tuple(text, fc.nat(), fc.string({ maxLength: 3 })).map(([t, at, s]) => t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1)));
    fc.assert(
      fc.property(fc.oneof(text, fc.json(), fc.string({ maxLength: 30 }), mangled), (t) => {
        expect(scans(t)).toBe(valid(t));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
