import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findDocuments } from "../../src/check/discover.js";
import { InputError } from "../../src/check/input-error.js";

describe("which files a directory stands for", () => {
  const root = mkdtempSync(join(tmpdir(), "discover-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const file of [
    "cdktf.out/manifest.json",
    "cdktf.out/stacks/web/cdk.tf.json",
    "cdktf.out/stacks/db/cdk.tf.json",
    "main.tf.json",
    "main.tf",
    "modules/net/vpc.tf.json",
    "node_modules/pkg/cdk.tf.json",
    ".terraform/modules/m/cdk.tf.json",
  ]) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "{}");
  }

  it("finds **/cdk.tf.json and the *.tf.json directly inside, skipping node_modules and .terraform", async () => {
    expect((await findDocuments([root])).map((f) => f.slice(root.length + 1))).toEqual([
      "cdktf.out/stacks/db/cdk.tf.json",
      "cdktf.out/stacks/web/cdk.tf.json",
      "main.tf.json",
    ]);
  });

  it("takes named files as they are, once each", async () => {
    const vpc = join(root, "modules/net/vpc.tf.json");
    expect(await findDocuments([vpc, vpc])).toEqual([vpc]);
  });

  it("refuses a missing path and a directory with nothing to check", async () => {
    await expect(findDocuments([join(root, "nope")])).rejects.toThrow(new InputError(`${join(root, "nope")}: no such file or directory`));
    await expect(findDocuments([join(root, "modules")])).rejects.toThrow(InputError);
  });
});
