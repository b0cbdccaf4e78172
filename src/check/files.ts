/**
 * The programmatic entry point: check files (or directories of them) and summarise.
 *
 * References resolve over the module a file belongs to, as Terraform reads modules: a
 * `cdk.tf.json` is a whole stack by itself; any other `*.tf.json` file is one file of the module
 * its directory holds, every `*.tf.json` there (read for their declarations even when only one
 * of them is checked). A directory that also has `.tf` files (HCL, which this checker does not
 * read), or a file that is not JSON, makes the module incomplete: references to names declared
 * nowhere the checker can see are then not reported, and a warning says so.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { constants as buffer } from "node:buffer";
import { basename, dirname, join, resolve } from "node:path";
import type { Diagnostic } from "../core/diagnostic.js";
import { type CheckedAgainst, checkDocument, type DocumentCheckOptions } from "./document.js";
import { ModuleDeclarations } from "./declarations.js";
import { describeError, findDocuments } from "./discover.js";
import { JsonSource, JsonTooLargeError, MalformedJsonError } from "./json-source.js";
import { type ProviderSchemaUse, rememberedSchemas } from "./providers.js";
import { attachRecordedSources } from "./source-map.js";

/** Everything a document check takes but the file name (and its module): schemas, provider and Terraform versions. */
export type CheckOptions = Omit<DocumentCheckOptions, "file" | "module">;

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
  const found = findDocuments(paths);
  const unusable = [...found.problems];
  const diagnostics: Diagnostic[] = [];
  const used = new Map<string, ProviderSchemaUse>();
  let terraform: CheckedAgainst["terraform"] | undefined;
  let resources = 0;
  let checked = 0;
  // Every stack of a cdktf.out asks the stores the same questions (which versions, which one satisfies).
  const schemas = rememberedSchemas(options.schemas);
  for (const module of modulesOf(found.files)) {
    const sources = readModule(module, unusable);
    for (const file of module.files) {
      const source = sources.files.get(file);
      if (!source) continue;
      const result = checkDocument(source, { file, ...options, schemas, ...(sources.declarations ? { module: sources.declarations } : {}) });
      attachRecordedSources(result.diagnostics, file, source.text);
      checked++;
      for (const d of result.diagnostics) diagnostics.push(d);
      resources += result.resources;
      for (const use of result.checkedAgainst.providers) used.set(`${use.address}@${use.version} ${use.reason}`, use);
      terraform = result.checkedAgainst.terraform ?? terraform;
    }
  }
  const checkedAgainst = checked > 0 ? { providers: [...used.values()], ...(terraform ? { terraform } : {}) } : undefined;
  return {
    diagnostics,
    summary: summarize(diagnostics, checked, resources),
    ...(checkedAgainst ? { checkedAgainst } : {}),
    ...(unusable.length > 0 ? { unusable } : {}),
  };
}

/** The files to check of one module: a cdk.tf.json alone, or the files named in one directory. */
interface ModuleFiles {
  /** The directory whose `*.tf.json` files make the module; undefined for a cdk.tf.json. */
  dir?: string;
  files: string[];
}

function modulesOf(files: readonly string[]): ModuleFiles[] {
  const modules: ModuleFiles[] = [];
  const byDir = new Map<string, ModuleFiles>();
  for (const file of files) {
    if (basename(file) === "cdk.tf.json") {
      modules.push({ files: [file] });
      continue;
    }
    const dir = resolve(dirname(file));
    let module = byDir.get(dir);
    if (!module) {
      byDir.set(dir, (module = { dir: dirname(file), files: [] }));
      modules.push(module);
    }
    module.files.push(file);
  }
  return modules;
}

/**
 * Parses the files to check (what cannot be used goes to `unusable`) and, for a directory's
 * module, reads the declarations of all its `*.tf.json` files.
 */
function readModule(module: ModuleFiles, unusable: string[]): { files: Map<string, JsonSource>; declarations?: ModuleDeclarations } {
  const files = new Map<string, JsonSource>();
  /** A file's source, or undefined with the reason in `problems`. */
  const parse = (file: string, problems: string[]): JsonSource | undefined => {
    let text: string;
    try {
      text = readDocument(file);
    } catch (err) {
      problems.push((err as Error).message);
      return undefined;
    }
    try {
      return JsonSource.parse(file, text);
    } catch (err) {
      if (!(err instanceof MalformedJsonError || err instanceof JsonTooLargeError)) throw err;
      problems.push(err.message);
      return undefined;
    }
  };
  if (module.dir === undefined) {
    const source = parse(module.files[0]!, unusable);
    if (source) files.set(module.files[0]!, source);
    return { files };
  }
  const named = new Map(module.files.map((file) => [resolve(file), file]));
  let siblings: string[] | undefined;
  try {
    siblings = readdirSync(module.dir, { withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => e.name).sort();
  } catch {
    // The module's named files are still checked; what else it declares is unknown (said below).
  }
  const unreadable: string[] = [];
  const hcl = (siblings ?? []).filter((name) => name.endsWith(".tf"));
  const sources: JsonSource[] = [];
  for (const file of module.files) {
    const source = parse(file, unusable);
    if (source) (files.set(file, source), sources.push(source));
    else unreadable.push(basename(file));
  }
  // The module's other files, read for what they declare (their own findings are not asked for).
  for (const name of siblings ?? []) {
    const path = join(module.dir, name);
    if (!name.endsWith(".tf.json") || named.has(resolve(path))) continue;
    const source = parse(path, []);
    if (source) sources.push(source);
    else unreadable.push(name);
  }
  const where = module.dir === "." ? "this directory" : `${module.dir}/`;
  const reasons = [
    ...(siblings ? [] : [`${where} cannot be listed, so its other files are unknown`]),
    ...(hcl.length > 0 ? [`${where} also has ${hcl.join(", ")} (HCL, which this checker does not read)`] : []),
    ...(unreadable.length > 0 ? [`${unreadable.join(", ")} in ${where} cannot be read as JSON`] : []),
  ];
  const declarations = new ModuleDeclarations(`the module in ${where}`, reasons.length > 0 ? reasons.join("; ") : undefined);
  for (const source of sources) declarations.add(source.value(), source);
  return { files, declarations };
}

/**
 * Read synchronously: a file read with promises is several round trips through the thread pool,
 * each waiting for the event loop, about a millisecond per file, the larger part of checking a
 * small stack of a cdktf.out.
 */
function readDocument(file: string): string {
  const fail = (reason: string) => new Error(`${file}: ${reason}`);
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw fail(`cannot read: ${describeError(err)}`);
  }
  if (size > MAX_FILE_BYTES) {
    throw fail(`too large to check: ${Math.round(size / 2 ** 20)} MiB, the limit is ${Math.floor(MAX_FILE_BYTES / 2 ** 20)} MiB (the longest text Node.js can hold)`);
  }
  try {
    // Decoded by Buffer: Node 20's readFileSync(file, "utf8") takes twice as long on a large file.
    return readFileSync(file).toString("utf8");
  } catch (err) {
    throw fail(`cannot read: ${describeError(err)}`);
  }
}

export function summarize(diagnostics: readonly Diagnostic[], files: number, resources: number): CheckSummary {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { files, resources, errors, warnings: diagnostics.length - errors };
}
