/**
 * Regenerates every shipped snapshot listed in `schemas/sources.json`: packs each prebuilt
 * binding package with `npm pack` into `.cache/bindings/` (no install, no install scripts),
 * unpacks it, extracts its schema and writes the snapshot under `schemas/`.
 *
 *   npm run schemas:regenerate [-- <package-name-filter>]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "../src/zod.js";
import { extractFromBindings } from "../src/schema/extract/index.js";
import { writeSnapshot } from "../src/schema/store/write.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = path.join(root, ".cache", "bindings");
const schemasDir = path.join(root, "schemas");

const sourcesSchema = z.object({ snapshots: z.array(z.object({ package: z.string() })) });

/** `@cdktf/provider-aws@21.22.1` → unpacked package directory, packing it first if needed. */
function unpack(spec: string): string {
  mkdirSync(cacheDir, { recursive: true });
  const tarball = path.join(cacheDir, spec.replace(/^@/, "").replace(/[/@]/g, "-") + ".tgz");
  if (!existsSync(tarball)) {
    const packed = execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", cacheDir], { encoding: "utf8" }).trim();
    if (path.join(cacheDir, packed) !== tarball) throw new Error(`npm pack ${spec} wrote ${packed}, expected ${path.basename(tarball)}`);
  }
  const dir = tarball.slice(0, -".tgz".length);
  if (!existsSync(path.join(dir, "package", "package.json"))) {
    mkdirSync(dir, { recursive: true });
    execFileSync("tar", ["xzf", tarball, "-C", dir]);
  }
  return path.join(dir, "package");
}


async function main(filter?: string): Promise<void> {
  const sources = sourcesSchema.parse(JSON.parse(readFileSync(path.join(schemasDir, "sources.json"), "utf8")));
  for (const { package: spec } of sources.snapshots) {
    if (filter && !spec.includes(filter)) continue;
    const started = performance.now();
    const dir = unpack(spec);
    let last = 0;
    const extracted = await extractFromBindings(dir, {
      onProgress: (done, total) => {
        const percent = Math.floor((done / total) * 10) * 10;
        if (percent > last || done === total) process.stderr.write(`\r${spec}: ${done}/${total} modules`);
        last = percent;
      },
    });
    const written = await writeSnapshot({ schemasDir, ...extracted });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const kib = (written.bytes / 1024).toFixed(0);
    process.stderr.write(`\r${spec}: ${extracted.address} ${extracted.version} → ${path.relative(root, written.path)} (${kib} KiB, ${seconds}s)\n`);
  }
}

await main(process.argv[2]);
