/**
 * The schemas a check uses, in order: the project's own snapshots (`.cdktf-schemas/`), the shipped
 * histories, bindings extracted earlier (the user cache), then the bindings the project itself
 * installs (node_modules, `cdktf get` output, Python imports and virtualenvs), extracted once.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { privateCacheDirectory } from "../../core/private-cache.js";
import { ProjectBindings, userCacheStore } from "../bindings/project.js";
import { PROJECT_SCHEMAS_DIR, SchemaStore, SchemaStores } from "./store.js";

export * from "./store.js";

let shared: SchemaStore | undefined;

/** One process-wide store over the shipped schemas, so snapshots opened once stay cached. */
export function shippedSchemas(): SchemaStore {
  return (shared ??= SchemaStore.shipped());
}

/**
 * The shipped schemas, from now on taking the bodies earlier runs decoded from this user's
 * private cache directory, as the command line and SchemaCheck do (remembered.ts); gives what
 * keeps this run's there once it is done, or undefined when that directory is off.
 */
export function rememberShippedDecodes(): (() => void) | undefined {
  const dir = privateCacheDirectory();
  if (!dir) return undefined;
  const shipped = shippedSchemas();
  shipped.rememberDecoded(dir);
  return () => shipped.saveDecoded();
}

/** The schemas available to a project rooted at `cwd`. */
export function defaultSchemas(cwd = process.cwd()): SchemaStores {
  const project = path.resolve(cwd, PROJECT_SCHEMAS_DIR);
  return new SchemaStores([
    ...(existsSync(project) ? [new SchemaStore(project, PROJECT_SCHEMAS_DIR)] : []),
    shippedSchemas(),
    userCacheStore(),
    new ProjectBindings(cwd),
  ]);
}
