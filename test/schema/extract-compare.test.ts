import { describe, expect, it } from "vitest";
import { compareBlocks, type Difference } from "../../scripts/compare-schemas.js";
import type { SchemaBlock } from "../../src/schema/format.js";

describe("compare-schemas", () => {
  it("reports missing, extra and changed attributes and blocks, by path", () => {
    const extracted: SchemaBlock = {
      attributes: {
        arn: { type: "string", computed: true },
        name: { type: "string", optional: true },
        statement: { type: "dynamic", optional: true },
      },
      block_types: { port_range: { nesting_mode: "set", min_items: 1, block: { attributes: { to_port: { type: "number", optional: true } } } } },
    };
    const real: SchemaBlock = {
      attributes: {
        arn: { type: "string", computed: true },
        name: { type: "string", required: true },
        tags: { type: ["map", "string"], optional: true },
      },
      block_types: {
        port_range: { nesting_mode: "set", min_items: 1, max_items: 10, block: { attributes: { to_port: { type: "string", optional: true } } } },
        statement: { nesting_mode: "list", block: {} },
      },
    };
    const out: Difference[] = [];
    compareBlocks("aws_x", extracted, real, out);
    expect(out).toEqual([
      { path: "aws_x.name", kind: "attribute required", a: false, b: true },
      { path: "aws_x.name", kind: "attribute optional", a: true, b: false },
      { path: "aws_x.port_range", kind: "block max_items", a: undefined, b: 10 },
      { path: "aws_x.port_range.to_port", kind: "type", a: "number", b: "string" },
      { path: "aws_x.statement", kind: "attribute in a, block in b", a: "dynamic", b: "list" },
      { path: "aws_x.tags", kind: "only in b" },
    ]);
  });
});
