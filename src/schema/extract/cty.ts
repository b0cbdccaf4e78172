/**
 * Terraform types as the CDKTF generator encodes them: `storageClassType` strings in
 * `…ToHclTerraform` (settable arguments) and `get…Attribute` getters (computed-only attributes).
 */
import type { CtyType } from "../format.js";

const PRIMITIVES: Record<string, CtyType> = {
  string: "string",
  number: "number",
  boolean: "bool",
  any: "dynamic",
};

/**
 * `storageClassType` names the element type inside-out ("stringMapList" is list(map(string)));
 * the outermost collection kind comes from the entry's `type`, because the generator writes
 * "…List" for sets too.
 */
export function ctyFromStorageClass(storageClassType: string, kind: string): CtyType | undefined {
  const m = /^(string|number|boolean|any)((?:List|Map)*)$/.exec(storageClassType);
  if (!m) return undefined;
  let type = PRIMITIVES[m[1]!]!;
  const wrappers = m[2]!.match(/List|Map/g) ?? [];
  wrappers.forEach((w, i) => {
    const outermost = i === wrappers.length - 1;
    const collection = outermost && (kind === "list" || kind === "set" || kind === "map") ? kind : w === "Map" ? "map" : "list";
    type = [collection, type] as const;
  });
  return type;
}

/** The cty type a computed-only getter reads, by the `ComplexObject` accessor it calls. */
export const GETTER_TYPES: Record<string, CtyType> = {
  getStringAttribute: "string",
  getNumberAttribute: "number",
  getBooleanAttribute: "bool",
  getListAttribute: ["list", "string"],
  getNumberListAttribute: ["list", "number"],
  getBooleanListAttribute: ["list", "bool"],
  getStringMapAttribute: ["map", "string"],
  getNumberMapAttribute: ["map", "number"],
  getBooleanMapAttribute: ["map", "bool"],
  getAnyMapAttribute: ["map", "dynamic"],
  interpolationForAttribute: "dynamic",
};
