/** The programmatic entry point: check files (or directories of them) and summarise. */
import { readFile, stat } from "node:fs/promises";
import { constants as buffer } from "node:buffer";
import type { Diagnostic } from "../core/diagnostic.js";
import { type CheckedAgainst, checkDocument, type DocumentCheckOptions } from "./document.js";
import { describeError, findDocuments } from "./discover.js";
import { JsonTooLargeError, MalformedJsonError } from "./json-source.js";
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
  /**
   * Inputs that could not be checked (a missing path, an unreadable directory, malformed JSON),
   * one line each with the reason; everything else was checked. The CLI exits 2 when there are any.
   */
  unusable?: string[];
}

/**
 * The longest file the checker reads: V8's longest string (about 512 MiB); beyond it the text
 * cannot be held at all. Files are refused before they are read.
 */
export const MAX_FILE_BYTES = buffer.MAX_STRING_LENGTH;

/** Checks every file it can; what it cannot use is listed in `unusable`, not thrown. */
export async function checkFiles(paths: readonly string[], options: CheckOptions): Promise<CheckResult> {
  const found = await findDocuments(paths);
  const unusable = [...found.problems];
  const diagnostics: Diagnostic[] = [];
  const used = new Map<string, ProviderSchemaUse>();
  let terraform: CheckedAgainst["terraform"] | undefined;
  let resources = 0;
  let checked = 0;
  for (const file of found.files) {
    const text = await readDocument(file).catch((err: Error) => {
      unusable.push(err.message);
      return undefined;
    });
    if (text === undefined) continue;
    let result;
    try {
      result = checkDocument(text, { file, ...options });
      attachRecordedSources(result.diagnostics, file, text);
    } catch (err) {
      if (err instanceof MalformedJsonError || err instanceof JsonTooLargeError) {
        unusable.push(err.message);
        continue;
      }
      throw err;
    }
    checked++;
    for (const d of result.diagnostics) diagnostics.push(d);
    resources += result.resources;
    for (const use of result.checkedAgainst.providers) used.set(`${use.address}@${use.version} ${use.reason}`, use);
    terraform = result.checkedAgainst.terraform ?? terraform;
  }
  const checkedAgainst = checked > 0 ? { providers: [...used.values()], ...(terraform ? { terraform } : {}) } : undefined;
  return {
    diagnostics,
    summary: summarize(diagnostics, checked, resources),
    ...(checkedAgainst ? { checkedAgainst } : {}),
    ...(unusable.length > 0 ? { unusable } : {}),
  };
}

async function readDocument(file: string): Promise<string> {
  const fail = (reason: string) => new Error(`${file}: ${reason}`);
  const { size } = await stat(file).catch((err: unknown) => {
    throw fail(`cannot read: ${describeError(err)}`);
  });
  if (size > MAX_FILE_BYTES) {
    throw fail(`too large to check: ${Math.round(size / 2 ** 20)} MiB, the limit is ${Math.floor(MAX_FILE_BYTES / 2 ** 20)} MiB (the longest text Node.js can hold)`);
  }
  return readFile(file, "utf8").catch((err: unknown) => {
    throw fail(`cannot read: ${describeError(err)}`);
  });
}

export function summarize(diagnostics: readonly Diagnostic[], files: number, resources: number): CheckSummary {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { files, resources, errors, warnings: diagnostics.length - errors };
}
