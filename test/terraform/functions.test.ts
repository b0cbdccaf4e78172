/**
 * The built-in function lists per Terraform release (schemas/terraform/functions.json, generated
 * from Terraform's Go source), and, where `terraform` is on PATH, that release's own verdict on
 * every name: each listed function is known to it, and names other releases have are not.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { shippedTerraformFunctions } from "../../src/terraform/functions.js";
import { terraformForTests } from "../terraform-on-path.js";

const functions = shippedTerraformFunctions();

const terraformVersion = terraformForTests("test/terraform/functions: the live check of the function list")?.version;

describe("Terraform's built-in functions per release", () => {
  it("has every minor release from 1.5 on, and the functions added since", () => {
    expect(functions.releases().map((r) => r.split(".").slice(0, 2).join("."))).toEqual(["1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "1.12", "1.13", "1.14", "1.15"]);
    const since = (name: string) => functions.releasesWith(name)[0]?.split(".").slice(0, 2).join(".");
    expect(since("templatestring")).toBe("1.9");
    expect(since("ephemeralasnull")).toBe("1.10");
    expect(since("issensitive")).toBe("1.8");
    expect(since("jsonencode")).toBe("1.5");
    // `type` exists only in `terraform console`.
    expect(functions.releasesWith("type")).toEqual([]);
    expect(functions.of(functions.nearestRelease("1.7.0")).coreNamespace).toBe(false);
    expect(functions.of(functions.nearestRelease("1.8.0"))).toMatchObject({ coreNamespace: true, providerFunctions: true });
  });

  it("stands a release in for the versions of its minor, and the nearest for others", () => {
    expect(functions.nearestRelease("1.11.0")).toBe("1.11.4");
    expect(functions.nearestRelease("1.3.0")).toBe(functions.releases()[0]);
    expect(functions.nearestRelease("9.0.0")).toBe(functions.releases().at(-1));
  });

  it.skipIf(!terraformVersion)("matches what the terraform on PATH knows", async () => {
    const release = functions.of(functions.nearestRelease(terraformVersion!));
    const others = [...new Set(functions.releases().flatMap((r) => functions.of(r).functions))].filter((f) => !release.has(f));
    const names = [...release.functions, ...others, "type"];
    const dir = mkdtempSync(join(tmpdir(), "functions-"));
    try {
      const locals = Object.fromEntries(names.map((name, i) => [`f${i}`, `\${${name}()}`]));
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ locals }));
      const output = await promisify(execFile)("terraform", ["validate", "-json"], { cwd: dir, env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" } }).then(
        (r) => r.stdout,
        (err: { stdout: string }) => err.stdout,
      );
      const unknown = (JSON.parse(output) as { diagnostics: { summary: string; detail: string }[] }).diagnostics
        .filter((d) => d.summary === "Call to unknown function")
        .map((d) => /There is no function named "([^"]+)"/.exec(d.detail)![1])
        .sort();
      expect(unknown).toEqual([...others, "type"].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
