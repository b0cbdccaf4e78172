/**
 * Rule `reference-type`: a reference whose type is known (a resource attribute from the schema, a
 * typed input variable) used where a value of another type is needed. Terraform converts it
 * (cty's rules, type-conversion.ts): a conversion no value of the type survives is an error
 * ("Inappropriate value for attribute", or "Invalid template interpolation value" for a list or
 * object interpolated into text); one only some values survive (a string attribute where a
 * number is needed) is a warning, since it fails at apply for the wrong value. Not for input
 * variables: a `string` variable holding numbers is a deliberate idiom of modules (maps of
 * strings, say), and Terraform checks the value given at plan.
 *
 * terraform validate types input variables (and reports these for them) but not resources: for
 * a resource attribute, the finding says that plan is where Terraform fails.
 */
import { type CtyType } from "../schema/format.js";
import { describeType, withArticle } from "../validators/conversion.js";
import { convertibility } from "../validators/type-conversion.js";
import type { ExpressionSite } from "./expression-sites.js";
import { PLAN_TIME, PLAN_TIME_IN_TEXT, type ReferenceFinding, type Resolved } from "./references.js";

/** The whole value of an argument (or of an element or attribute in it) is the reference. */
export function wholeValueType(site: ExpressionSite, resolved: Resolved, written: string, offset: number): ReferenceFinding | undefined {
  const expected = site.expected;
  if (expected === undefined || resolved.type === undefined) return undefined;
  const verdict = convertibility(resolved.type, expected);
  if (verdict === "always" || (verdict === "maybe" && !resolved.atPlan)) return undefined;
  const what = `${written} is ${withArticle(describeType(resolved.type))}`;
  const required = `${describeType(expected)} required`;
  const name = site.argument !== undefined ? `attribute "${site.argument}"` : "this value";
  if (verdict === "never") {
    return {
      severity: "error",
      rule: "reference-type",
      message: `Inappropriate value for ${name}: ${required}, but ${what}`,
      detail: `Terraform cannot convert ${withArticle(describeType(resolved.type))} to ${withArticle(describeType(expected))}.${resolved.atPlan ? ` ${PLAN_TIME}` : ""}`,
      suggestions: [],
      offset,
    };
  }
  return {
    severity: "warning",
    rule: "reference-type",
    message: `${what}, converted to ${withArticle(describeType(expected))} for ${name} only if its value allows`,
    detail: `Terraform converts ${withArticle(describeType(resolved.type))} to ${withArticle(describeType(expected))} value by value (a string to a number only when it holds a decimal number, to a bool only when it is "true", "false", "1" or "0"); a value that does not convert fails at apply. Convert it explicitly (tonumber(), tobool()) or use a reference of the right type.`,
    suggestions: [],
    offset,
  };
}

/** A reference interpolated into text: its value becomes part of a string. */
export function interpolatedType(resolved: Resolved, written: string, offset: number): ReferenceFinding | undefined {
  const type: CtyType | undefined = resolved.type;
  if (type === undefined || convertibility(type, "string") !== "never") return undefined;
  return {
    severity: "error",
    rule: "reference-type",
    message: `Invalid template interpolation value: ${written} is ${withArticle(describeType(type))}`,
    detail: `Cannot include the given value in a string template: string required. Only a string, number or bool can be part of a string; for ${withArticle(describeType(type))}, use jsonencode() or join(). ${PLAN_TIME_IN_TEXT}`,
    suggestions: [],
    offset,
  };
}
