/**
 * The schema store: a directory of snapshots in the pack layout (see pack.ts). `SchemaStore.shipped()`
 * is the `schemas/` directory this package ships; `schema fetch` and `schema extract` write a
 * project's own snapshots to `.cdktf-schemas/`, which is consulted first (see `SchemaStores`).
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { normalizeProviderAddress, parseProviderAddress } from "../address.js";
import { newestSatisfying, normalizeVersion, sortVersions } from "../versions.js";
import { INDEX_FILE } from "./pack.js";
import { PackedSnapshot } from "./snapshot.js";
import { snapshotDir } from "./write.js";

/** `schemas/` at the package root: three levels up from src/schema/store or dist/schema/store. */
export const SHIPPED_SCHEMAS_DIR = fileURLToPath(new URL("../../../schemas", import.meta.url));

const subdirs = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];

export class SchemaStore {
  private readonly opened = new Map<string, PackedSnapshot>();

  constructor(readonly dir: string) {}

  static shipped(): SchemaStore {
    return new SchemaStore(SHIPPED_SCHEMAS_DIR);
  }

  /** Normalised addresses of every provider with at least one snapshot. */
  providers(): string[] {
    const found: string[] = [];
    for (const hostname of subdirs(this.dir)) {
      for (const namespace of subdirs(path.join(this.dir, hostname))) {
        for (const type of subdirs(path.join(this.dir, hostname, namespace))) {
          const address = `${hostname}/${namespace}/${type}`;
          if (this.versions(address).length > 0) found.push(address);
        }
      }
    }
    return found.sort();
  }

  /** Shipped versions of a provider, ascending; the address may be `aws`, `hashicorp/aws`, … */
  versions(address: string): string[] {
    const { hostname, namespace, type } = parseProviderAddress(address);
    const dir = path.join(this.dir, hostname, namespace, type);
    return sortVersions(subdirs(dir).filter((v) => existsSync(path.join(dir, v, INDEX_FILE))));
  }

  /** The newest snapshot version satisfying a Terraform version constraint. */
  resolve(address: string, constraint?: string): string | undefined {
    return newestSatisfying(this.versions(address), constraint);
  }

  open(address: string, version: string): PackedSnapshot {
    const normalized = normalizeProviderAddress(address);
    const key = `${normalized}@${normalizeVersion(version) ?? version}`;
    let snapshot = this.opened.get(key);
    if (!snapshot) {
      snapshot = new PackedSnapshot(snapshotDir(this.dir, normalized, normalizeVersion(version) ?? version));
      this.opened.set(key, snapshot);
    }
    return snapshot;
  }
}

/** Where `schema fetch` / `schema extract` put a project's own snapshots, relative to its root. */
export const PROJECT_SCHEMAS_DIR = ".cdktf-schemas";

/**
 * Several stores seen as one: versions are the union, and a version present in more than one
 * store is opened from the first (a project's own snapshot wins over the shipped one).
 */
export class SchemaStores {
  constructor(readonly stores: readonly SchemaStore[]) {}

  providers(): string[] {
    return [...new Set(this.stores.flatMap((s) => s.providers()))].sort();
  }

  versions(address: string): string[] {
    return sortVersions([...new Set(this.stores.flatMap((s) => s.versions(address)))]);
  }

  resolve(address: string, constraint?: string): string | undefined {
    return newestSatisfying(this.versions(address), constraint);
  }

  /** The store holding a version, or undefined. */
  storeOf(address: string, version: string): SchemaStore | undefined {
    const wanted = normalizeVersion(version) ?? version;
    return this.stores.find((s) => s.versions(address).includes(wanted));
  }

  open(address: string, version: string): PackedSnapshot {
    return (this.storeOf(address, version) ?? this.stores[this.stores.length - 1]!).open(address, version);
  }
}

let shared: SchemaStore | undefined;

/** One process-wide store over the shipped schemas, so snapshots opened once stay cached. */
export function shippedSchemas(): SchemaStore {
  return (shared ??= SchemaStore.shipped());
}

/** The project's own snapshots under `cwd` (when there are any), then the shipped ones. */
export function defaultSchemas(cwd = process.cwd()): SchemaStores {
  const project = path.resolve(cwd, PROJECT_SCHEMAS_DIR);
  return new SchemaStores(existsSync(project) ? [new SchemaStore(project), shippedSchemas()] : [shippedSchemas()]);
}
