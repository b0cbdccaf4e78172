/**
 * Reading schema files from disk through their zod description, so that a corrupt, truncated or
 * wrongly shaped file fails with one message naming the file and the place inside it.
 *
 * The package's own files (schemas/: the shipped histories, backends.json, functions.json) are
 * the exception: they were checked when they were made, and test/schema/shipped.test.ts holds
 * every value in them to be what its zod schema gives back, unchanged. zod's parse of them was
 * most of a small check's time (its code runs once per process, never optimised: a type's schema
 * took ten times its JSON.parse), so they are read with JSON.parse alone; a damaged one still
 * fails to decompress or to parse, with a message naming it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "../zod.js";
import { SHIPPED_SCHEMAS_DIR } from "./store/locations.js";

export class SchemaFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? "top level" : issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
  return `${where}: ${issue.message}`;
}

const SHIPPED = SHIPPED_SCHEMAS_DIR + path.sep;

/** Validate an already-parsed value; `what` says which part of the file it is. */
export function validateSchemaValue<T>(schema: z.ZodType<T>, value: unknown, file: string, what?: string): T {
  if (file.startsWith(SHIPPED)) return value as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0]!;
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : "";
  throw new SchemaFileError(file, `${what ? `${what}: ` : ""}not a valid schema: ${describeIssue(first)}${more}`);
}

export function parseSchemaJson<T>(schema: z.ZodType<T>, text: string, file: string, what?: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const truncated = text.trim() === "" ? "the file is empty" : `not valid JSON (${(err as Error).message}); is it truncated?`;
    throw new SchemaFileError(file, `${what ? `${what}: ` : ""}${truncated}`);
  }
  return validateSchemaValue(schema, value, file, what);
}

export function readSchemaFile<T>(schema: z.ZodType<T>, file: string): T {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new SchemaFileError(file, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseSchemaJson(schema, text, file);
}
