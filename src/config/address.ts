/**
 * What a suppression's `address` selects:
 *
 * - a Terraform address, `*` matching any run of characters: `aws_s3_bucket.logs`,
 *   `aws_s3_bucket.*`, `data.aws_iam_policy_document.*`, `provider.aws`;
 * - a file pointer, `FILE#/JSON/POINTER`: findings at that place or below it in files matching
 *   FILE (relative to the configuration file; `*` within a path segment, `**` across segments;
 *   empty for any file), e.g. `cdktf.out/stacks/prod/cdk.tf.json#/terraform/backend/s3`, or
 *   `#/terraform/required_providers/google` in every file. `*` in the pointer matches within one
 *   segment. This is how findings without a Terraform address (the terraform block) are selected;
 * - nothing (the key left out): every finding of the rule.
 */
import path from "node:path";
import type { Diagnostic } from "../core/diagnostic.js";

export type AddressMatcher = (d: Pick<Diagnostic, "file" | "pointer" | "address">) => boolean;

export function compileAddress(address: string | undefined, where: { configDir: string; cwd: string }): AddressMatcher {
  if (address === undefined) return () => true;
  const hash = address.indexOf("#");
  if (hash < 0) return (d) => d.address !== undefined && matchStars(address, d.address);
  const filePattern = address.slice(0, hash).replace(/\\/g, "/").replace(/^\.\//, "");
  const pointerPattern = address.slice(hash + 1).split("/");
  const filePieces = filePattern === "" ? undefined : segmentPieces(filePattern.split("/"));
  return (d) => {
    // The pointer's first segments match the pattern's, one by one: that place or below it.
    const pointer = d.pointer.split("/");
    if (pointer.length < pointerPattern.length || !pointerPattern.every((p, i) => matchStars(p, pointer[i]!))) return false;
    if (!filePieces) return true;
    const relative = path.relative(where.configDir, path.resolve(where.cwd, d.file)).split(path.sep);
    return matchSegments(filePieces, relative);
  };
}

/**
 * Whether `text` matches `pattern`, where `*` stands for any run of characters. Without
 * backtracking (a regular expression of many `.*` takes exponential time on a near miss): the
 * pieces between stars are found leftmost, one after the other, which is enough for stars.
 */
function matchStars(pattern: string, text: string): boolean {
  return matchPieces(pattern.split("*"), text.length, (piece, from, to) => {
    const found = text.indexOf(piece, from);
    return found >= 0 && found + piece.length <= to ? found : -1;
  }, (piece, at) => text.startsWith(piece, at));
}

/** A file pattern's segments split at its `**` segments (each matches any number of path segments). */
function segmentPieces(pattern: string[]): string[][] {
  const pieces: string[][] = [[]];
  for (const segment of pattern) {
    if (segment === "**") pieces.push([]);
    else pieces[pieces.length - 1]!.push(segment);
  }
  return pieces;
}

/** File path segments against a pattern's pieces: `*` within a segment (`**` inside one is `*`). */
function matchSegments(pieces: string[][], segments: string[]): boolean {
  const matchesAt = (piece: string[], at: number) => piece.every((p, i) => at + i < segments.length && matchStars(p, segments[at + i]!));
  return matchPieces(pieces, segments.length, (piece, from, to) => {
    for (let at = from; at + piece.length <= to; at++) if (matchesAt(piece, at)) return at;
    return -1;
  }, matchesAt);
}

/**
 * The leftmost-match scheme for a pattern split at its wildcards into `pieces` (strings or
 * segment lists): the first piece must start the text, the last end it, and each one between is
 * found after the one before.
 */
function matchPieces<P extends { length: number }>(
  pieces: P[],
  length: number,
  find: (piece: P, from: number, to: number) => number,
  matchesAt: (piece: P, at: number) => boolean,
): boolean {
  const first = pieces[0]!;
  if (pieces.length === 1) return first.length === length && matchesAt(first, 0);
  const last = pieces[pieces.length - 1]!;
  const end = length - last.length;
  if (end < first.length || !matchesAt(first, 0) || !matchesAt(last, end)) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece.length === 0) continue;
    const found = find(piece, at, end);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}
