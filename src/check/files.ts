/** The programmatic entry point: check files (or directories of them) and summarise. */
import { readFile } from "node:fs/promises";
import type { Diagnostic } from "./diagnostic.js";
import { checkDocument, type DocumentCheckOptions } from "./document.js";
import { findDocuments } from "./discover.js";
import { InputError } from "./input-error.js";
import { MalformedJsonError } from "./json-source.js";

/** Everything a document check takes but the file name: schemas, provider and Terraform versions. */
export type CheckOptions = Omit<DocumentCheckOptions, "file">;

export interface CheckSummary {
  files: number;
  resources: number;
  errors: number;
  warnings: number;
  /** Findings dropped by the configuration's suppressions; set once they are applied (src/config/). */
  suppressed?: number;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  summary: CheckSummary;
}

/** Throws `InputError` for a missing path or a file that is not JSON (with line and column). */
export async function checkFiles(paths: readonly string[], options: CheckOptions): Promise<CheckResult> {
  const files = await findDocuments(paths);
  const diagnostics: Diagnostic[] = [];
  let resources = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
      throw new InputError(`${file}: cannot read: ${err.code ?? err.message}`);
    });
    try {
      const result = checkDocument(text, { file, ...options });
      diagnostics.push(...result.diagnostics);
      resources += result.resources;
    } catch (err) {
      if (err instanceof MalformedJsonError) throw new InputError(err.message);
      throw err;
    }
  }
  return { diagnostics, summary: summarize(diagnostics, files.length, resources) };
}

export function summarize(diagnostics: readonly Diagnostic[], files: number, resources: number): CheckSummary {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { files, resources, errors, warnings: diagnostics.length - errors };
}
