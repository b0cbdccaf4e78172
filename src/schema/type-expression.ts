/** cty types written the way Terraform writes type constraints: `list(string)`, `object({a=number})`. */
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
