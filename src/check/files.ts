/** The programmatic entry point: check files (or directories of them) and summarise. */
import { readFile } from "node:fs/promises";
import type { Diagnostic } from "../core/diagnostic.js";
import { type CheckedAgainst, checkDocument, type DocumentCheckOptions } from "./document.js";
import { findDocuments } from "./discover.js";
import { InputError } from "./input-error.js";
import { MalformedJsonError } from "./json-source.js";
import type { ProviderSchemaUse } from "./providers.js";
import { attachRecordedSources } from "./source-map.js";

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
  /** The provider schemas and Terraform release the files were checked against, and why. */
  checkedAgainst?: CheckedAgainst;
}

/** Throws `InputError` for a missing path or a file that is not JSON (with line and column). */
export async function checkFiles(paths: readonly string[], options: CheckOptions): Promise<CheckResult> {
  const files = await findDocuments(paths);
  const diagnostics: Diagnostic[] = [];
  const used = new Map<string, ProviderSchemaUse>();
  let terraform: CheckedAgainst["terraform"] | undefined;
  let resources = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
      throw new InputError(`${file}: cannot read: ${err.code ?? err.message}`);
    });
    try {
      const result = checkDocument(text, { file, ...options });
      attachRecordedSources(result.diagnostics, file, text);
      diagnostics.push(...result.diagnostics);
      resources += result.resources;
      for (const use of result.checkedAgainst.providers) used.set(`${use.address}@${use.version} ${use.reason}`, use);
      terraform = result.checkedAgainst.terraform;
    } catch (err) {
      if (err instanceof MalformedJsonError) throw new InputError(err.message);
      throw err;
    }
  }
  const checkedAgainst = terraform && { providers: [...used.values()], terraform };
  return { diagnostics, summary: summarize(diagnostics, files.length, resources), ...(checkedAgainst ? { checkedAgainst } : {}) };
}

export function summarize(diagnostics: readonly Diagnostic[], files: number, resources: number): CheckSummary {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { files, resources, errors, warnings: diagnostics.length - errors };
}
