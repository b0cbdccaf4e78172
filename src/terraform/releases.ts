/**
 * Which of the Terraform releases we have data for (backend schemas, function lists) stands for
 * the release a configuration will meet. Data changes with minor releases, not patches.
 */
import { compareVersions, sortVersions } from "../schema/versions.js";

/** `1.10.5` → `1.10`. */
export function minorOf(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

/**
 * `version` itself when known, else a known release of the same minor version (the newest not
 * newer than `version`, else the oldest), else none.
 */
export function releaseFor(known: readonly string[], version: string): string | undefined {
  if (known.includes(version)) return version;
  const sameMinor = sortVersions(known).filter((r) => minorOf(r) === minorOf(version));
  return sameMinor.filter((r) => compareVersions(r, version) <= 0).at(-1) ?? sameMinor[0];
}

/**
 * `releaseFor`, else the nearest known release: the newest for a Terraform newer than the data,
 * the oldest for one older (a `terraform` on PATH older than 1.5).
 */
export function nearestRelease(known: readonly string[], version: string): string {
  const found = releaseFor(known, version);
  if (found) return found;
  const sorted = sortVersions(known);
  return compareVersions(version, sorted[0]!) < 0 ? sorted[0]! : sorted.at(-1)!;
}
