/**
 * What the `schema` commands do (schema-commands.ts defines them): list, show, fetch and extract
 * provider schemas. Loaded only when one of them runs. Each action reports an expected failure
 * in one line on stderr, with exit code 2.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { suggestNames } from "../core/suggest.js";
import { formatSchemaTree } from "../report/schema-tree.js";
import { typeSchemaSchema } from "../schema/format.js";
import { normalizeProviderAddress, ProviderAddressError } from "../schema/address.js";
import { BindingsLayoutError } from "../schema/extract/sources.js";
import { readProviderSchemaFile } from "../schema/fetch/file.js";
import { fetchWithTerraform, TerraformCommandError } from "../schema/fetch/terraform.js";
import { SchemaFileError } from "../schema/read.js";
import { defaultSchemas, type SchemaStores } from "../schema/store/index.js";
import { writeSnapshot, type WriteSnapshotOptions } from "../schema/store/write.js";
import { describeVersions, normalizeVersion, VersionConstraintError } from "../schema/versions.js";
import { readRequiredProviders } from "../check/providers.js";
import { EXIT_USAGE } from "./exit-codes.js";

/** A failure the user can act on: reported in one line, exit code 2. */
class SchemaCommandError extends Error {}

const EXPECTED_ERRORS = [SchemaCommandError, SchemaFileError, TerraformCommandError, BindingsLayoutError, ProviderAddressError, VersionConstraintError];

/** Runs an action, turning expected failures into one line on stderr and exit code 2. */
function guard<A extends unknown[]>(action: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (err) {
      if (!EXPECTED_ERRORS.some((type) => err instanceof type)) throw err;
      process.stderr.write(`cdktf-schema-check: ${(err as Error).message}\n`);
      process.exitCode = EXIT_USAGE;
    }
  };
}

export const list = guard((provider?: string) => listSchemas(defaultSchemas(), provider));
export const show = guard((spec: string, type: string, options: { data?: boolean; json?: boolean }) => showSchema(defaultSchemas(), spec, type, options));
export const fetch = guard(fetchSchema);
export const extract = guard(extractSchema);

/**
 * Without a provider: one line per provider and source, its versions as ranges per major. With
 * one: each version, where it comes from and the package it was extracted from.
 */
function listSchemas(stores: SchemaStores, provider?: string): void {
  const addresses = provider ? [normalizeProviderAddress(provider)] : stores.providers();
  const rows: string[][] = provider ? [["PROVIDER", "VERSION", "SOURCE", "FROM"]] : [["PROVIDER", "VERSIONS", "SOURCE"]];
  for (const address of addresses) {
    if (provider) {
      for (const version of stores.versions(address)) {
        rows.push([address, version, stores.origin(address, version) ?? "", stores.open(address, version).provenance.from]);
      }
      continue;
    }
    for (const store of stores.stores) {
      const versions = store.versions(address);
      if (versions.length > 0) rows.push([address, describeVersions(versions), store.label]);
    }
  }
  if (rows.length === 1) throw new SchemaCommandError(`no schemas for ${provider ?? "any provider"}; see \`schema fetch\` and \`schema extract\``);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  process.stdout.write(rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n") + "\n");
}

/**
 * The version constraint the project pins for a provider: from the synthesized stacks
 * (`cdktf.out/stacks/<stack>/cdk.tf.json`, or cdktf.json's `output`; the first stack by name
 * that declares it), else from cdktf.json's `terraformProviders`.
 */
function projectPin(address: string): { constraint: string; where: string } | undefined {
  let config: { output?: unknown; terraformProviders?: unknown[] } = {};
  try {
    config = JSON.parse(readFileSync("cdktf.json", "utf8")) as typeof config;
  } catch {
    // No cdktf.json: the default output directory, no declared providers.
  }
  const stacks = path.join(typeof config.output === "string" ? config.output : "cdktf.out", "stacks");
  const names = existsSync(stacks) ? readdirSync(stacks).sort() : [];
  for (const stack of names) {
    const file = path.join(stacks, stack, "cdk.tf.json");
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      continue;
    }
    if (typeof document !== "object" || document === null) continue;
    for (const requirement of readRequiredProviders(document as Record<string, unknown>).values()) {
      if (requirement.constraint === undefined) continue;
      try {
        if (normalizeProviderAddress(requirement.source) === address) return { constraint: requirement.constraint, where: `${file} (${requirement.pointer})` };
      } catch {
        // An unusable source address is the checker's to report, not schema show's.
      }
    }
  }
  for (const entry of config.terraformProviders ?? []) {
    const [source, constraint] =
      typeof entry === "string"
        ? [entry.split("@")[0]!, entry.split("@").slice(1).join("@")]
        : [String((entry as { source?: unknown; name?: unknown }).source ?? (entry as { name?: unknown }).name), String((entry as { version?: unknown }).version ?? "")];
    try {
      if (constraint && normalizeProviderAddress(source) === address) return { constraint: constraint.trim(), where: "cdktf.json (terraformProviders)" };
    } catch {
      // An entry without a usable source names no provider.
    }
  }
  return undefined;
}

/** `aws@6.25.0` → address and constraint; provider addresses never contain `@`. */
function splitSpec(spec: string): { address: string; constraint?: string } {
  const at = spec.indexOf("@");
  const address = normalizeProviderAddress(at < 0 ? spec : spec.slice(0, at));
  const constraint = at < 0 ? undefined : spec.slice(at + 1).trim();
  return constraint ? { address, constraint } : { address };
}

function showSchema(stores: SchemaStores, spec: string, type: string, options: { data?: boolean; json?: boolean }): void {
  const { address, constraint: asked } = splitSpec(spec);
  const pin = asked === undefined ? projectPin(address) : undefined;
  const constraint = asked ?? pin?.constraint;
  const version = stores.resolve(address, constraint);
  if (!version) {
    const have = stores.versions(address);
    throw new SchemaCommandError(
      have.length === 0
        ? `no schema for ${address}; see \`schema fetch\` and \`schema extract\``
        : `no schema of ${address} satisfies "${constraint}"${pin ? ` (pinned in ${pin.where})` : ""}; available: ${describeVersions(have)}`,
    );
  }
  const snapshot = stores.open(address, version);
  const kind = options.data ? "data source" : "resource";
  const found = options.data ? snapshot.dataSource(type) : snapshot.resource(type);
  if (!found) {
    const names = options.data ? snapshot.dataSourceTypes() : snapshot.resourceTypes();
    const suggestions = suggestNames(type, names);
    const other = options.data ? snapshot.resource(type) && "it is a resource (drop --data)" : snapshot.dataSource(type) && "it is a data source (add --data)";
    const hint = other || (suggestions.length > 0 ? `did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : "");
    throw new SchemaCommandError(`${address} ${version} has no ${kind} type "${type}"${hint ? `; ${hint}` : ""}`);
  }
  if (options.json) {
    // In the format's key order whichever store it came from (the shipped ones are read as written: see schema/read.ts).
    process.stdout.write(JSON.stringify(typeSchemaSchema.parse(found), null, 2) + "\n");
    return;
  }
  const pinned = pin ? `, pinned in ${pin.where}` : "";
  const title = `${kind} ${type}: ${address} ${version} (${snapshot.provenance.method}: ${snapshot.provenance.from}${pinned})`;
  process.stdout.write(formatSchemaTree(title, found.block));
}

interface FetchCommandOptions {
  pluginDir?: string;
  mirror?: string;
  fromFile?: string;
  terraform: string;
  out: string;
}

async function fetchSchema(spec: string, options: FetchCommandOptions): Promise<void> {
  const { address, constraint } = splitSpec(spec);
  let fetched;
  if (options.fromFile) {
    // The saved output does not say which version it describes.
    const version = constraint && normalizeVersion(constraint.replace(/^=\s*/, ""));
    if (!version) throw new SchemaCommandError(`--from-file needs an exact version: ${address.split("/").pop()}@<version>`);
    const { schema } = readProviderSchemaFile(options.fromFile, address);
    fetched = { address, version, schema, provenance: { method: "file" as const, from: path.resolve(options.fromFile), createdAt: new Date().toISOString() } };
  } else {
    const started = Date.now();
    fetched = await fetchWithTerraform({
      source: address,
      ...(constraint ? { constraint } : {}),
      ...(options.pluginDir ? { pluginDir: options.pluginDir } : {}),
      ...(options.mirror ? { mirror: options.mirror } : {}),
      terraform: options.terraform,
      onProgress: (line) => process.stderr.write(`  [${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`),
    });
  }
  await store(fetched, options.out);
}

async function extractSchema(bindings: string, options: { out: string }): Promise<void> {
  const dir = resolveBindings(bindings);
  let shown = -1;
  // Loaded only for this command: extraction is not part of a check's start-up.
  const { extractFromBindings } = await import("../schema/extract/index.js");
  const extracted = await extractFromBindings(dir, {
    onProgress: (done, total) => {
      const percent = Math.floor((done / total) * 100);
      if (percent === shown) return;
      shown = percent;
      process.stderr.write(process.stderr.isTTY ? `\rextracting ${done}/${total} modules (${percent}%)` : percent % 25 === 0 ? `extracting ${done}/${total} modules\n` : "");
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  await store(extracted, options.out);
}

/** A directory as given, or an installed package name resolved from the current directory. */
function resolveBindings(bindings: string): string {
  if (existsSync(bindings)) return bindings;
  const installed = path.resolve("node_modules", bindings);
  if (existsSync(installed)) return installed;
  throw new SchemaCommandError(`${bindings}: no such directory, and no installed package of that name under ./node_modules`);
}

async function store(snapshot: Omit<WriteSnapshotOptions, "schemasDir">, out: string): Promise<void> {
  const written = await writeSnapshot({ schemasDir: out, ...snapshot });
  const resources = Object.keys(snapshot.schema.resource_schemas ?? {}).length;
  const dataSources = Object.keys(snapshot.schema.data_source_schemas ?? {}).length;
  process.stdout.write(
    `${snapshot.address} ${snapshot.version}: ${resources} resources, ${dataSources} data sources → ${written.path} (${(written.bytes / 1024).toFixed(0)} KiB)\n`,
  );
}
