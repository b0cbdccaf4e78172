/**
 * Regenerates schemas/terraform/functions.json from Terraform's Go source: the built-in
 * functions of the newest patch release of every minor version from 1.5 on (plus any versions
 * given), and whether `core::` and `provider::` function names exist there. Updating to a new
 * Terraform release is this one command (after fetching hashicorp/terraform):
 *
 *   npm run functions:generate [-- --git-dir DIR] [-- 1.9.8 1.10.2 …]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { FUNCTIONS_FORMAT, type FunctionsFile, SHIPPED_FUNCTIONS_FILE } from "../src/terraform/functions.js";
import { extractFunctions } from "./functions/extract.js";
import { releasesFromCommandLine } from "./terraform-source.js";

const { source, releases } = releasesFromCommandLine("generate-function-list", process.argv);

const file: FunctionsFile = {
  format: FUNCTIONS_FORMAT,
  source: `hashicorp/terraform release tags (internal/lang/functions.go), ${path.basename(SHIPPED_FUNCTIONS_FILE)} by scripts/generate-function-list.ts`,
  releases: {},
};
let previous: string[] = [];
for (const version of releases) {
  const release = extractFunctions(source.read(version, "internal/lang/functions.go"));
  file.releases[version] = release;
  const added = release.functions.filter((f) => !previous.includes(f));
  const removed = previous.filter((f) => !release.functions.includes(f));
  const changes = previous.length === 0 ? "" : ` (${[...added.map((f) => `+${f}`), ...removed.map((f) => `-${f}`)].join(" ") || "unchanged"})`;
  console.log(`v${version}: ${release.functions.length} functions${release.coreNamespace ? ", core::" : ""}${release.providerFunctions ? ", provider::" : ""}${changes}`);
  previous = release.functions;
}
writeFileSync(SHIPPED_FUNCTIONS_FILE, JSON.stringify(file, null, 1) + "\n");
console.log(`${path.relative(process.cwd(), SHIPPED_FUNCTIONS_FILE)}: ${Object.keys(file.releases).length} releases`);
