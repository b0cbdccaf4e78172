/**
 * A prebuilt binding package as the jsii extractor reads it: its manifest, its `.jsii` assembly
 * and the generated source of its modules. From an unpacked npm package (`node_modules/@cdktf/
 * provider-aws`), or straight from a tarball: the npm `.tgz` itself, or the `.jsii.tgz` that the
 * Python, Java, C# and Go packages embed (the same npm tarball). Tarballs are read as a stream,
 * keeping only the assembly and the facts scanned from each module, never unpacking to disk.
 */
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createRequire } from "node:module";
import { createGunzip, gunzipSync } from "node:zlib";
import { embeddedSource, scanGeneratedSource, type GeneratedModule } from "./generated-source.js";
import { BindingsLayoutError } from "./sources.js";

export interface BindingPackage {
  /** `@cdktf/provider-aws@21.22.1`, or the path read. */
  origin: string;
  manifest?: Record<string, unknown>;
  assembly: unknown;
  /** The generator's facts for a module, by the file name jsii records (`src/backup-plan/index.ts`). */
  module(file: string): GeneratedModule | undefined;
}

export class BindingPackageError extends BindingsLayoutError {}

const ASSEMBLY_FILE = ".jsii";

/** `src/backup-plan/index.ts` → `lib/backup-plan/index.js`: where tsc put the compiled module. */
const compiledPath = (file: string) => file.replace(/^src\//, "lib/").replace(/\.ts$/, ".js");

const originOf = (manifest: Record<string, unknown> | undefined, fallback: string) =>
  manifest && typeof manifest.name === "string" && typeof manifest.version === "string" ? `${manifest.name}@${manifest.version}` : fallback;

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BindingPackageError(`${file}: not valid JSON (${(err as Error).message}); is it truncated?`);
  }
}

/**
 * jsii may write the assembly compressed, leaving a redirect in `.jsii`
 * (`{"schema":"jsii/file-redirect","compression":"gzip","filename":".jsii.gz"}`).
 */
function redirectOf(value: unknown): string | undefined {
  const v = value as { schema?: unknown; filename?: unknown } | undefined;
  return v?.schema === "jsii/file-redirect" && typeof v.filename === "string" ? v.filename : undefined;
}

/** An unpacked package: the assembly is read whole, modules lazily as the extractor asks. */
export async function readPackageDirectory(dir: string): Promise<BindingPackage> {
  const root = path.resolve(dir);
  const manifestFile = path.join(root, "package.json");
  const manifest = existsSync(manifestFile) ? (parseJson(await readFile(manifestFile, "utf8"), manifestFile) as Record<string, unknown>) : undefined;
  const assemblyFile = path.join(root, ASSEMBLY_FILE);
  let assembly = parseJson(await readFile(assemblyFile, "utf8"), assemblyFile);
  const redirect = redirectOf(assembly);
  if (redirect) {
    const target = path.join(root, redirect);
    assembly = parseJson(gunzipSync(await readFile(target)).toString("utf8"), target);
  }
  const scanned = new Map<string, GeneratedModule | undefined>();
  return {
    origin: originOf(manifest, root),
    ...(manifest ? { manifest } : {}),
    assembly,
    module(file) {
      if (!scanned.has(file)) {
        const compiled = path.join(root, compiledPath(file));
        const source = existsSync(compiled) ? embeddedSource(readFileSync(compiled, "utf8")) : undefined;
        scanned.set(file, source === undefined ? undefined : scanGeneratedSource(source));
      }
      return scanned.get(file);
    },
  };
}

/**
 * tar-stream, loaded when a tarball is read (a check of installed bindings never needs it), with
 * `require`: the command line is a script (src/cli/launch.ts), where `import()` of a package
 * would need Node's experimental loader hook.
 */
function tarStream(): typeof import("tar-stream") {
  return createRequire(import.meta.url)("tar-stream") as typeof import("tar-stream");
}

/** A package tarball (`.tgz`, or a jsii-embedded `.jsii.tgz`), read in one pass. */
export async function readPackageTarball(file: string): Promise<BindingPackage> {
  const { extract } = tarStream();
  const entries = extract();
  const modules = new Map<string, GeneratedModule>();
  const files = new Map<string, Buffer>();
  const wanted = (name: string) => name === "package.json" || name === ASSEMBLY_FILE || name === `${ASSEMBLY_FILE}.gz`;
  const consume = (async () => {
    for await (const entry of entries) {
      // npm tarballs put everything under `package/`.
      const name = entry.header.name.replace(/^[^/]+\//, "");
      const compiledModule = name.startsWith("lib/") && name.endsWith(".js");
      if (entry.header.type !== "file" || !(compiledModule || wanted(name))) {
        entry.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const content = Buffer.concat(chunks);
      if (compiledModule) {
        const source = embeddedSource(content.toString("utf8"));
        if (source !== undefined) modules.set(name, scanGeneratedSource(source));
      } else files.set(name, content);
    }
  })();
  // Both settle before the outcome is judged: a broken stream fails the reader and the consumer.
  const [piped, consumed] = await Promise.allSettled([pipeline(createReadStream(file), createGunzip(), entries), consume]);
  const failed = [piped, consumed].find((r) => r.status === "rejected");
  if (failed) throw new BindingPackageError(`${file}: not a readable package tarball (${(failed.reason as Error).message})`);
  const manifestText = files.get("package.json");
  const manifest = manifestText ? (parseJson(manifestText.toString("utf8"), `${file}: package.json`) as Record<string, unknown>) : undefined;
  const assemblyText = files.get(ASSEMBLY_FILE);
  if (!assemblyText) throw new BindingPackageError(`${file}: no .jsii assembly in the tarball`);
  let assembly = parseJson(assemblyText.toString("utf8"), `${file}: .jsii`);
  const redirect = redirectOf(assembly);
  if (redirect) {
    const compressed = files.get(redirect);
    if (!compressed) throw new BindingPackageError(`${file}: .jsii redirects to ${redirect}, which the tarball lacks`);
    assembly = parseJson(gunzipSync(compressed).toString("utf8"), `${file}: ${redirect}`);
  }
  return {
    origin: originOf(manifest, file),
    ...(manifest ? { manifest } : {}),
    assembly,
    module: (moduleFile) => modules.get(compiledPath(moduleFile)),
  };
}
