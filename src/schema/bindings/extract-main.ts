/**
 * Child process of project.ts: `node extract-main.js <bindings> <cache entry>` extracts one
 * binding's schema into a cache entry (the snapshot, then meta.json last, so an entry with
 * meta.json is complete). Any failure ends with one line on stderr and exit code 1.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { extractFromBindings } from "../extract/index.js";
import { writeSnapshot } from "../store/write.js";
import { META_FILE, type CacheMeta } from "./project.js";

const [location, entry] = process.argv.slice(2);
try {
  if (!location || !entry) throw new Error("usage: extract-main <bindings> <cache entry>");
  const extracted = await extractFromBindings(location);
  const partial = `${entry}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await writeSnapshot({ schemasDir: partial, ...extracted });
  const meta: CacheMeta = { address: extracted.address, version: extracted.version, origin: extracted.provenance.from, location };
  await writeFile(path.join(partial, META_FILE), JSON.stringify(meta, null, 2) + "\n");
  await mkdir(path.dirname(entry), { recursive: true });
  await rm(entry, { recursive: true, force: true });
  await rename(partial, entry);
} catch (err) {
  process.stderr.write(`${(err as Error).message.split("\n")[0]}\n`);
  process.exitCode = 1;
} finally {
  if (entry) await rm(`${entry}.partial-${process.pid}`, { recursive: true, force: true });
}
