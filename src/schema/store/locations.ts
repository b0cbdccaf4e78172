/**
 * Where schema stores are: the shipped ones at the package root, a project's own beside its
 * cdktf.json. A module of its own so that the command line can name them (its help) without
 * loading the stores.
 */
import { fileURLToPath } from "node:url";

/** `schemas/` at the package root: three levels up from src/schema/store or dist/schema/store. */
export const SHIPPED_SCHEMAS_DIR = fileURLToPath(new URL("../../../schemas", import.meta.url));

/** Where `schema fetch` / `schema extract` put a project's own snapshots, relative to its root. */
export const PROJECT_SCHEMAS_DIR = ".cdktf-schemas";
