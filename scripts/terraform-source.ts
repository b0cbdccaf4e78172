/**
 * Terraform's Go source at its release tags, read from a bare clone of hashicorp/terraform
 * (fetched into /work/.mirror by default): which releases to generate data for, and the files
 * of one tag. Shared by the generators of schemas/terraform/ (backends, functions).
 */
import { execFileSync } from "node:child_process";
import { Command } from "commander";
import { sortVersions } from "../src/schema/versions.js";

const DEFAULT_GIT_DIR = "/work/.mirror/hashicorp+terraform/repo";

export interface TerraformSource {
  /** A file at a release tag, as text. */
  read(version: string, file: string): string;
  /** Non-test `.go` files of a directory at a release tag, as text. */
  goFiles(version: string, dir: string): string[];
}

function terraformSource(gitDir: string): TerraformSource {
  const git = (...args: string[]) => execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  return {
    read: (version, file) => git("show", `v${version}:${file}`),
    goFiles: (version, dir) =>
      git("ls-tree", "--name-only", `v${version}:${dir}`)
        .split("\n")
        .filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"))
        .map((f) => git("show", `v${version}:${dir}/${f}`)),
  };
}

/** The newest patch release of every minor version from `since` (e.g. "1.5") on, plus `extra` versions. */
function terraformReleases(gitDir: string, since: string, extra: readonly string[] = []): string[] {
  const tags = execFileSync("git", ["--git-dir", gitDir, "tag", "--list", "v*"], { encoding: "utf8" })
    .split("\n")
    .filter((t) => /^v\d+\.\d+\.\d+$/.test(t))
    .map((t) => t.slice(1));
  const [sinceMajor, sinceMinor] = since.split(".").map(Number) as [number, number];
  const newestPatch = new Map<string, string>();
  for (const version of sortVersions(tags)) {
    const [major, minor] = version.split(".").map(Number) as [number, number];
    if (major > sinceMajor || (major === sinceMajor && minor >= sinceMinor)) newestPatch.set(`${major}.${minor}`, version);
  }
  return sortVersions([...new Set([...newestPatch.values(), ...extra])]);
}

/** The generators' command line: `[--git-dir DIR] [--since 1.5] [versions…]`, resolved to releases. */
export function releasesFromCommandLine(name: string, argv: readonly string[]): { source: TerraformSource; releases: string[] } {
  const command = new Command(name)
    .option("--git-dir <dir>", "bare clone of hashicorp/terraform", DEFAULT_GIT_DIR)
    .option("--since <version>", "oldest minor version", "1.5")
    .argument("[versions...]", "extra release versions to include")
    .parse(argv as string[]);
  const { gitDir, since } = command.opts<{ gitDir: string; since: string }>();
  return { source: terraformSource(gitDir), releases: terraformReleases(gitDir, since, command.args) };
}
