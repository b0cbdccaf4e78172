/**
 * Schema stores. A `SchemaStore` is a directory holding snapshots in two layouts: one snapshot per
 * version (pack.ts: what `schema fetch`/`schema extract` write to a project's `.cdktf-schemas/`,
 * and the user cache of extracted bindings) and provider histories (history-format.ts: every
 * published version of a provider, which is how the shipped `schemas/` holds aws and the small
 * providers). `SchemaStores` sees several sources as one, the first holding a version winning:
 * the project's `.cdktf-schemas/`, the shipped schemas, the user cache, the project's own bindings
 * (index.ts puts them together).
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { normalizeProviderAddress, parseProviderAddress } from "../address.js";
import type { ProviderSchemaSnapshot } from "../model.js";
import { newestSatisfying, normalizeVersion, sortVersions } from "../versions.js";
import { HISTORY_DIR, HISTORY_INDEX_FILE } from "./history-format.js";
import { History } from "./history.js";
import { INDEX_FILE, snapshotDir } from "./pack.js";
import { PackedSnapshot } from "./snapshot.js";
import { SHIPPED_SCHEMAS_DIR } from "./locations.js";

export { PROJECT_SCHEMAS_DIR, SHIPPED_SCHEMAS_DIR } from "./locations.js";

/** A snapshot as stores hand it out: lazy, and counting what it decoded. */
export type StoredSnapshot = ProviderSchemaSnapshot & { readonly decodedEntries: number };

/** What `SchemaStores` needs of a source of schemas. */
export interface SchemaProvider {
  /** Where its schemas come from, as `schema list` and `checkedAgainst` say it. */
  readonly label: string;
  providers(): string[];
  versions(address: string): string[];
  open(address: string, version: string): StoredSnapshot;
  /** Costly to list (the project's bindings): consulted only when the others have no match. */
  readonly costly?: boolean;
  /** Where one version comes from, when the label alone does not say. */
  origin?(address: string, version: string): string | undefined;
}

const subdirs = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];

export class SchemaStore implements SchemaProvider {
  private readonly opened = new Map<string, PackedSnapshot>();
  private readonly histories = new Map<string, History | null>();
  /** Where the histories remember what runs decoded (see History.remember); unset, they do not. */
  private rememberIn: string | undefined;

  constructor(
    readonly dir: string,
    readonly label = dir,
  ) {}

  static shipped(): SchemaStore {
    return new SchemaStore(SHIPPED_SCHEMAS_DIR, "shipped");
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

  /** Versions of a provider, ascending; the address may be `aws`, `hashicorp/aws`, … */
  versions(address: string): string[] {
    const { hostname, namespace, type } = parseProviderAddress(address);
    const dir = path.join(this.dir, hostname, namespace, type);
    const single = subdirs(dir).filter((v) => v !== HISTORY_DIR && existsSync(path.join(dir, v, INDEX_FILE)));
    return sortVersions(new Set([...single, ...(this.history(address)?.versions ?? [])]));
  }

  /** The newest version satisfying a Terraform version constraint. */
  resolve(address: string, constraint?: string): string | undefined {
    return newestSatisfying(this.versions(address), constraint);
  }

  /** A version's own snapshot directory wins over the provider's history. */
  open(address: string, version: string): StoredSnapshot {
    const normalized = normalizeProviderAddress(address);
    const wanted = normalizeVersion(version) ?? version;
    const dir = snapshotDir(this.dir, normalized, wanted);
    const history = this.history(normalized);
    if (!existsSync(path.join(dir, INDEX_FILE)) && history?.has(wanted)) return history.snapshot(wanted);
    const key = `${normalized}@${wanted}`;
    let snapshot = this.opened.get(key);
    if (!snapshot) {
      snapshot = new PackedSnapshot(dir);
      this.opened.set(key, snapshot);
    }
    return snapshot;
  }

  /** From now on, histories take the bodies earlier runs decoded from `dir`, and `saveDecoded` keeps this run's there. */
  rememberDecoded(dir: string): void {
    // Asked again (a second SchemaCheck): what this run decoded so far is kept as it is.
    if (this.rememberIn === dir) return;
    this.rememberIn = dir;
    for (const history of this.histories.values()) history?.remember(dir);
  }

  saveDecoded(): void {
    for (const history of this.histories.values()) history?.save();
  }

  /** The provider's history, read once; corrupt ones throw `SchemaFileError` naming the file. */
  private history(address: string): History | undefined {
    const normalized = normalizeProviderAddress(address);
    let history = this.histories.get(normalized);
    if (history === undefined) {
      const { hostname, namespace, type } = parseProviderAddress(normalized);
      const dir = path.join(this.dir, hostname, namespace, type, HISTORY_DIR);
      history = existsSync(path.join(dir, HISTORY_INDEX_FILE)) ? new History(dir, this.rememberIn) : null;
      this.histories.set(normalized, history);
    }
    return history ?? undefined;
  }
}

/**
 * Several sources seen as one: versions are the union, and a version present in more than one
 * source is opened from the first (a project's own snapshot wins over the shipped one).
 */
export class SchemaStores {
  constructor(readonly stores: readonly SchemaProvider[]) {}

  providers(): string[] {
    return [...new Set(this.stores.flatMap((s) => s.providers()))].sort();
  }

  versions(address: string): string[] {
    return sortVersions(new Set(this.stores.flatMap((s) => s.versions(address))));
  }

  /**
   * The newest version satisfying the constraint. Costly sources (the project's bindings, whose
   * discovery reads node_modules and virtualenvs) are asked only when the others have none.
   */
  resolve(address: string, constraint?: string): string | undefined {
    const cheap = this.stores.filter((s) => !s.costly).flatMap((s) => s.versions(address));
    return newestSatisfying(cheap, constraint) ?? newestSatisfying(this.versions(address), constraint);
  }

  /** The source holding a version (cheap sources first), or undefined. */
  storeOf(address: string, version: string): SchemaProvider | undefined {
    const wanted = normalizeVersion(version) ?? version;
    const ordered = [...this.stores.filter((s) => !s.costly), ...this.stores.filter((s) => s.costly)];
    return ordered.find((s) => s.versions(address).includes(wanted));
  }

  open(address: string, version: string): StoredSnapshot {
    const store = this.storeOf(address, version);
    if (!store) throw new Error(`no schema for ${normalizeProviderAddress(address)} ${version}`);
    return store.open(address, version);
  }

  /** Where a version comes from (`shipped`, `.cdktf-schemas`, the bindings' path…). */
  origin(address: string, version: string): string | undefined {
    const store = this.storeOf(address, version);
    return store && (store.origin?.(address, version) ?? store.label);
  }
}
