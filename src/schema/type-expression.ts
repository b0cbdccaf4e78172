/** cty types written the way Terraform writes type constraints, `list(string)`, `object({a=number})`, and read back. */
import { type Expression, parseExpressionText } from "../hcl/index.js";
import type { CtyType, NestedType } from "./format.js";

export function typeExpression(type: CtyType): string {
  if (typeof type === "string") return type;
  switch (type[0]) {
    case "list":
    case "set":
    case "map":
      return `${type[0]}(${typeExpression(type[1] as CtyType)})`;
    case "object": {
      const optional = new Set(type[2] ?? []);
      const fields = Object.entries(type[1]).map(([name, t]) =>
        optional.has(name) ? `${name}=optional(${typeExpression(t)})` : `${name}=${typeExpression(t)}`,
      );
      return `object({${fields.join(", ")}})`;
    }
    case "tuple":
      return `tuple([${type[1].map(typeExpression).join(", ")}])`;
  }
}

/** Protocol-6 nested attributes have no cty type of their own; name their nesting instead. */
export function nestedTypeExpression(nested: NestedType): string {
  return nested.nesting_mode === "single" || nested.nesting_mode === "group" ? "object" : `${nested.nesting_mode}(object)`;
}

/**
 * A variable's `type` as Terraform reads it (typeexpr): a keyword (`string`, `number`, `bool`,
 * `any`) or a constructor call (`list(string)`, `map(object({a = string, b = optional(number, 1)}))`,
 * `tuple([string, number])`). `any`, anywhere in it, is `dynamic`. Undefined when the text is no
 * type constraint (Terraform reports that itself: "Invalid type specification"), so that nothing is
 * assumed about such a variable.
 */
export function parseTypeConstraint(text: string): CtyType | undefined {
  const parsed = parseExpressionText(text);
  return parsed.diagnostics.length > 0 || parsed.unsupported ? undefined : typeOf(parsed.expression);
}

const COLLECTIONS = new Set(["list", "set", "map"]);

function typeOf(expression: Expression): CtyType | undefined {
  if (expression.kind === "traversal" && expression.steps.length === 0) {
    const name = expression.root.name;
    if (name === "string" || name === "number" || name === "bool") return name;
    return name === "any" ? "dynamic" : undefined;
  }
  if (expression.kind !== "call" || expression.expandFinal) return undefined;
  const [argument, ...rest] = expression.args;
  if (!argument || rest.length > 0) return undefined;
  if (COLLECTIONS.has(expression.name)) {
    const element = typeOf(argument);
    return element === undefined ? undefined : [expression.name as "list" | "set" | "map", element];
  }
  if (expression.name === "tuple") {
    if (argument.kind !== "tuple") return undefined;
    const elements = argument.elements.map(typeOf);
    return elements.every((e): e is CtyType => e !== undefined) ? ["tuple", elements] : undefined;
  }
  if (expression.name === "object") {
    if (argument.kind !== "object") return undefined;
    const attributes: Record<string, CtyType> = {};
    const optional: string[] = [];
    for (const item of argument.items) {
      const name = item.keyIsName && item.key.kind === "traversal" ? item.key.root.name : item.key.kind === "literal" && typeof item.key.value === "string" ? item.key.value : undefined;
      if (name === undefined) return undefined;
      const value = item.value;
      // optional(type) or optional(type, default)
      const inner = value.kind === "call" && value.name === "optional" && value.args.length >= 1 && value.args.length <= 2 ? value.args[0]! : undefined;
      const type = typeOf(inner ?? value);
      if (type === undefined) return undefined;
      attributes[name] = type;
      if (inner) optional.push(name);
    }
    return optional.length > 0 ? ["object", attributes, optional] : ["object", attributes];
  }
  return undefined;
}
