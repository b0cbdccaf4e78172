import { describe, expect, it } from "vitest";
import { JsonSource, MalformedJsonError } from "../../src/check/json-source.js";
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
  it("is accepted, as editors write it", () => {
    const source = JsonSource.parse("bom.tf.json", '\uFEFF{"a": 1}');
    expect(source.value()).toEqual({ a: 1 });
    expect(source.position("/a")).toEqual({ line: 1, column: 3 });
  });
});
