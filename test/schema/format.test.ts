import { describe, expect, it } from "vitest";
import { providersSchemaDocumentSchema } from "../../src/schema/format.js";
import { parseSchemaJson } from "../../src/schema/read.js";

const parse = (text: string) => parseSchemaJson(providersSchemaDocumentSchema, text, "schema.json");

describe("the `terraform providers schema -json` format", () => {
  it("accepts a real-shaped document", () => {
    const doc = parse(
      JSON.stringify({
        format_version: "1.0",
        provider_schemas: {
          "registry.terraform.io/hashicorp/aws": {
            provider: { version: 0, block: { attributes: { region: { type: "string", optional: true } }, description_kind: "plain" } },
            resource_schemas: {
              aws_backup_plan: {
                version: 0,
                block: {
                  attributes: { name: { type: "string", required: true }, tags: { type: ["map", "string"], optional: true } },
                  block_types: { rule: { nesting_mode: "set", min_items: 1, block: { attributes: { rule_name: { type: "string", required: true } } } } },
                },
              },
            },
          },
        },
      }),
    );
    expect(Object.keys(doc.provider_schemas!)).toEqual(["registry.terraform.io/hashicorp/aws"]);
  });

  it.each([
    ["an empty file", "", "schema.json: the file is empty"],
    ["a truncated file", '{"format_version":"1.0","provider_schemas":{', /^schema\.json: not valid JSON \(.*\); is it truncated\?$/],
    ["a wrong format version", '{"format_version":"2.0"}', "schema.json: not a valid schema: format_version: expected a 1.x format_version"],
    [
      "an unknown nesting mode",
      '{"format_version":"1.0","provider_schemas":{"p":{"resource_schemas":{"x":{"block":{"block_types":{"b":{"nesting_mode":"bag","block":{}}}}}}}}}',
      /^schema\.json: not a valid schema: provider_schemas\.p\.resource_schemas\.x\.block\.block_types\.b\.nesting_mode: Invalid option/,
    ],
    [
      "a bad cty type",
      '{"format_version":"1.0","provider_schemas":{"p":{"resource_schemas":{"x":{"block":{"attributes":{"a":{"type":"text","optional":true}}}}}}}}',
      /^schema\.json: not a valid schema: provider_schemas\.p\.resource_schemas\.x\.block\.attributes\.a\.type: /,
    ],
    [
      "an attribute that is neither required, optional nor computed",
      '{"format_version":"1.0","provider_schemas":{"p":{"resource_schemas":{"x":{"block":{"attributes":{"a":{"type":"string"}}}}}}}}',
      "schema.json: not a valid schema: provider_schemas.p.resource_schemas.x.block.attributes.a: an attribute must be required, optional or computed",
    ],
  ])("rejects %s with a message naming the file", (_what, text, message) => {
    expect(() => parse(text)).toThrow(message);
  });
});
