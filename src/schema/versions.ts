/**
 * Terraform version constraints, as `required_providers` and `required_version` write them:
 * `=`, `!=`, `>`, `>=`, `<`, `<=`, `~>`, comma-separated lists, and bare versions (cdktf pins
 * providers as `"6.25.0"`). Versions may be partial (`6.0`, `6`) and may carry a `v` prefix.
 * Pre-releases only match a constraint that names that exact pre-release, as in Terraform.
 *
 * `~>` follows Terraform's provider semantics: it allows the rightmost given part to grow —
 * `~> 6.25.0` means `>= 6.25.0, < 6.26.0`, `~> 6.0` and `~> 6` mean `>= 6.0.0, < 7.0.0`.
 */
// Only the parts used: semver's index loads every range function too (about 3 ms of each start).
import SemVer from "semver/classes/semver.js";
import compare from "semver/functions/compare.js";
import lt from "semver/functions/lt.js";
import semverMajor from "semver/functions/major.js";
import semverMinor from "semver/functions/minor.js";
import prerelease from "semver/functions/prerelease.js";

export class VersionConstraintError extends Error {}

type Operator = "=" | "!=" | ">" | ">=" | "<" | "<=" | "~>";

interface Part {
  operator: Operator;
  /** Full semver form of the version written. */
  version: string;
  /** How many of major.minor.patch were written (for `~>`). */
  given: number;
  prerelease: boolean;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const PART = /^(=|!=|>=|<=|>|<|~>)?\s*(\S+)$/;

/** `6.25` → `6.25.0`; undefined when it is not a version. */
export function normalizeVersion(text: string): string | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}${m[4] ?? ""}`;
}

export function parseConstraint(constraint: string): Part[] {
  const pieces = constraint.split(",").map((p) => p.trim());
  if (pieces.some((p) => p === "")) {
    throw new VersionConstraintError(`"${constraint}" is not a valid version constraint: empty part`);
  }
  return pieces.map((piece) => {
    const m = PART.exec(piece);
    const written = m?.[2] ?? "";
    const version = normalizeVersion(written);
    if (!m || version === undefined) {
      throw new VersionConstraintError(
        `"${constraint}" is not a valid version constraint: "${piece}" should be an operator (=, !=, >, >=, <, <=, ~>) followed by a version like 6.25.0`,
      );
    }
    const given = written.replace(/^v/, "").split(/[-+]/)[0]!.split(".").length;
    return { operator: (m[1] ?? "=") as Operator, version, given, prerelease: prerelease(version) !== null };
  });
}

function satisfiesPart(version: string, part: Part): boolean {
  const cmp = compare(version, part.version);
  switch (part.operator) {
    case "=":
      return cmp === 0;
    case "!=":
      return cmp !== 0;
    case ">":
      return cmp > 0;
    case ">=":
      return cmp >= 0;
    case "<":
      return cmp < 0;
    case "<=":
      return cmp <= 0;
    case "~>": {
      if (cmp < 0) return false;
      const [major, minor] = [semverMajor(part.version), semverMinor(part.version)];
      const upper = part.given >= 3 ? `${major}.${minor + 1}.0` : `${major + 1}.0.0`;
      return lt(version, upper);
    }
  }
}

/** Whether `version` satisfies every part of `constraint`. */
export function satisfies(version: string, constraint: string): boolean {
  const normalized = normalizeVersion(version);
  if (normalized === undefined) return false;
  const parts = parseConstraint(constraint);
  if (prerelease(normalized) !== null) {
    // A pre-release is only selected when some part names it exactly.
    const named = parts.some((p) => p.prerelease && compare(p.version, normalized) === 0 && p.operator === "=");
    if (!named) return false;
  }
  return parts.every((part) => satisfiesPart(normalized, part));
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b` (both versions). */
export function compareVersions(a: string, b: string): number {
  return compare(normalizeVersion(a)!, normalizeVersion(b)!);
}

/** Versions parsed, by their text: a check sorts a history's 200 versions several times. */
const parsedVersions = new Map<string, SemVer | null>();

function parsedVersion(version: string): SemVer | null {
  let parsed = parsedVersions.get(version);
  if (parsed === undefined) {
    const normalized = normalizeVersion(version);
    parsed = normalized === undefined ? null : new SemVer(normalized);
    parsedVersions.set(version, parsed);
  }
  return parsed;
}

/** Ascending semver order; entries that are not versions are dropped. */
export function sortVersions(versions: Iterable<string>): string[] {
  const parsed: [string, SemVer][] = [];
  for (const version of versions) {
    const semverOf = parsedVersion(version);
    if (semverOf) parsed.push([version, semverOf]);
  }
  return parsed.sort(([, a], [, b]) => a.compare(b)).map(([version]) => version);
}

/** The newest of `versions` satisfying `constraint` (any version when there is none). */
export function newestSatisfying(versions: Iterable<string>, constraint?: string): string | undefined {
  const sorted = sortVersions(versions).reverse();
  if (constraint === undefined || constraint.trim() === "") {
    return sorted.find((v) => prerelease(normalizeVersion(v)!) === null) ?? sorted[0];
  }
  parseConstraint(constraint); // malformed constraints are an error even when nothing is shipped
  return sorted.find((v) => satisfies(v, constraint));
}

/**
 * The version a constraint aims at: its highest lower bound (`6.23.0` for a pin, `5.31.0` for
 * `~> 5.31.0`), else its lowest upper bound; undefined when it names none.
 */
function targetOf(constraint: string): { version: string; bound: "lower" | "upper" } | undefined {
  const parts = parseConstraint(constraint);
  const lower = parts.filter((p) => ["=", ">=", ">", "~>"].includes(p.operator)).map((p) => p.version).sort(compare).pop();
  if (lower) return { version: lower, bound: "lower" };
  const upper = parts.filter((p) => p.operator === "<" || p.operator === "<=").map((p) => p.version).sort(compare)[0];
  return upper ? { version: upper, bound: "upper" } : undefined;
}

export interface NearestVersion {
  version: string;
  /** The version the constraint aims at, which is not available. */
  wanted: string;
  /** Whether the version found is newer than the one wanted. */
  newer: boolean;
}

/**
 * When nothing satisfies a constraint: the nearest newer version of the same major as the one it
 * aims at, else the nearest older one of that major; undefined when that major has none.
 */
export function nearestVersion(versions: Iterable<string>, constraint: string): NearestVersion | undefined {
  const target = targetOf(constraint);
  if (!target) return undefined;
  const major = semverMajor(target.version);
  const sameMajor = sortVersions(versions).filter((v) => semverMajor(normalizeVersion(v)!) === major && prerelease(normalizeVersion(v)!) === null);
  const newer = target.bound === "lower" ? sameMajor.find((v) => compareVersions(v, target.version) > 0) : undefined;
  if (newer) return { version: newer, wanted: target.version, newer: true };
  const older = sameMajor.filter((v) => compareVersions(v, target.version) < 0).pop();
  return older ? { version: older, wanted: target.version, newer: false } : undefined;
}

/** Versions as compact ranges per major: `4.11.0 … 4.67.0 (54), 5.5.0 … 5.100.0 (111)`. */
export function describeVersions(versions: Iterable<string>): string {
  const byMajor = new Map<number, string[]>();
  for (const v of sortVersions(versions)) {
    const major = semverMajor(normalizeVersion(v)!);
    byMajor.set(major, [...(byMajor.get(major) ?? []), v]);
  }
  return [...byMajor.values()].map((vs) => (vs.length === 1 ? vs[0]! : `${vs[0]} … ${vs[vs.length - 1]} (${vs.length})`)).join(", ");
}
