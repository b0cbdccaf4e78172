import { describe, expect, it } from "vitest";
import { newestSatisfying, parseConstraint, satisfies, VersionConstraintError } from "../../src/schema/versions.js";

const shipped = ["5.99.1", "6.25.0", "6.66.0"];

describe("Terraform version constraints pick the newest shipped snapshot", () => {
  it.each([
    [undefined, "6.66.0"],
    ["6.25.0", "6.25.0"], // cdktf's exact pin
    ["= 6.25.0", "6.25.0"],
    ["v6.25.0", "6.25.0"],
    ["~> 6.0", "6.66.0"],
    ["~> 6", "6.66.0"],
    ["~> 5.0", "5.99.1"],
    ["~> 6.25.0", "6.25.0"],
    ["~> 6.25", "6.66.0"],
    [">= 5.0, < 6.0", "5.99.1"],
    [">= 6.0,!= 6.66.0", "6.25.0"],
    ["> 6.25.0", "6.66.0"],
    ["<= 6.25.0", "6.25.0"],
    ["< 5.99.1", undefined],
    ["~> 4.0", undefined],
    ["!= 6.66.0", "6.25.0"],
    [" >=5.99 , <6.26 ", "6.25.0"],
  ])("%s → %s", (constraint, expected) => {
    expect(newestSatisfying(shipped, constraint)).toBe(expected);
  });

  it("~> with three parts allows only patch releases", () => {
    expect(satisfies("6.25.9", "~> 6.25.0")).toBe(true);
    expect(satisfies("6.26.0", "~> 6.25.0")).toBe(false);
    expect(satisfies("6.24.9", "~> 6.25.0")).toBe(false);
  });

  it("pre-releases match only when named exactly", () => {
    expect(satisfies("7.0.0-beta1", ">= 6.0")).toBe(false);
    expect(satisfies("7.0.0-beta1", "7.0.0-beta1")).toBe(true);
    expect(newestSatisfying(["6.0.0", "7.0.0-beta1"])).toBe("6.0.0");
  });

  it.each(["", ">=", "~> six", "6.0,", "=> 6.0", "6.x"])("rejects the malformed constraint %j with a clear error", (bad) => {
    expect(() => parseConstraint(bad)).toThrow(VersionConstraintError);
    expect(() => newestSatisfying(shipped, bad || ",")).toThrow(/is not a valid version constraint/);
  });
});
