/**
 * Finds the CDKTF bindings a project itself uses, without extracting them:
 *
 * - prebuilt npm packages: `node_modules/@cdktf/provider-*` and `node_modules/@cdktn/provider-*`
 *   (their package.json names the provider and the version it pins);
 * - `cdktf get` output: `.gen/providers/<name>/` for TypeScript (the provider module names the
 *   version), `imports/<name>/_jsii/*.jsii.tgz` for Python, or wherever cdktf.json's
 *   `codeMakerOutput` points;
 * - Python virtualenvs `.venv` and `venv`: `site-packages/<package>/_jsii/*.jsii.tgz`, the npm
 *   tarball every jsii Python package embeds.
 *
 * Each binding has a cache key naming its package and version (what it pins is read from the
 * tarball's manifest when the path does not say).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { nodeCrypto } from "../../core/builtins.js";
import path from "node:path";

export interface ProjectBinding {
  /** Absolute path: a package directory, a `.gen/providers/<name>` tree, or a `.jsii.tgz`. */
  location: string;
  kind: "package" | "typescript" | "tarball";
  /** What the user sees: the path relative to the project. */
  display: string;
  /** Provider address and version, when known before extraction. */
  address?: string;
  version?: string;
  /** Package name and version when known (`@cdktf/provider-google@14.0.0`). */
  origin?: string;
}

const dirs = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() || d.isSymbolicLink()).map((d) => d.name);
  } catch {
    return [];
  }
};

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** `cdktf.provider` of a binding package's manifest: the provider and the version it pins. */
export function pinnedProvider(manifest: Record<string, unknown> | undefined): { address: string; version: string } | undefined {
  const provider = (manifest?.cdktf as { provider?: { name?: unknown; version?: unknown } } | undefined)?.provider;
  return typeof provider?.name === "string" && typeof provider.version === "string" ? { address: provider.name, version: provider.version } : undefined;
}

export function discoverBindings(root: string): ProjectBinding[] {
  const found: ProjectBinding[] = [];
  const relative = (p: string) => path.relative(root, p) || ".";
  for (const scope of ["@cdktf", "@cdktn"]) {
    const scopeDir = path.join(root, "node_modules", scope);
    for (const name of dirs(scopeDir).filter((n) => n.startsWith("provider-"))) {
      const location = path.join(scopeDir, name);
      const manifest = readJson(path.join(location, "package.json"));
      if (!manifest || !existsSync(path.join(location, ".jsii"))) continue;
      const pinned = pinnedProvider(manifest);
      found.push({ location, kind: "package", display: relative(location), origin: `${String(manifest.name)}@${String(manifest.version)}`, ...pinned });
    }
  }
  const config = readJson(path.join(root, "cdktf.json"));
  const outputs = new Set([".gen", "imports", ...(typeof config?.codeMakerOutput === "string" ? [config.codeMakerOutput] : [])]);
  for (const output of outputs) {
    const out = path.resolve(root, output);
    for (const name of dirs(path.join(out, "providers"))) {
      const location = path.join(out, "providers", name);
      const provider = path.join(location, "provider", "index.ts");
      if (!existsSync(provider)) continue;
      const text = readFileSync(provider, "utf8");
      const source = /terraformProviderSource: '([^']+)'/.exec(text)?.[1];
      const version = /providerVersion: '([^']+)'/.exec(text)?.[1];
      found.push({ location, kind: "typescript", display: relative(location), ...(source && version ? { address: source, version } : {}) });
    }
    for (const name of dirs(out)) found.push(...embeddedTarballs(path.join(out, name), relative));
  }
  for (const venv of [".venv", "venv"]) {
    const base = path.join(root, venv);
    const sitePackages = [
      ...dirs(path.join(base, "lib")).filter((d) => d.startsWith("python")).map((d) => path.join(base, "lib", d, "site-packages")),
      path.join(base, "Lib", "site-packages"),
    ];
    for (const site of sitePackages) {
      for (const name of dirs(site).filter((n) => /provider/.test(n))) found.push(...embeddedTarballs(path.join(site, name), relative));
    }
  }
  return found;
}

/** `<python package>/_jsii/*.jsii.tgz`. */
function embeddedTarballs(packageDir: string, relative: (p: string) => string): ProjectBinding[] {
  const jsii = path.join(packageDir, "_jsii");
  let files: string[];
  try {
    files = readdirSync(jsii).filter((f) => f.endsWith(".jsii.tgz"));
  } catch {
    return [];
  }
  return files.map((file) => ({ location: path.join(jsii, file), kind: "tarball" as const, display: relative(path.join(jsii, file)) }));
}

/**
 * A cache key naming the package and version. Packages are immutable per version; generated
 * trees and embedded tarballs are keyed by their content's size and time too, so a new
 * `cdktf get` is extracted again.
 */
export function cacheKey(binding: ProjectBinding): string {
  const safe = (s: string) => s.replace(/^@/, "").replace(/[^\w.@-]+/g, "-");
  if (binding.kind === "package" && binding.origin) return safe(binding.origin);
  const file = binding.kind === "typescript" ? path.join(binding.location, "provider", "index.ts") : binding.location;
  const info = statSync(file);
  const stamp = nodeCrypto().createHash("sha256").update(`${binding.location}\0${info.size}\0${info.mtimeMs}`).digest("hex").slice(0, 12);
  const name = binding.origin ?? (binding.address && binding.version ? `${binding.address.split("/").pop()}@${binding.version}` : path.basename(binding.location));
  return `${safe(name)}-${stamp}`;
}
