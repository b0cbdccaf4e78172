/**
 * Offline schema extraction: rebuilds `terraform providers schema -json` (one provider's entry)
 * from CDKTF bindings. Binding packages of every language carry a jsii assembly, read by
 * jsii.ts; a TypeScript project's `cdktf get` output has none and is read by
 * typescript-source.ts with the TypeScript compiler the project itself has (loaded only then).
 */
import path from "node:path";
import { normalizeProviderAddress } from "../address.js";
import { providerSchemaSchema, type ProviderSchema, type SchemaBlock, type TypeSchema } from "../format.js";
import type { SnapshotProvenance } from "../model.js";
import { extractAssembly, type ExtractedType } from "./jsii.js";
import { readPackageDirectory, readPackageTarball, type BindingPackage } from "./package.js";
import { bindingsForm, BindingsLayoutError, typeScriptModules } from "./sources.js";

export interface ExtractedProvider {
  address: string;
  version: string;
  schema: ProviderSchema;
  provenance: SnapshotProvenance;
}

export interface ExtractOptions {
  onProgress?: (done: number, total: number) => void;
  /**
   * Only these module directories (`backup-plan`, `data-aws-iam-role`…); the provider module is
   * always read, since it names the provider. For callers that need a few types quickly.
   */
  modules?: readonly string[];
}

/** What bindings cannot tell, recorded with every extracted snapshot. */
export const BINDINGS_NOTES: readonly string[] = [
  "Extracted from CDKTF bindings: no descriptions, and `sensitive`, `deprecated` and `write_only` are never set.",
  "min_items is 1 for every required block and absent otherwise; max_items is 1 for blocks the bindings type as a single object and absent otherwise (real limits above 1 are not in the bindings).",
  "Struct-typed attributes (object types, protocol-6 `nested_type`) are read as `nested_type` only when their fields carry flags of their own, else as object types.",
  "Blocks the CDKTF generator renders as `any` (too deeply recursive, e.g. aws_wafv2_web_acl rule.statement, aws_quicksight_* definition) appear as one `dynamic` attribute.",
  "Sets of provider-level nested blocks and their attributes are known only from generators of cdktf 0.20 on; older bindings give lists there.",
  "Resource schema versions are not in the bindings and are omitted.",
];

export async function extractFromBindings(target: string, options: ExtractOptions = {}): Promise<ExtractedProvider> {
  const form = await bindingsForm(target);
  if (form.kind === "typescript") return extractFromTypeScript(form.dir, options);
  const pkg = form.kind === "tarball" ? await readPackageTarball(form.file) : await readPackageDirectory(form.dir);
  return extractFromPackage(pkg, options);
}

export function extractFromPackage(pkg: BindingPackage, options: ExtractOptions = {}): ExtractedProvider {
  const wanted = options.modules && new Set(options.modules);
  const types = extractAssembly(pkg.assembly, pkg.origin, pkg.module, {
    ...(wanted ? { include: (file: string) => wanted.has(path.basename(path.dirname(file))) } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const provider = types.find((t) => t.kind === "provider");
  const metadata = provider && pkg.module(provider.module)?.provider;
  const pinned = (pkg.manifest?.cdktf as { provider?: { name?: unknown; version?: unknown } } | undefined)?.provider;
  const source = metadata?.source ?? metadata?.name ?? (typeof pinned?.name === "string" ? pinned.name : undefined);
  const version = metadata?.version ?? (typeof pinned?.version === "string" ? pinned.version : undefined);
  if (!provider || !source || !version) {
    throw new BindingsLayoutError(`${pkg.origin}: no provider class naming its source and version`);
  }
  return assemble(types, provider.block, source, version, pkg.origin);
}

async function extractFromTypeScript(dir: string, options: ExtractOptions): Promise<ExtractedProvider> {
  let reader: typeof import("./typescript-source.js");
  try {
    reader = await import("./typescript-source.js");
  } catch (err) {
    throw new BindingsLayoutError(
      `${dir}: reading \`cdktf get\` TypeScript output needs the \`typescript\` package (TypeScript projects have it: npm install -D typescript): ${(err as Error).message}`,
    );
  }
  const wanted = options.modules && new Set([...options.modules, "provider"]);
  const all = await typeScriptModules(dir);
  const modules = wanted ? all.filter((m) => wanted.has(path.basename(m.dir))) : all;
  const types: ExtractedType[] = [];
  let provider: { block: SchemaBlock; source?: string; version?: string } | undefined;
  let done = 0;
  for (const module of modules) {
    const file = path.join(module.dir, "index.ts");
    const extracted = reader.extractModule(await module.read(), file);
    if (extracted) types.push({ kind: extracted.kind, typeName: extracted.typeName, block: extracted.block, module: file });
    if (extracted?.kind === "provider") {
      provider = { block: extracted.block, ...optional("source", extracted.providerSource ?? extracted.providerName), ...optional("version", extracted.providerVersion) };
    }
    options.onProgress?.(++done, modules.length);
  }
  if (!provider?.version || !provider.source) {
    throw new BindingsLayoutError(`${dir}: no provider module with terraformProviderSource and providerVersion found`);
  }
  return assemble(types, provider.block, provider.source, provider.version, path.resolve(dir));
}

const optional = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, string>));

function assemble(types: readonly ExtractedType[], provider: SchemaBlock, source: string, version: string, origin: string): ExtractedProvider {
  const table = (kind: ExtractedType["kind"]): Record<string, TypeSchema> =>
    Object.fromEntries(types.filter((t) => t.kind === kind).map((t) => [t.typeName, { block: t.block }]));
  const schema = providerSchemaSchema.parse({ provider: { block: provider }, resource_schemas: table("resource"), data_source_schemas: table("data_source") });
  return {
    address: normalizeProviderAddress(source),
    version,
    schema,
    provenance: { method: "bindings", from: origin, createdAt: new Date().toISOString(), notes: [...BINDINGS_NOTES] },
  };
}
