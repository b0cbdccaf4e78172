/**
 * The Terraform release to check against, asked of the `terraform` on PATH: only when needed,
 * remembered per binary, and on a short leash (fake binaries that misbehave in every way the
 * bad-input probe found). Every test has its own cache directory (XDG_CACHE_HOME).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheDirectory, terraformOnPath, terraformOnPathWhenNeeded } from "../../src/terraform/version.js";

const root = mkdtempSync(join(tmpdir(), "terraform-version-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let made = 0;
/** A directory with a `terraform` script, and the environment that puts it first on PATH (with a fresh cache). */
function fake(script: string): { env: NodeJS.ProcessEnv; dir: string } {
  const dir = join(root, `fake-${++made}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "terraform"), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, "terraform"), 0o755);
  return { dir, env: { PATH: `${dir}:/usr/bin:/bin`, XDG_CACHE_HOME: join(dir, "cache") } };
}

/** Running: not gone and not a zombie (killed, waiting for whoever adopted it to reap it). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
};

const NEWEST = "1.15.9";

describe("terraformOnPath", () => {
  it("is undefined, quietly, when there is no such executable", () => {
    expect(terraformOnPath("/nonexistent/terraform")).toBeUndefined();
    expect(terraformOnPath("terraform", { env: { PATH: join(root, "empty"), XDG_CACHE_HOME: join(root, "cache") } })).toBeUndefined();
  });

  it("reads terraform_version, with CHECKPOINT_DISABLE=1 (no update check over the network)", () => {
    const { env } = fake('echo "{\\"terraform_version\\": \\"1.${CHECKPOINT_DISABLE}.0\\", \\"platform\\": \\"linux_amd64\\"}"');
    expect(terraformOnPath("terraform", { env })).toEqual({ version: "1.1.0", source: "terraform on PATH" });
  });

  it("falls back to the newest known release, saying why, for garbage, JSON without a version, and no output", () => {
    for (const [script, why] of [
      ["echo 'Terraform v1.11.4 on linux_amd64'", 'printed no JSON for `terraform version -json`: "Terraform v1.11.4 on linux_amd64"'],
      ['echo \'{"terraform_version": 5}\'', "printed JSON without a terraform_version string for `terraform version -json`"],
      ['echo \'{"terraform_version": "latest"}\'', 'printed an unexpected version "latest"'],
      ["exit 3", "printed no JSON for `terraform version -json`"],
    ]) {
      const { env, dir } = fake(script!);
      expect(terraformOnPath("terraform", { env })).toEqual({
        version: NEWEST,
        source: "the newest release this checker knows",
        fallback: `the terraform on PATH (${join(dir, "terraform")}) ${why}`,
      });
    }
  });

  it("kills a binary that does not answer in time, its whole process group, even one that ignores SIGTERM", () => {
    const { env, dir } = fake(`trap "" TERM\nsleep 60 &\necho $! > "${root}/sleep-${made + 1}.pid"\necho $$ > "${root}/shell-${made + 1}.pid"\nwait`);
    const n = made;
    expect(terraformOnPath("terraform", { env, timeoutMs: 500 })).toEqual({
      version: NEWEST,
      source: "the newest release this checker knows",
      fallback: `the terraform on PATH (${join(dir, "terraform")}) did not answer \`terraform version -json\` within 500 ms`,
    });
    for (const name of [`sleep-${n}.pid`, `shell-${n}.pid`]) expect(alive(Number(readFileSync(join(root, name), "utf8")))).toBe(false);
  });

  it("takes the answer as soon as it is complete, though a child keeps stdout open", () => {
    // With a timeout of a minute, waiting for stdout to close would exceed the test's own timeout.
    const { env } = fake('echo \'{"terraform_version": "1.9.8"}\'\nsleep 60');
    expect(terraformOnPath("terraform", { env, timeoutMs: 60_000 })).toEqual({ version: "1.9.8", source: "terraform on PATH" });
  });

  it("does not remember the answer of a script (a version manager's shim picks a release per directory)", () => {
    const { env } = fake('echo \'{"terraform_version": "1.9.8"}\'');
    terraformOnPath("terraform", { env });
    expect(() => readFileSync(join(cacheDirectory(env), "terraform-versions.json"))).toThrow();
  });
});

describe.runIf(terraformOnPath("terraform", { env: { ...process.env, XDG_CACHE_HOME: join(root, "probe") } }) !== undefined)("the cache, with the real terraform", () => {
  const cache = join(root, "real-cache");
  const env = { ...process.env, XDG_CACHE_HOME: cache };
  const binary = realpathSync(
    (process.env.PATH ?? "")
      .split(":")
      .map((dir) => join(dir, "terraform"))
      .find((p) => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      })!,
  );

  it("remembers the answer by the binary's real path, modification time and size", () => {
    const found = terraformOnPath("terraform", { env })!;
    const { mtimeMs, size } = statSync(binary);
    expect(JSON.parse(readFileSync(join(cache, "cdktf-schema-check", "terraform-versions.json"), "utf8"))).toEqual({ [binary]: { mtimeMs, size, version: found.version } });
  });

  it("answers from the cache without running terraform, and asks again when the binary changed", () => {
    const { mtimeMs, size } = statSync(binary);
    const file = join(cache, "cdktf-schema-check", "terraform-versions.json");
    // A version the real binary would never print proves the answer came from the cache.
    writeFileSync(file, JSON.stringify({ [binary]: { mtimeMs, size, version: "1.2.3" } }));
    expect(terraformOnPath("terraform", { env })).toEqual({ version: "1.2.3", source: "terraform on PATH" });
    writeFileSync(file, JSON.stringify({ [binary]: { mtimeMs: mtimeMs - 1000, size, version: "1.2.3" } }));
    expect(terraformOnPath("terraform", { env })?.version).not.toBe("1.2.3");
  });

  it("lives in $XDG_CACHE_HOME/cdktf-schema-check, else ~/.cache/cdktf-schema-check", () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: "/x/cache", HOME: "/home/u" })).toBe("/x/cache/cdktf-schema-check");
    expect(cacheDirectory({ HOME: "/home/u" })).toBe("/home/u/.cache/cdktf-schema-check");
    expect(cacheDirectory({ XDG_CACHE_HOME: "relative", HOME: "/home/u" })).toBe("/home/u/.cache/cdktf-schema-check");
  });
});

describe("terraformOnPathWhenNeeded", () => {
  it("asks nothing until the answer is needed, then asks once", () => {
    const log = join(root, "asked.log");
    const { env } = fake(`echo asked >> "${log}"\necho '{"terraform_version": "1.9.8"}'`);
    const target = terraformOnPathWhenNeeded("terraform", { env });
    expect(() => readFileSync(log)).toThrow();
    expect(target()).toEqual({ version: "1.9.8", source: "terraform on PATH" });
    expect(target()).toEqual({ version: "1.9.8", source: "terraform on PATH" });
    expect(readFileSync(log, "utf8")).toBe("asked\n");
  });
});
