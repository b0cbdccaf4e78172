/** Which Terraform release a configuration will meet: asked of the `terraform` on PATH. */
import { execFileSync } from "node:child_process";

/** The Terraform release checked against, and why that one. */
export interface TerraformTarget {
  version: string;
  /** `--terraform-version`, `terraform on PATH`, `newest supported`… */
  source: string;
}

/** `terraform version -json` of the binary on PATH, or undefined when there is none (or it fails). */
export function terraformOnPath(executable = "terraform"): TerraformTarget | undefined {
  try {
    const output = execFileSync(executable, ["version", "-json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 15_000 });
    const version = (JSON.parse(output) as { terraform_version?: unknown }).terraform_version;
    return typeof version === "string" ? { version, source: "terraform on PATH" } : undefined;
  } catch {
    return undefined;
  }
}
