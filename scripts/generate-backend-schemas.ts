/**
 * Regenerates schemas/terraform/backends.json from Terraform's Go source: for the newest patch
 * release of every minor version from 1.5 on (plus any versions given), the backend and `cloud`
 * schemas at that tag. Updating to a new Terraform release is this one command.
 *
 *   npm run backends:generate [-- --git-dir DIR] [-- 1.9.8 1.10.2 …]
 *
 * DIR is a bare clone of hashicorp/terraform (default /work/.mirror/hashicorp+terraform/repo).
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { BACKENDS_FORMAT, type BackendSchema, type BackendsFile, SHIPPED_BACKENDS_FILE } from "../src/terraform/backends.js";
import { extractBackends, type SourceTree } from "./backends/extract.js";
import { releasesFromCommandLine } from "./terraform-source.js";

const { source, releases: wanted } = releasesFromCommandLine("generate-backend-schemas", process.argv);

const file: BackendsFile = { format: BACKENDS_FORMAT, source: `hashicorp/terraform release tags, ${path.basename(SHIPPED_BACKENDS_FILE)} by scripts/generate-backend-schemas.ts`, releases: {}, schemas: {} };
/** Identical schemas across releases are stored once, under `<name>#<hash>`. */
function store(name: string, schema: BackendSchema): string {
  const text = JSON.stringify(schema);
  const id = `${name}#${createHash("sha256").update(text).digest("hex").slice(0, 10)}`;
  file.schemas[id] = schema;
  return id;
}

for (const version of wanted) {
  const tree: SourceTree = { read: (f) => source.read(version, f), goFiles: (dir) => source.goFiles(version, dir) };
  const started = performance.now();
  const extracted = extractBackends(tree);
  file.releases[version] = {
    backends: Object.fromEntries(Object.entries(extracted.backends).map(([name, schema]) => [name, store(name, schema)])),
    removed: extracted.removed,
    cloud: store("cloud", extracted.cloud),
  };
  console.log(`v${version}: ${Object.keys(extracted.backends).sort().join(", ")} + cloud (${(performance.now() - started).toFixed(0)} ms)`);
}
writeFileSync(SHIPPED_BACKENDS_FILE, JSON.stringify(file) + "\n");
console.log(`${path.relative(process.cwd(), SHIPPED_BACKENDS_FILE)}: ${wanted.length} releases, ${Object.keys(file.schemas).length} distinct schemas`);
