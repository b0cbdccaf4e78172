/**
 * The Terraform the tests judge against: the `terraform` on PATH. When it is absent, the tests
 * that need it are skipped, loudly: a missing judge must never read as agreement.
 */
import { execFileSync } from "node:child_process";

export interface TerraformOnPath {
  version: string;
  platform: string;
}

/** `terraform version -json` of the binary on PATH; undefined (after a warning naming `skipped`) when there is none. */
export function terraformForTests(skipped: string): TerraformOnPath | undefined {
  try {
    const output = execFileSync("terraform", ["version", "-json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    });
    const { terraform_version: version, platform } = JSON.parse(output) as { terraform_version: string; platform: string };
    return { version, platform };
  } catch {
    console.warn(`\n*** \`terraform\` is not on PATH: ${skipped} SKIPPED ***\n`);
    return undefined;
  }
}
