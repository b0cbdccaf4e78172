/**
 * Whether a value of one cty type converts to another, as Terraform's implicit conversion (cty's
 * `convert` package) decides from the types alone, and whether it can still fail on the value:
 *
 * - `always`: every value converts (the same type, number or bool → string, a set → a list of a
 *   type its elements always convert to, an object → an object whose attributes it has…);
 * - `maybe`: some values convert and some do not, which only the value tells, at apply:
 *   string → number ("5" does, "five" does not), string → bool, a map → an object (the keys must
 *   be there);
 * - `never`: no value of the type converts (a list where a string is needed, a string where a
 *   set of strings is needed, a bool → a number, an object lacking a required attribute):
 *   Terraform fails with "Inappropriate value for attribute" as soon as the value's type is known.
 *
 * `dynamic` on either side decides nothing: `always`. Like conversion.ts for values, and
 * cross-checked with it on primitives (string → number is "maybe": the value decides).
 */
import type { CtyType } from "../schema/format.js";

export type Convertibility = "always" | "maybe" | "never";

const RANK: Record<Convertibility, number> = { always: 0, maybe: 1, never: 2 };

/** The weaker of two verdicts: a compound converts only as well as its worst part. */
function worst(a: Convertibility, b: Convertibility): Convertibility {
  return RANK[a] >= RANK[b] ? a : b;
}

export function convertibility(from: CtyType, to: CtyType): Convertibility {
  if (from === "dynamic" || to === "dynamic") return "always";
  if (typeof from === "string" || typeof to === "string") {
    if (typeof from !== "string" || typeof to !== "string") return "never";
    if (from === to || to === "string") return "always";
    return from === "string" ? "maybe" : "never";
  }
  const [fromKind, fromArg] = from;
  const [toKind, toArg] = to;
  switch (toKind) {
    case "list":
    case "set":
      if (fromKind === "list" || fromKind === "set") return convertibility(fromArg as CtyType, toArg as CtyType);
      if (fromKind === "tuple") return (fromArg as CtyType[]).reduce<Convertibility>((v, e) => worst(v, convertibility(e, toArg as CtyType)), "always");
      return "never";
    case "map":
      if (fromKind === "map") return convertibility(fromArg as CtyType, toArg as CtyType);
      if (fromKind === "object") return Object.values(fromArg as Record<string, CtyType>).reduce<Convertibility>((v, a) => worst(v, convertibility(a, toArg as CtyType)), "always");
      return "never";
    case "object": {
      const attributes = toArg as Record<string, CtyType>;
      if (fromKind === "map") {
        // Which keys the map has only its value tells; each must convert to its attribute's type.
        return Object.values(attributes).reduce<Convertibility>((v, a) => worst(v, convertibility(fromArg as CtyType, a)), "maybe");
      }
      if (fromKind !== "object") return "never";
      const source = fromArg as Record<string, CtyType>;
      const optional = new Set(to[2] ?? []);
      let verdict: Convertibility = "always";
      for (const [name, type] of Object.entries(attributes)) {
        if (!Object.hasOwn(source, name)) {
          if (optional.has(name)) continue;
          return "never";
        }
        verdict = worst(verdict, convertibility(source[name]!, type));
      }
      return verdict;
    }
    case "tuple": {
      const elements = toArg as CtyType[];
      if (fromKind !== "tuple" || (fromArg as CtyType[]).length !== elements.length) return "never";
      return elements.reduce<Convertibility>((v, e, i) => worst(v, convertibility((fromArg as CtyType[])[i]!, e)), "always");
    }
  }
}
