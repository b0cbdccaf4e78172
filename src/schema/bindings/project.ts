/**
 * The project's own bindings as a schema source, and the user cache they are extracted into.
 *
 * Extraction runs once per binding package and version, in a child process (extract-main.ts):
 * the check itself stays synchronous (cdktf calls validations synchronously) and the memory an
 * assembly of 100+ MB takes is given back at once. The result is a snapshot in the pack layout
 * under `$XDG_CACHE_HOME/cdktf-schema-check/bindings/<package>@<version>/` (default
 * `~/.cache/cdktf-schema-check`), which later runs, and other projects, read directly.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { nodeChildProcess } from "../../core/builtins.js";
import { normalizeProviderAddress, parseProviderAddress } from "../address.js";
import { SchemaFileError } from "../read.js";
import { SchemaStore, type SchemaProvider, type StoredSnapshot } from "../store/store.js";
import { normalizeVersion, sortVersions } from "../versions.js";
import { cacheKey, discoverBindings, type ProjectBinding } from "./discover.js";

/** Written next to each cached snapshot: what it was extracted from. */
export interface CacheMeta {
  address: string;
  version: string;
  origin: string;
  location: string;
}

export const META_FILE = "meta.json";

export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "cdktf-schema-check", "bindings");
}

function readMeta(entry: string): CacheMeta | undefined {
  try {
    const meta = JSON.parse(readFileSync(path.join(entry, META_FILE), "utf8")) as Partial<CacheMeta>;
    return typeof meta.address === "string" && typeof meta.version === "string" && typeof meta.origin === "string" && typeof meta.location === "string"
      ? (meta as CacheMeta)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Every snapshot extracted so far, from any project: exact schemas of their versions. */
class CacheSource implements SchemaProvider {
  readonly label: string;
  private entries?: { dir: string; meta: CacheMeta }[];
  private readonly stores = new Map<string, SchemaStore>();

  constructor(readonly dir: string) {
    this.label = `cache ${dir}`;
  }

  private list(): { dir: string; meta: CacheMeta }[] {
    // `<key>.partial-<pid>` directories are extractions in progress (or interrupted), never entries.
    return (this.entries ??= (existsSync(this.dir) ? readdirSync(this.dir).filter((name) => !name.includes(".partial-")) : []).flatMap((name) => {
      const dir = path.join(this.dir, name);
      const meta = readMeta(dir);
      return meta ? [{ dir, meta }] : [];
    }));
  }

  providers(): string[] {
    return [...new Set(this.list().map((e) => normalizeProviderAddress(e.meta.address)))].sort();
  }

  versions(address: string): string[] {
    const wanted = normalizeProviderAddress(address);
    return sortVersions(new Set(this.list().filter((e) => normalizeProviderAddress(e.meta.address) === wanted).map((e) => e.meta.version)));
  }

  open(address: string, version: string): StoredSnapshot {
    const wanted = normalizeProviderAddress(address);
    const entry = this.list().find((e) => normalizeProviderAddress(e.meta.address) === wanted && e.meta.version === (normalizeVersion(version) ?? version));
    if (!entry) throw new Error(`no cached schema for ${wanted} ${version}`);
    return storeAt(this.stores, entry.dir).open(address, version);
  }
}

function storeAt(stores: Map<string, SchemaStore>, dir: string): SchemaStore {
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = new SchemaStore(dir)));
  return store;
}

export function userCacheStore(): SchemaProvider {
  return new CacheSource(cacheDir());
}

/** The child process that extracts one binding into a cache entry. */
const EXTRACT_MAIN = fileURLToPath(new URL(`./extract-main${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url));

/** Extracts a binding into its cache entry (once); returns what it holds. */
export function extractToCache(binding: ProjectBinding, entry: string): CacheMeta {
  const cached = readMeta(entry);
  if (cached) return cached;
  // Sources run under tsx (tests, development) need its loader in the child too.
  const loader = EXTRACT_MAIN.endsWith(".ts") ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href] : [];
  const result = nodeChildProcess().spawnSync(process.execPath, [...loader, EXTRACT_MAIN, binding.location, entry], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  // Another process may have completed the same entry meanwhile: a complete entry is all that counts.
  const meta = readMeta(entry);
  if (!meta) {
    // The child prints one line for the failures it expects; anything else is a crash.
    const reason = (result.stderr || result.error?.message || `exit code ${result.status}`).trim().split("\n")[0];
    throw new SchemaFileError(binding.location, `extracting the schema from these bindings failed: ${reason}`);
  }
  return meta;
}

/**
 * The bindings of the project at `root`, each opened from its cache entry (extracted on first
 * use). Costly: discovery reads node_modules, `cdktf get` output and virtualenvs, so the stores
 * ask it only when nothing cheaper matches.
 */
export class ProjectBindings implements SchemaProvider {
  readonly label = "the project's bindings";
  readonly costly = true;
  private found?: ProjectBinding[];
  private readonly stores = new Map<string, SchemaStore>();
  private readonly metas = new Map<ProjectBinding, CacheMeta | undefined>();

  constructor(
    readonly root: string,
    private readonly cache = cacheDir(),
  ) {}

  bindings(): ProjectBinding[] {
    return (this.found ??= discoverBindings(this.root));
  }

  /** What a binding holds: from its manifest or provider module, else from extracting it. */
  private meta(binding: ProjectBinding, address: string): { address: string; version: string } | undefined {
    if (binding.address && binding.version) return { address: binding.address, version: binding.version };
    if (!this.metas.has(binding)) {
      // Embedded tarballs say what they pin only inside: extract those of a package named for the provider.
      const { type } = parseProviderAddress(address);
      const packageName = path.basename(path.dirname(path.dirname(binding.location))).replace(/-/g, "_");
      const named = packageName === type.replace(/-/g, "_") || packageName.endsWith(`_${type.replace(/-/g, "_")}`);
      this.metas.set(binding, named ? extractToCache(binding, path.join(this.cache, cacheKey(binding))) : undefined);
    }
    return this.metas.get(binding);
  }

  private matching(address: string): { binding: ProjectBinding; version: string }[] {
    const wanted = normalizeProviderAddress(address);
    return this.bindings().flatMap((binding) => {
      const meta = this.meta(binding, wanted);
      return meta && normalizeProviderAddress(meta.address) === wanted ? [{ binding, version: normalizeVersion(meta.version) ?? meta.version }] : [];
    });
  }

  providers(): string[] {
    return [...new Set(this.bindings().flatMap((b) => (b.address ? [normalizeProviderAddress(b.address)] : [])))].sort();
  }

  versions(address: string): string[] {
    return sortVersions(new Set(this.matching(address).map((m) => m.version)));
  }

  /** Which binding a version comes from, for `checkedAgainst`. */
  bindingOf(address: string, version: string): ProjectBinding | undefined {
    const wanted = normalizeVersion(version) ?? version;
    return this.matching(address).find((m) => m.version === wanted)?.binding;
  }

  open(address: string, version: string): StoredSnapshot {
    const binding = this.bindingOf(address, version);
    if (!binding) throw new Error(`no project bindings for ${normalizeProviderAddress(address)} ${version}`);
    const entry = path.join(this.cache, cacheKey(binding));
    extractToCache(binding, entry);
    return storeAt(this.stores, entry).open(address, version);
  }

  origin(address: string, version: string): string | undefined {
    const binding = this.bindingOf(address, version);
    return binding && `the project's bindings ${binding.display} (extracted once into ${path.join(this.cache, cacheKey(binding))})`;
  }
}
