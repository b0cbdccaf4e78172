import { describe, expect, it } from "vitest";
import { JsonSource, MalformedJsonError } from "../../src/check/json-source.js";
import { ExactNumber } from "../../src/core/exact-number.js";
import { joinPointer, parsePointer } from "../../src/core/pointer.js";

const text = `{
  "resource": {
    "aws_instance": {
      "web": { "ami": "ami-1", "tags": ["a", "b"], "a/b~c": 1 }
    }
  }
}
`;

describe("JsonSource: pointers to lines and columns", () => {
  const source = JsonSource.parse("main.tf.json", text);

  it("places an object member at its key, where a person looks for a name", () => {
    expect(source.position("/resource/aws_instance/web/ami")).toEqual({ line: 4, column: 16 });
    expect(source.position("/resource/aws_instance")).toEqual({ line: 3, column: 5 });
  });

  it("places an array element at the element", () => {
    expect(source.position("/resource/aws_instance/web/tags/1")).toEqual({ line: 4, column: 46 });
  });

  it("decodes escaped pointer segments", () => {
    expect(source.position("/resource/aws_instance/web/a~1b~0c")).toEqual({ line: 4, column: 52 });
  });

  it("falls back to the deepest existing ancestor for a pointer to something absent", () => {
    expect(source.position("/resource/aws_instance/web/name")).toEqual({ line: 4, column: 7 });
    expect(source.position("")).toEqual({ line: 1, column: 1 });
  });

  it("gives the document's value", () => {
    expect(source.value()).toEqual(JSON.parse(text));
  });
});

describe("JsonSource: malformed JSON is reported with line and column", () => {
  const cases: [string, string, string][] = [
    ['{\n  "a": 1,\n}', "3:1", "expected a property name in double quotes"],
    ['{\n  // note\n  "a": 1\n}', "2:3", "comments are not allowed in JSON"],
    ['{"a": tru}', "1:7", "unexpected character"],
    ['{"a": "x', "1:7", "unterminated string"],
    ["{\"a\": 1} {}", "1:10", "unexpected content after the end of the document"],
    ["", "1:1", "expected a value"],
  ];
  for (const [input, where, reason] of cases) {
    it(`${JSON.stringify(input)} → ${where} ${reason}`, () => {
      let error: unknown;
      try {
        JsonSource.parse("bad.tf.json", input);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(MalformedJsonError);
      expect((error as Error).message).toBe(`bad.tf.json:${where}: malformed JSON: ${reason}`);
    });
  }
});

describe("JSON pointers (RFC 6901)", () => {
  it("escapes ~ and / in segments and reads them back", () => {
    const pointer = joinPointer("/resource", "a/b", "c~d", 0);
    expect(pointer).toBe("/resource/a~1b/c~0d/0");
    expect(parsePointer(pointer)).toEqual(["resource", "a/b", "c~d", "0"]);
    expect(parsePointer("")).toEqual([]);
  });
});

describe("JsonSource: a byte order mark", () => {
  it("is rejected, as Terraform rejects it (\"Invalid start of value\")", () => {
    expect(() => JsonSource.parse("bom.tf.json", '\uFEFF{"a": 1}')).toThrow(
      new MalformedJsonError(
        "bom.tf.json",
        { line: 1, column: 1 },
        'the file starts with a byte order mark (U+FEFF), which is not JSON: Terraform rejects it ("Invalid start of value"); save the file as UTF-8 without one',
      ),
    );
  });
});

describe("JsonSource: no nesting limit (Terraform has none)", () => {
  it("parses arrays 10,000 deep and objects 100,000 deep, and places a pointer at the bottom", () => {
    const arrays = JsonSource.parse("deep.tf.json", `{"locals": {"x": ${"[".repeat(10_000)}1${"]".repeat(10_000)}}}`);
    let value = (arrays.value() as { locals: { x: unknown } }).locals.x;
    for (let depth = 0; depth < 10_000; depth++) value = (value as unknown[])[0];
    expect(value).toBe(1);
    const objects = JsonSource.parse("deep.tf.json", `${'{"a":\n'.repeat(100_000)}1${"}".repeat(100_000)}`);
    expect(objects.position("/a".repeat(100_000))).toEqual({ line: 100_000, column: 2 });
  });
});

describe("JsonSource: numbers as written", () => {
  it("keeps a number a double cannot hold as an ExactNumber, every other as a number", () => {
    const source = JsonSource.parse("n.tf.json", '{"big": 1e400, "long": 12345678901234567890123, "tiny": 1e-400, "a": 1.50, "b": 1e3, "c": [0.1, 9007199254740993]}');
    expect(source.value()).toEqual({
      big: new ExactNumber("1e400"),
      long: new ExactNumber("12345678901234567890123"),
      tiny: new ExactNumber("1e-400"),
      a: 1.5,
      b: 1000,
      c: [0.1, new ExactNumber("9007199254740993")],
    });
    expect(JsonSource.parse("n.tf.json", "1e400").value()).toEqual(new ExactNumber("1e400"));
  });
});

describe("JsonSource: keys given twice", () => {
  const text = '{\n  "a": 1,\n  "b": {"x": 1e400},\n  "a": 2,\n  "b": [{"y": 1}, {"x": 3}]\n}';

  it("keeps the last value, as JSON.parse does, and knows every occurrence with its line and column", () => {
    const source = JsonSource.parse("dup.tf.json", text);
    const document = source.value() as Record<string, unknown>;
    expect(document).toEqual({ a: 2, b: [{ y: 1 }, { x: 3 }] });
    const occurrences = source.duplicatesIn(document)!;
    expect([...occurrences.keys()]).toEqual(["a", "b"]);
    expect(occurrences.get("a")!.map(({ line, column }) => `${line}:${column}`)).toEqual(["2:3", "4:3"]);
  });

  it("merges a repeated key into one array, and points into each occurrence as written", () => {
    const source = JsonSource.parse("dup.tf.json", text);
    const document = source.value() as Record<string, unknown>;
    expect(source.merge(document, "b")).toEqual([{ x: new ExactNumber("1e400") }, { y: 1 }, { x: 3 }]);
    expect(source.locate(["/b/0/x", "/b/1/y", "/b/2/x", "/b/2", "/a"])).toEqual([
      { pointer: "/b/x", position: { line: 3, column: 9 } },
      { pointer: "/b/0/y", position: { line: 5, column: 10 } },
      { pointer: "/b/1/x", position: { line: 5, column: 20 } },
      { pointer: "/b/1", position: { line: 5, column: 19 } },
      { pointer: "/a", position: { line: 4, column: 3 } },
    ]);
  });

  it("finds them in objects of any size, however a key is written (an escaped twin is the same key)", () => {
    // Past 32 keys (8 once a key has escapes) they are found through a table of hashes, which grows at 64 and 128 keys.
    const keys = Array.from({ length: 200 }, (_, i) => `"k${i}"`);
    keys.push('"k3"', '"k\\u0037\\u0030"', '"k150"', '"k3"');
    const text = `{${keys.map((k, i) => `${k}: ${i}`).join(", ")}}`;
    const source = JsonSource.parse("big.tf.json", text);
    const document = source.value() as Record<string, unknown>;
    expect(Object.keys(document)).toHaveLength(200);
    const occurrences = source.duplicatesIn(document)!;
    expect([...occurrences].map(([key, at]) => `${key} ×${at.length}`)).toEqual(["k3 ×3", "k70 ×2", "k150 ×2"]);
    expect(document.k3).toBe(203);
  });

  it("finds every repeated key in objects of every size, written plainly or escaped (against a plain count)", () => {
    // Up to 32 keys an object compares a key with the others only when one of them shares its
    // bucket; short keys of few letters share buckets and repeat often, and escapes hide them.
    let seed = 7;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    for (let round = 0; round < 400; round++) {
      const size = 1 + random(40);
      const keys = Array.from({ length: size }, () => "abc".slice(0, 1 + random(3)) + "xyz"[random(3)]);
      const written = keys.map((key) => (random(8) === 0 ? `"\\u00${key.charCodeAt(0).toString(16)}${key.slice(1)}"` : JSON.stringify(key)));
      const source = JsonSource.parse("keys.tf.json", `{${written.map((key, i) => `${key}: ${i}`).join(", ")}}`);
      const counts = new Map<string, number>();
      for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
      const repeated = [...counts].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
      const found = [...(source.duplicatesIn(source.value() as object) ?? new Map())].map(([key, at]) => `${key} ×${at.length}`);
      expect(found.sort(), written.join(", ")).toEqual(repeated.sort());
    }
  });

  it("treats __proto__ as a plain key, as JSON.parse does", () => {
    const source = JsonSource.parse("proto.tf.json", '{"__proto__": {"x": 1}, "__proto__": {"y": 1e400}}');
    const document = source.value() as Record<string, unknown>;
    source.merge(document, "__proto__");
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(document, "__proto__")?.value).toEqual([{ x: 1 }, { y: new ExactNumber("1e400") }]);
  });
});

describe("JsonSource: placing many findings", () => {
  it("places 200,000 pointers in one pass over the file", () => {
    const text = `{"list": [\n${Array.from({ length: 200_000 }, (_, i) => `  ${i}`).join(",\n")}\n]}`;
    const source = JsonSource.parse("many.tf.json", text);
    const located = source.locate(Array.from({ length: 200_000 }, (_, i) => `/list/${i}`));
    expect(located.at(-1)).toEqual({ pointer: "/list/199999", position: { line: 200_001, column: 3 } });
  });
});
