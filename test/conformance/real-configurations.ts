/**
 * Real configurations to mutate, and the real schema to judge them by: the seed fixtures, the
 * example app (main.ts's stacks) and the realistic cdktf app (test/fixtures/cdktf-app), both
 * synthesized here, and the terraform-aws-modules corpus in .cache/corpus when `npm run
 * corpus:build` has put it there (not committed: other people's code). The schema is the shipped
 * aws 6.25.0 snapshot, cut down to the types these configurations use, in the shape
 * `terraform providers schema -json` gives a provider.
 *
 * Each configuration becomes one case (a child module): its `terraform` block (backends, version
 * constraints), `module` calls and outputs are dropped, and so is everything of other providers;
 * a module directory's files are merged into one document.
 *
 * `offlineModule` prepares any root module the same way for `--cases`, keeping what Terraform can
 * judge offline as a child module: the `terraform` block (less other providers' requirements),
 * provider configurations, variables, locals, outputs, and the resources of the served provider
 * and of Terraform's built-in one; what needs a download is dropped (module calls, other
 * providers), with whatever refers to it.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProviderSchema } from "../../src/schema/format.js";
import { SHIPPED_SCHEMAS_DIR, SchemaStore } from "../../src/schema/store/index.js";
import { references } from "./differences.js";
import type { Json } from "./valid-values.js";

export const AWS_ADDRESS = "registry.terraform.io/hashicorp/aws";
export const AWS_VERSION = "6.25.0";

type JsonObject = { [key: string]: Json };

export interface RealDocument {
  /** Where it came from, e.g. `seeds/python/main.tf.json` or `corpus/terraform-aws-vpc`. */
  label: string;
  document: JsonObject;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CORPUS = join(ROOT, ".cache", "corpus");

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as JsonObject;

/** The configurations, synthesizing the two cdktf apps into a temporary directory. */
export async function realDocuments(options: { corpus?: boolean } = {}): Promise<RealDocument[]> {
  const found: RealDocument[] = [];
  const texts = new Set<string>();
  const add = (label: string, document: JsonObject) => {
    const normalized = normalize(document);
    // The seed fixture is what the example app's seed-failures stack synthesizes: once is enough.
    if (!normalized || texts.has(JSON.stringify(normalized))) return;
    texts.add(JSON.stringify(normalized));
    found.push({ label, document: normalized });
  };
  const seeds = join(ROOT, "test", "fixtures", "seeds");
  for (const file of ["cdktf/stacks/seed-failures/cdk.tf.json", "python/main.tf.json"]) add(`seeds/${file}`, readJson(join(seeds, file)));

  const outdir = mkdtempSync(join(tmpdir(), "conformance-synth-"));
  try {
    const { App } = await import("cdktf");
    const { CleanStack } = await import("../../examples/clean-stack.js");
    const { SeedFailuresStack } = await import("../../examples/seed-failures-stack.js");
    const { synthesize } = await import("../fixtures/cdktf-app/app.js");
    const example = new App({ outdir: join(outdir, "example"), skipValidation: true });
    new CleanStack(example, "clean");
    new SeedFailuresStack(example, "seed-failures");
    example.synth();
    synthesize(join(outdir, "cdktf-app"));
    add("example app: stacks/clean", readJson(join(outdir, "example", "stacks", "clean", "cdk.tf.json")));
    add("example app: stacks/seed-failures", readJson(join(outdir, "example", "stacks", "seed-failures", "cdk.tf.json")));
    add("cdktf-app: stacks/service", readJson(join(outdir, "cdktf-app", "stacks", "service", "cdk.tf.json")));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }

  if (options.corpus !== false && existsSync(CORPUS)) {
    const files = (readdirSync(CORPUS, { recursive: true, encoding: "utf8" }) as string[]).filter((f) => f.endsWith(".tf.json")).sort();
    const byDir = new Map<string, string[]>();
    for (const file of files) byDir.set(dirname(file), [...(byDir.get(dirname(file)) ?? []), file]);
    for (const [dir, inDir] of byDir) {
      add(`corpus/${dir}`, mergeModule(inDir.map((f) => readJson(join(CORPUS, f)))));
    }
  }
  return found;
}

/** A module's files as one document: top-level sections merged by name (names are unique within a module). */
export function mergeModule(documents: JsonObject[]): JsonObject {
  const merged: JsonObject = {};
  for (const document of documents) {
    for (const [section, value] of Object.entries(document)) {
      if (section === "locals") {
        // Several `locals` blocks: an array of objects is how Terraform JSON writes repeated blocks.
        const blocks = Array.isArray(value) ? value : [value];
        merged.locals = [...((merged.locals as Json[] | undefined) ?? []), ...blocks];
      } else if (isObject(value) && isObject(merged[section])) {
        merged[section] = mergeDeep(merged[section], value, section === "resource" || section === "data" ? 1 : 0);
      } else {
        merged[section] = value;
      }
    }
  }
  return merged;
}

/** `resource` and `data` nest types, then names; other sections are keyed by name directly. */
function mergeDeep(a: JsonObject, b: JsonObject, depth: number): JsonObject {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    out[key] = depth > 0 && isObject(existing) && isObject(value) ? mergeDeep(existing, value, depth - 1) : value;
  }
  return out;
}

/** Variables as declarations: a type constraint is kept, and without a default the root gives them an unknown value, as under validate. */
function declarations(variables: Json): JsonObject {
  if (!isObject(variables)) return {};
  return Object.fromEntries(
    Object.entries(variables).map(([name, body]) => {
      const first = (Array.isArray(body) ? body : [body]).find(isObject);
      const declaration: JsonObject = typeof first?.type === "string" ? { type: first.type } : {};
      return [name, declaration];
    }),
  );
}

/** Resources and data sources of the served provider (`<local name>_…`) and of Terraform's built-in one. */
const served = (localName: string) => (section: Json | undefined) =>
  isObject(section) ? Object.fromEntries(Object.entries(section).filter(([type]) => type.startsWith(`${localName}_`) || type.startsWith("terraform_"))) : {};

/**
 * What a case of the aws suite keeps of a configuration: resources, data sources and provider
 * configurations of aws, variables (declarations), locals and the cdktf metadata; `var.v` is
 * declared for the mutations. Null when nothing of aws is left.
 */
function normalize(document: JsonObject): JsonObject | undefined {
  const out: JsonObject = {};
  const onlyAws = served("aws");
  for (const [section, value] of Object.entries(document)) {
    if (section === "resource" || section === "data") {
      const kept = onlyAws(value);
      if (Object.keys(kept).length > 0) out[section] = kept;
    } else if (section === "provider") {
      if (isObject(value) && value.aws !== undefined) out.provider = { aws: value.aws };
    } else if (section === "variable") {
      out.variable = declarations(value);
    } else if (section === "locals" || section === "//") {
      out[section] = value;
    }
    // `terraform` (backend, required_providers with versions), `module`, `output`: dropped.
  }
  if (!out.resource && !out.data) return undefined;
  out.variable = { ...(isObject(out.variable) ? out.variable : {}), v: {} };
  // One `locals` object (names are unique within a module).
  if (Array.isArray(out.locals)) out.locals = Object.assign({}, ...out.locals.filter(isObject));
  dropDangling(out, document);
  return out.resource || out.data ? out : undefined;
}

/**
 * A root module (one document, or a directory's files merged) as a child module Terraform can
 * judge offline against one served provider (see the header). Null when nothing is left.
 */
export function offlineModule(document: JsonObject, localName: string): JsonObject | undefined {
  const out: JsonObject = {};
  for (const [section, value] of Object.entries(document)) {
    if (section === "resource" || section === "data") {
      const kept = served(localName)(value);
      if (Object.keys(kept).length > 0) out[section] = kept;
    } else if (section === "provider") {
      const kept = (Array.isArray(value) ? value : [value]).filter(isObject).map((p) => (p[localName] !== undefined ? { [localName]: p[localName] } : {}));
      if (kept.some((p) => Object.keys(p).length > 0)) out.provider = kept.length === 1 ? kept[0]! : kept;
    } else if (section === "terraform") {
      out.terraform = (Array.isArray(value) ? value : [value]).filter(isObject).map((block) => {
        const { required_providers: required, ...rest } = block;
        const own = (Array.isArray(required) ? required : [required]).filter(isObject).map((r) => (r[localName] !== undefined ? { [localName]: r[localName] } : {}));
        return own.some((r) => Object.keys(r).length > 0) ? { ...rest, required_providers: own.length === 1 ? own[0]! : own } : rest;
      });
    } else if (section === "variable") {
      out.variable = declarations(value);
    } else if (section === "locals" || section === "output" || section === "//") {
      out[section] = value;
    }
    // `module` calls (their sources would need downloading), `import`, `moved`, `removed`, `check`: dropped.
  }
  if (Array.isArray(out.locals)) out.locals = Object.assign({}, ...out.locals.filter(isObject));
  dropDangling(out, document);
  return out.resource || out.data ? out : undefined;
}

/** The provider configurations a module takes from its caller (`configuration_aliases`): `aws.west`. */
export function configurationAliases(document: JsonObject): string[] {
  const found: string[] = [];
  for (const terraform of (Array.isArray(document.terraform) ? document.terraform : [document.terraform]).filter(isObject)) {
    for (const required of (Array.isArray(terraform.required_providers) ? terraform.required_providers : [terraform.required_providers]).filter(isObject)) {
      for (const requirement of Object.values(required).filter(isObject)) {
        if (Array.isArray(requirement.configuration_aliases)) for (const alias of requirement.configuration_aliases) if (typeof alias === "string") found.push(alias);
      }
    }
  }
  return found;
}

/**
 * Drops what refers to something the preparation dropped (a module call, another provider's
 * resource, a local or resource dropped for that reason), until nothing does: Terraform would
 * report each such reference, and stop checking the resource there.
 */
function dropDangling(document: JsonObject, original: JsonObject): void {
  // Only what was dropped counts: a reference the configuration got wrong is for the judges.
  const before = declaredNames(original);
  for (let changed = true; changed; ) {
    changed = false;
    const declared = declaredNames(document);
    const dangling = (value: Json | undefined) => references(value).some((r) => before.has(r) && !declared.has(r));
    if (isObject(document.locals)) {
      for (const [name, value] of Object.entries(document.locals)) if (dangling(value)) (delete document.locals[name], (changed = true));
    }
    if (isObject(document.output)) {
      for (const [name, value] of Object.entries(document.output)) if (dangling(value)) delete document.output[name];
      if (Object.keys(document.output).length === 0) delete document.output;
    }
    for (const section of ["resource", "data"] as const) {
      const byType = document[section];
      if (!isObject(byType)) continue;
      for (const [type, byName] of Object.entries(byType)) {
        if (!isObject(byName)) continue;
        for (const [name, body] of Object.entries(byName)) if (dangling(body)) (delete byName[name], (changed = true));
        if (Object.keys(byName).length === 0) delete byType[type];
      }
      if (Object.keys(byType).length === 0) delete document[section];
    }
  }
  // `depends_on` entries naming what is gone (an entry naming nothing that ever was is for the judges).
  const declared = declaredNames(document);
  for (const section of ["resource", "data"] as const) {
    for (const byName of Object.values(isObject(document[section]) ? document[section] : {})) {
      for (const body of Object.values(isObject(byName) ? byName : {})) {
        for (const instance of Array.isArray(body) ? body : [body]) {
          if (isObject(instance) && Array.isArray(instance.depends_on)) instance.depends_on = instance.depends_on.filter((d) => typeof d !== "string" || !before.has(d) || declared.has(d));
        }
      }
    }
  }
}

/** `local.x`, `module.x`, `type.name`, `data.type.name` a document declares. */
function declaredNames(document: JsonObject): Set<string> {
  const declared = new Set<string>();
  for (const locals of Array.isArray(document.locals) ? document.locals : [document.locals]) {
    for (const name of Object.keys(isObject(locals) ? locals : {})) declared.add(`local.${name}`);
  }
  for (const name of Object.keys(isObject(document.module) ? document.module : {})) declared.add(`module.${name}`);
  for (const section of ["resource", "data"] as const) {
    for (const [type, byName] of Object.entries(isObject(document[section]) ? document[section] : {})) {
      for (const name of Object.keys(isObject(byName) ? byName : {})) declared.add(`${section === "data" ? "data." : ""}${type}.${name}`);
    }
  }
  return declared;
}

/** The resource and data source types a set of configurations uses. */
function usedTypes(documents: readonly RealDocument[]): { resources: Set<string>; dataSources: Set<string> } {
  const resources = new Set<string>();
  const dataSources = new Set<string>();
  for (const { document } of documents) {
    for (const type of Object.keys(isObject(document.resource) ? document.resource : {})) resources.add(type);
    for (const type of Object.keys(isObject(document.data) ? document.data : {})) dataSources.add(type);
  }
  return { resources, dataSources };
}

/**
 * The shipped aws snapshot as `terraform providers schema -json` has a provider: the provider
 * block, and the schemas of the types the configurations use (all of aws would make every
 * `terraform validate` load hundreds of megabytes for nothing).
 */
export function awsSchemaFor(documents: readonly RealDocument[]): ProviderSchema {
  const snapshot = new SchemaStore(SHIPPED_SCHEMAS_DIR).open("hashicorp/aws", AWS_VERSION);
  const { resources, dataSources } = usedTypes(documents);
  const pick = (types: Set<string>, get: (type: string) => ProviderSchema["resource_schemas"] extends Record<string, infer T> | undefined ? T | undefined : never) =>
    Object.fromEntries([...types].sort().flatMap((type) => {
      const schema = get(type);
      return schema ? [[type, schema]] : [];
    }));
  return {
    provider: { version: 0, block: snapshot.provider() },
    resource_schemas: pick(resources, (t) => snapshot.resource(t)),
    data_source_schemas: pick(dataSources, (t) => snapshot.dataSource(t)),
  };
}

export const relativeToRoot = (file: string) => relative(ROOT, file);
