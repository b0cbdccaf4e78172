/**
 * cdktf records which top-level keys a user changed with `addOverride`, per resource type (and
 * `stack` for the document itself): `"//": {"metadata": {"overrides": {"aws_x": ["name"],
 * "stack": ["terraform"]}}}`. A finding on such a key is usually the escape hatch's fault, since
 * typed bindings never saw the value; the finding says so.
 */
import type { Diagnostic } from "../core/diagnostic.js";
import { parsePointer } from "../core/pointer.js";
import { isPlainObject } from "../validators/kind.js";

const NOTE = "This value was set with addOverride, which typed bindings do not check.";

export function annotateOverrides(diagnostics: Diagnostic[], document: unknown): Diagnostic[] {
  const overrides = overridesOf(document);
  if (overrides.size === 0) return diagnostics;
  return diagnostics.map((d) => (isOverridden(d.pointer, overrides) ? { ...d, detail: d.detail ? `${d.detail} ${NOTE}` : NOTE } : d));
}

/** Owner → overridden paths, each split on dots (cdktf lists top-level keys; a dotted path is matched exactly). */
function overridesOf(document: unknown): Map<string, string[][]> {
  const found = new Map<string, string[][]>();
  if (!isPlainObject(document) || !isPlainObject(document["//"])) return found;
  const metadata = document["//"].metadata;
  if (!isPlainObject(metadata) || !isPlainObject(metadata.overrides)) return found;
  for (const [owner, keys] of Object.entries(metadata.overrides)) {
    if (Array.isArray(keys)) found.set(owner, keys.filter((k): k is string => typeof k === "string" && k !== "").map((k) => k.split(".")));
  }
  return found;
}

/** `/resource/<type>/<name>/<key>/…` under an overridden key of `<type>`; `/<key>/…` under the stack's. */
function isOverridden(pointer: string, overrides: Map<string, string[][]>): boolean {
  // Array indices (bodies written as arrays, list elements) are not part of override paths.
  const segments = parsePointer(pointer).filter((s) => !/^\d+$/.test(s));
  const under = (path: string[], at: string[]) => path.length <= at.length && path.every((p, i) => p === at[i]);
  // A finding on `/terraform` itself is about the block, not a value set: only what lies below a top-level key.
  if (overrides.get("stack")?.some((path) => under(path, segments) && (path.length > 1 || segments.length > 1))) return true;
  if (segments[0] !== "resource" && segments[0] !== "data") return false;
  const [, type, , ...rest] = segments;
  return type !== undefined && overrides.get(type)?.some((path) => under(path, rest)) === true;
}
