/**
 * Builds and extends the shipped provider histories (schemas/<address>/history/): every provider
 * version pinned by a published `@cdktf/provider-<name>` or `@cdktn/provider-<name>` release.
 *
 *   npm run schemas:history                  every provider below; after a new binding release, the same command adds it
 *   npm run schemas:history -- aws random    only these
 *   npm run schemas:history -- --fresh       extract every version again (after a change to the extractor)
 *
 * 1. Plan: the registry's package documents (from npm's configured registry) list each release
 *    and the provider version it pins (`cdktf.provider.version`); per pinned version the newest
 *    release is used.
 * 2. Extract, one package at a time: download its tarball (integrity checked), read the jsii
 *    assembly and generated sources straight from the stream, write the extracted schema to
 *    .cache/schema-history/<provider>/<version>.json.gz (through a temporary name), delete the
 *    tarball. Versions already extracted there, or already in the committed history from the
 *    same package, are not downloaded again: a stop loses nothing done, a rerun resumes.
 * 3. Assemble the history (one copy of each distinct type body) and print what it holds.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import semver from "semver";
import { BINDINGS_NOTES, extractFromPackage, type ExtractedProvider } from "../src/schema/extract/index.js";
import { readPackageTarball } from "../src/schema/extract/package.js";
import type { ProviderSchema } from "../src/schema/format.js";
import { History } from "../src/schema/store/history.js";
import { HistoryBuilder, historyDir } from "../src/schema/store/history-write.js";
import { HISTORY_INDEX_FILE } from "../src/schema/store/history-format.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schemasDir = path.join(root, "schemas");
const workRoot = path.join(root, ".cache", "schema-history");

/** Providers whose histories ship: `hashicorp/<name>`, from both binding families. */
export const HISTORY_PROVIDERS = ["aws", "null", "random", "archive", "time", "tls", "local"];
const FAMILIES = ["@cdktf", "@cdktn"];

interface Release {
  version: string;
  package: string;
  spec: string;
  release: string;
  tarball: string;
  integrity: string;
}

interface Packument {
  versions?: Record<string, { cdktf?: { provider?: { version?: string } }; dist?: { tarball?: string; integrity?: string } }>;
  time?: Record<string, string>;
}

const registry = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim().replace(/\/?$/, "/");

async function packument(name: string): Promise<Packument | undefined> {
  const response = await fetch(`${registry}${name.replace("/", "%2f")}`, { headers: { accept: "application/json" } });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${name}: the registry answered ${response.status}`);
  return (await response.json()) as Packument;
}

/** Per pinned provider version, the newest release that pins it (of @cdktn when both families do). */
async function plan(provider: string): Promise<Release[]> {
  const byVersion = new Map<string, Release>();
  for (const family of FAMILIES) {
    const name = `${family}/provider-${provider}`;
    const document = await packument(name);
    for (const [release, manifest] of Object.entries(document?.versions ?? {})) {
      const pinned = semver.valid(manifest.cdktf?.provider?.version ?? "");
      const { tarball, integrity } = manifest.dist ?? {};
      if (!pinned || !tarball || !integrity || semver.prerelease(release)) continue;
      const candidate = { version: pinned, package: name, release, spec: `${name}@${release}`, tarball, integrity };
      const current = byVersion.get(pinned);
      // The newest release of the newest family: the latest generator's rendering of that version.
      if (!current || current.package !== name || semver.gt(release, current.release)) byVersion.set(pinned, candidate);
    }
  }
  return [...byVersion.values()].sort((a, b) => semver.compare(a.version, b.version));
}

interface WorkFile {
  address: string;
  version: string;
  from: string;
  createdAt: string;
  schema: ProviderSchema;
}

const workFile = (provider: string, version: string) => path.join(workRoot, provider, `${version}.json.gz`);

function readWork(file: string): WorkFile {
  return JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as WorkFile;
}

function writeWork(file: string, work: WorkFile): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, gzipSync(JSON.stringify(work), { level: 1 }));
  renameSync(`${file}.tmp`, file);
}

/** A version of the committed history, decoded whole (to carry it over without downloading). */
function fromHistory(history: History, version: string): WorkFile {
  const snapshot = history.snapshot(version);
  const table = (names: readonly string[], get: (t: string) => unknown) => Object.fromEntries(names.map((t) => [t, get(t)]));
  return {
    address: history.address,
    version,
    from: snapshot.provenance.from,
    createdAt: snapshot.provenance.createdAt,
    schema: {
      provider: { block: snapshot.provider() },
      resource_schemas: table(snapshot.resourceTypes(), (t) => snapshot.resource(t)),
      data_source_schemas: table(snapshot.dataSourceTypes(), (t) => snapshot.dataSource(t)),
    } as ProviderSchema,
  };
}

async function download(release: Release, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${release.spec.replace(/^@/, "").replace(/[/@]/g, "-")}.tgz`);
  const response = await fetch(release.tarball);
  if (!response.ok) throw new Error(`${release.spec}: download failed (${response.status})`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const [algorithm, expected] = release.integrity.split("-", 2) as [string, string];
  const actual = createHash(algorithm).update(bytes).digest("base64");
  if (actual !== expected) throw new Error(`${release.spec}: integrity mismatch (${algorithm} ${actual}, expected ${expected})`);
  writeFileSync(file, bytes);
  return file;
}

async function extract(release: Release, tarball: string): Promise<ExtractedProvider> {
  const extracted = extractFromPackage(await readPackageTarball(tarball));
  if (extracted.version !== release.version) {
    throw new Error(`${release.spec}: its provider module says ${extracted.version}, its package.json pins ${release.version}`);
  }
  return extracted;
}

async function buildProvider(provider: string, fresh: boolean): Promise<{ versions: number; bytes: number; bodies: number; downloaded: number }> {
  const releases = await plan(provider);
  if (releases.length === 0) throw new Error(`no published bindings pin a version of ${provider}`);
  const address = `registry.terraform.io/hashicorp/${provider}`;
  const committedDir = historyDir(schemasDir, address);
  const committed = !fresh && existsSync(path.join(committedDir, HISTORY_INDEX_FILE)) ? new History(committedDir) : undefined;
  if (fresh) rmSync(path.join(workRoot, provider), { recursive: true, force: true });
  const tarballs = path.join(workRoot, "tarballs", provider);
  let downloaded = 0;
  let next: Promise<string> | undefined;
  const pending = releases.filter((r) => {
    const file = workFile(provider, r.version);
    return !(existsSync(file) && readWork(file).from === r.spec);
  });
  console.log(`${provider}: ${releases.length} pinned versions (${releases[0]!.version} … ${releases[releases.length - 1]!.version}), ${pending.length} to extract`);
  for (const [i, release] of pending.entries()) {
    const started = performance.now();
    const file = workFile(provider, release.version);
    if (committed?.has(release.version) && committed.snapshot(release.version).provenance.from === release.spec) {
      writeWork(file, fromHistory(committed, release.version));
      console.log(`  ${release.version}  ${release.spec}  from the committed history`);
      continue;
    }
    // The next download runs while this package is extracted.
    const tarball = await (next ?? download(release, tarballs));
    const following = pending.slice(i + 1).find((r) => !(committed?.has(r.version) && committed.snapshot(r.version).provenance.from === r.spec));
    next = following ? download(following, tarballs) : undefined;
    try {
      const extracted = await extract(release, tarball);
      writeWork(file, { address: extracted.address, version: release.version, from: release.spec, createdAt: extracted.provenance.createdAt, schema: extracted.schema });
    } finally {
      rmSync(tarball, { force: true });
    }
    downloaded++;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`  ${release.version}  ${release.spec}  ${seconds} s  (${i + 1}/${pending.length})`);
  }
  await next?.then((file) => rmSync(file, { force: true }));
  rmSync(tarballs, { recursive: true, force: true });

  const builder = new HistoryBuilder(address, BINDINGS_NOTES);
  for (const release of releases) {
    const work = readWork(workFile(provider, release.version));
    if (work.address !== address) throw new Error(`${release.spec}: extracted ${work.address}, expected ${address}`);
    builder.add({ version: work.version, from: work.from, createdAt: work.createdAt, schema: work.schema });
  }
  const written = await builder.write(schemasDir);
  return { versions: builder.size, bytes: written.bytes, bodies: written.bodies, downloaded };
}

async function main(args: string[]): Promise<void> {
  const fresh = args.includes("--fresh");
  const providers = args.filter((a) => a !== "--fresh");
  const started = performance.now();
  const rows: string[] = [];
  let total = 0;
  for (const provider of providers.length > 0 ? providers : HISTORY_PROVIDERS) {
    const result = await buildProvider(provider, fresh);
    total += result.bytes;
    rows.push(`  ${provider.padEnd(8)} ${String(result.versions).padStart(4)} versions  ${String(result.bodies).padStart(6)} distinct bodies  ${(result.bytes / 1024).toFixed(0).padStart(6)} KiB  (${result.downloaded} downloaded)`);
  }
  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  console.log(`\n${rows.join("\n")}\n  total ${(total / 1024).toFixed(0)} KiB in ${minutes} min`);
}

await main(process.argv.slice(2));
