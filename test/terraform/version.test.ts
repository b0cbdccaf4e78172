/** The Terraform release to check against, asked of the `terraform` on PATH. */
import { describe, expect, it } from "vitest";
import { terraformOnPath } from "../../src/terraform/version.js";

describe("terraformOnPath", () => {
  it("is undefined, quietly, when there is no such executable", () => {
    expect(terraformOnPath("/nonexistent/terraform")).toBeUndefined();
  });

  it("reads terraform_version from `terraform version -json`", () => {
    const found = terraformOnPath();
    if (!found) {
      console.warn("terraform is not on PATH: only the absent case is tested");
      return;
    }
    expect(found).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), source: "terraform on PATH" });
  });
});
