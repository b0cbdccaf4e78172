import { describe, expect, it } from "vitest";
import { isTemplateExpression } from "../../src/hcl/interpolation.js";

// Each case was evaluated as a local value by `terraform console` (Terraform 1.11.4).
describe("which strings are expressions in Terraform JSON", () => {
  it.each([
    ["${var.x}", true],
    ["a-${1 + 1}", true],
    ["%{ if var.x }y%{ endif }", true],
    ["arn:aws:s3:::bucket/*", false],
    ["$${x}", false], // the literal ${x}
    ["%%{if true}", false], // the literal %{if true}
    ["$$${1}", false], // "$" then the escape: the literal $${1}
    ["$x{", false],
    ["100%", false],
    ["a\rb${1}", false], // a lone carriage return ends HCL's reading of the template
    ["${1}\r${", true],
  ])("%j → %s", (text, expected) => {
    expect(isTemplateExpression(text)).toBe(expected);
  });

  it("only strings can be expressions", () => {
    expect(isTemplateExpression(1)).toBe(false);
    expect(isTemplateExpression(["${x}"])).toBe(false);
  });
});
