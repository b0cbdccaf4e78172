/**
 * The schema store: a directory of snapshots in the pack layout (see pack.ts). `SchemaStore.shipped()`
 * is the `schemas/` directory this package ships; users may point at their own with `--schemas`.
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

let shared: SchemaStore | undefined;

/** One process-wide store over the shipped schemas, so snapshots opened once stay cached. */
export function shippedSchemas(): SchemaStore {
  return (shared ??= SchemaStore.shipped());
}
