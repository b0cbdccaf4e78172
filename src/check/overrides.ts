/**
 * cdktf records which top-level keys a user changed with `addOverride`, per resource type (and
 * `stack` for the document itself): `"//": {"metadata": {"overrides": {"aws_x": ["name"],
 * "stack": ["terraform"]}}}`. A finding on such a key is usually the escape hatch's fault, since
 * typed bindings never saw the value; the finding says so.
 */
import type { Diagnostic } from "./diagnostic.js";
import { parsePointer } from "./pointer.js";
import { isPlainObject } from "../validators/kind.js";

const NOTE = "This value was set with addOverride, which typed bindings do not check.";

export function annotateOverrides(diagnostics: Diagnostic[], document: unknown): Diagnostic[] {
  const overrides = overridesOf(document);
  if (overrides.size === 0) return diagnostics;
  return diagnostics.map((d) => (isOverridden(d.pointer, overrides) ? { ...d, detail: d.detail ? `${d.detail} ${NOTE}` : NOTE } : d));
}

function overridesOf(document: unknown): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  if (!isPlainObject(document) || !isPlainObject(document["//"])) return found;
  const metadata = document["//"].metadata;
  if (!isPlainObject(metadata) || !isPlainObject(metadata.overrides)) return found;
  for (const [owner, keys] of Object.entries(metadata.overrides)) {
    if (Array.isArray(keys)) found.set(owner, new Set(keys.filter((k): k is string => typeof k === "string").map((k) => k.split(".")[0]!)));
  }
  return found;
}

/** `/resource/<type>/<name>/<key>/…` under an overridden key of `<type>`; `/<key>/…` under the stack's. */
function isOverridden(pointer: string, overrides: Map<string, Set<string>>): boolean {
  const segments = parsePointer(pointer);
  // Below the overridden key: a finding on `/terraform` itself is about the block, not a value set.
  if (segments.length > 1 && overrides.get("stack")?.has(segments[0]!)) return true;
  if (segments[0] !== "resource" && segments[0] !== "data") return false;
  const [, type, , ...rest] = segments;
  // A resource body may be an array of bodies: skip its index.
  const key = /^\d+$/.test(rest[0] ?? "") ? rest[1] : rest[0];
  return type !== undefined && key !== undefined && overrides.get(type)?.has(key) === true;
}
