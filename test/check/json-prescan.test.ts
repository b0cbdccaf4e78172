/**
 * The WebAssembly pre-scan (src/check/json-prescan.as.ts): it may call a text clean only when the
 * JavaScript scan would find nothing in it (no repeated key, no `__proto__` key, no number a
 * double may not hold), and then it must count as that scan counts.
 */
import { describe, expect, it } from "vitest";
import { prescanJson } from "../../src/check/json-prescan.js";
import { JsonSource } from "../../src/check/json-source.js";
import { compilePrescan, prescanModuleText, shippedPrescanModuleText } from "../../scripts/prescan/compile.js";

/** Containers, and values but the root, of a parsed document without repeated keys (iteratively: some are deep). */
function counts(value: unknown): { containers: number; values: number } {
  const result = { containers: 0, values: 0 };
  const pending = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v !== "object" || v === null) continue;
    result.containers++;
    const children = Array.isArray(v) ? v : Object.values(v);
    result.values += children.length;
    pending.push(...children);
  }
  return result;
}

describe("json-prescan: the shipped WebAssembly", () => {
  it("is what json-prescan.as.ts compiles to (run `npm run build:prescan` after changing it)", async () => {
    expect(shippedPrescanModuleText()).toBe(prescanModuleText(await compilePrescan()));
  }, 60_000);
});

describe("json-prescan: clean texts, counted as the scan counts", () => {
  const clean: [string, string][] = [
    ["an empty object", "{}"],
    ["an empty array", "[]"],
    ["a string", '"just a string"'],
    ["a number of 15 characters", "123456789012345"],
    ["whitespace of every kind", "  \n\t{ } \r\n"],
    ["every kind of value", '{"a": 1, "b": [true, false, null, -0.5, "x"], "c": {"d": {}}}'],
    ["strings with escapes, structure and UTF-8", '{"s": "a \\" quote, a \\\\ backslash, \\u00e9 and é", "t": "{[,:]}"}'],
    ["the same keys in different objects", '{"a": {"x": 1}, "b": {"x": 1}, "c": [{"x": 1}, {"x": 2}]}'],
    ["keys like __proto__", '{"__proto": 1, "__proto__x": 2, "_proto__": 3}'],
    ["an object of 500 keys", `{${Array.from({ length: 500 }, (_, i) => `"key${i}": [${i}, {"key${i}": ${i}}]`).join(",")}}`],
    ["arrays 5,000 deep", `${"[".repeat(5000)}${"]".repeat(5000)}`],
  ];
  it.each(clean)("%s", (_, text) => {
    expect(prescanJson(text)).toEqual(counts(JSON.parse(text)));
  });

  it("counts a cdktf stack as the scan does", () => {
    const text = JSON.stringify(
      {
        "//": { metadata: { version: "0.20.0", stackName: "s" } },
        resource: { aws_instance: { web: { ami: "ami-1", tags: { Name: "web" }, ebs_block_device: [{ device_name: "/dev/sdb" }] } } },
      },
      null,
      2,
    );
    expect(prescanJson(text)).toEqual({ containers: 9, values: 13 });
  });
});

describe("json-prescan: what it leaves to the scan", () => {
  const unsure: [string, string][] = [
    ["a key twice", '{"a": 1, "b": 2, "a": 3}'],
    ["a key twice in a nested object", '{"x": {"a": 1, "a": 2}}'],
    ["a key twice in an object of 100 keys (a hash table)", `{${Array.from({ length: 100 }, (_, i) => `"k${i}": 0`).join(",")}, "k7": 1}`],
    ["a key twice in an object whose keys are interrupted by nested objects", `{${Array.from({ length: 60 }, (_, i) => `"k${i}": {"k${i}": {"k0": 0}}`).join(",")}, "k59": 1}`],
    ["__proto__", '{"__proto__": {}}'],
    ["an escaped key (it may spell another)", '{"\\u0061": 1, "a": 2}'],
    ["a key beyond ASCII", '{"é": 1}'],
    ["a number with an exponent", '{"n": 1e3}'],
    ["a number of 16 characters", '{"n": 1234567890123456}'],
    ["a root number of 16 characters", "0.12345678901234"],
    ["nesting deeper than 100,000", `${"[".repeat(100_001)}${"]".repeat(100_001)}`],
    ["text that is not JSON", '{"a": 1,}'],
    ["a misspelt literal", '[tru, 1]'],
    ["a literal cut short", '[fals'],
    ["a literal run on", '[nulll]'],
    ["an unterminated string", '{"a": "b'],
    ["unclosed containers", '{"a": [1, 2'],
    ["content after the document", "{} {}"],
    ["an empty text", ""],
    ["a byte order mark", '\ufeff{"a": 1}'],
    ["a text of more than 16 Mi characters (its copy would add to the peak memory)", `[${" ".repeat(16 * 1024 * 1024)}]`],
  ];
  it.each(unsure)("%s", (_, text) => {
    expect(prescanJson(text)).toBeUndefined();
  });

  it("still has JsonSource find a key repeated in a 100-key object", () => {
    const source = JsonSource.parse("big.tf.json", `{${Array.from({ length: 100 }, (_, i) => `"k${i}": 0`).join(",")}, "k7": 1}`);
    expect([...source.duplicatesIn(source.value() as object)!.keys()]).toEqual(["k7"]);
  });
});

describe("json-prescan: random documents", () => {
  it("calls clean exactly the documents without a repeated key, __proto__, an escaped key or a long number", () => {
    // Keys from a small alphabet repeat often, in objects of up to 80 keys (past the linear
    // comparison into the hash table and its growth), nested in arrays and objects.
    let seed = 11;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const whitespace = () => [" ", "", "\n  ", "\t", "\r\n"][random(5)]!;
    let hazards: string[] = [];
    const value = (depth: number): string => {
      const kind = random(depth > 4 ? 3 : 6);
      if (kind === 0) {
        const digits = 1 + random(18);
        const number = `${random(2) ? "-" : ""}${"123456789".slice(0, Math.min(digits, 9))}${"0".repeat(Math.max(0, digits - 9))}${random(6) === 0 ? "e2" : ""}`;
        if (number.length > 15 || number.includes("e")) hazards.push(`number ${number}`);
        return number;
      }
      if (kind === 1) return JSON.stringify(["text", 'a "quoted" \\ text', "é", "{,}"][random(4)]);
      if (kind === 2) return ["true", "false", "null"][random(3)]!;
      if (kind === 3) return `[${whitespace()}${Array.from({ length: random(4) }, () => value(depth + 1)).join(`,${whitespace()}`)}]`;
      const size = random(8) === 0 ? 33 + random(48) : random(6);
      const names = Array.from({ length: size }, () => (random(50) === 0 ? "__proto__" : `${"abcdefgh"[random(8)]}${"xyz"[random(3)]}${size > 20 ? random(60) : ""}`));
      const seen = new Set<string>();
      const members = names.map((name) => {
        if (seen.has(name)) hazards.push(`repeated ${name}`);
        if (name === "__proto__") hazards.push("__proto__");
        seen.add(name);
        const escaped = random(40) === 0;
        if (escaped) hazards.push(`escaped ${name}`);
        const key = escaped ? `"\\u00${name.charCodeAt(0).toString(16)}${name.slice(1)}"` : JSON.stringify(name);
        return `${key}${whitespace()}:${whitespace()}${value(depth + 1)}`;
      });
      return `{${whitespace()}${members.join(`,${whitespace()}`)}${whitespace()}}`;
    };
    let clean = 0;
    for (let round = 0; round < 3000; round++) {
      hazards = [];
      const text = value(0);
      const result = prescanJson(text);
      if (hazards.length > 0) {
        expect(result, `${hazards.join(", ")} in ${text}`).toBeUndefined();
      } else {
        expect(result, text).toEqual(counts(JSON.parse(text)));
        clean++;
      }
    }
    // Enough of both kinds for the test to mean something.
    expect(clean).toBeGreaterThan(500);
    expect(clean).toBeLessThan(2900);
  });

  it("finds a key repeated anywhere in objects of 33 to 120 keys (hash tables, grown, interrupted by nested ones)", () => {
    let seed = 5;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    let clean = 0;
    for (let round = 0; round < 300; round++) {
      let repeated = false;
      const object = (depth: number): string => {
        const names = Array.from({ length: 33 + random(88) }, () => `key${random(20000)}`);
        if (new Set(names).size < names.length) repeated = true;
        return `{${names.map((name) => `"${name}": ${depth < 2 && random(20) === 0 ? object(depth + 1) : random(100)}`).join(", ")}}`;
      };
      const text = object(0);
      const result = prescanJson(text);
      if (repeated) expect(result, text).toBeUndefined();
      else {
        expect(result, text).toEqual(counts(JSON.parse(text)));
        clean++;
      }
    }
    expect(clean).toBeGreaterThan(50);
    expect(clean).toBeLessThan(250);
  });
});
