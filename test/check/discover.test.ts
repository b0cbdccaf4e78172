import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDocuments } from "../../src/check/discover.js";

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "discover-"));
  for (const file of files) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "{}");
  }
  return root;
}

const relative = (root: string, paths: string[]) => paths.map((f) => f.slice(root.length + 1));

describe("which files a directory stands for", () => {
  const root = tree([
    "cdktf.out/manifest.json",
    "cdktf.out/stacks/web/cdk.tf.json",
    "cdktf.out/stacks/db/cdk.tf.json",
    "main.tf.json",
    "main.tf",
    "modules/net/vpc.tf.json",
    "node_modules/pkg/cdk.tf.json",
    ".terraform/modules/m/cdk.tf.json",
  ]);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("finds **/cdk.tf.json and the *.tf.json directly inside, skipping node_modules and .terraform", () => {
    const { files, problems } = findDocuments([root]);
    expect(relative(root, files)).toEqual(["cdktf.out/stacks/db/cdk.tf.json", "cdktf.out/stacks/web/cdk.tf.json", "main.tf.json"]);
    expect(problems).toEqual([]);
  });

  it("takes named files as they are, once each", () => {
    const vpc = join(root, "modules/net/vpc.tf.json");
    expect(findDocuments([vpc, vpc])).toEqual({ files: [vpc], problems: [] });
  });

  it("finds the *.tf.json of a directory named after a directory that holds it", () => {
    const { files, problems } = findDocuments([root, join(root, "modules/net"), join(root, "cdktf.out")]);
    expect(relative(root, files)).toEqual(["cdktf.out/stacks/db/cdk.tf.json", "cdktf.out/stacks/web/cdk.tf.json", "main.tf.json", "modules/net/vpc.tf.json"]);
    expect(problems).toEqual([]);
  });

  it("reports a missing path and a directory with nothing to check, and still finds the rest", () => {
    const vpc = join(root, "modules/net/vpc.tf.json");
    expect(findDocuments([join(root, "nope"), join(root, "modules"), vpc])).toEqual({
      files: [vpc],
      problems: [`${join(root, "nope")}: no such file or directory`, `${join(root, "modules")}: no cdk.tf.json or *.tf.json files in this directory`],
    });
  });
});

describe("symbolic links, followed as Terraform follows them", () => {
  const root = tree(["real/stacks/web/cdk.tf.json", "shared/base.tf.json", "elsewhere/cdk.tf.json"]);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  // A linked stack directory, a linked file, a loop back up, and a link to nothing.
  symlinkSync(join(root, "elsewhere"), join(root, "real/stacks/linked"));
  symlinkSync(join(root, "shared/base.tf.json"), join(root, "real/base.tf.json"));
  symlinkSync(join(root, "real"), join(root, "real/stacks/web/loop"));
  symlinkSync(join(root, "gone.tf.json"), join(root, "real/dangling.tf.json"));

  it("finds linked stack directories and files, enters each directory once, and names a dangling link", () => {
    const { files, problems } = findDocuments([join(root, "real")]);
    expect(relative(root, files)).toEqual(["real/base.tf.json", "real/stacks/linked/cdk.tf.json", "real/stacks/web/cdk.tf.json"]);
    expect(problems).toEqual([`${join(root, "real/dangling.tf.json")}: cannot read: no such file or directory`]);
  });

  it("checks a file reached under two names once", () => {
    const { files } = findDocuments([join(root, "real/base.tf.json"), join(root, "shared/base.tf.json"), join(root, "real"), join(root, "real/stacks")]);
    expect(relative(root, files)).toEqual(["real/base.tf.json", "real/stacks/linked/cdk.tf.json", "real/stacks/web/cdk.tf.json"]);
  });

  it("says a named dangling link is a link to nothing", () => {
    expect((findDocuments([join(root, "real/dangling.tf.json")])).problems).toEqual([
      `${join(root, "real/dangling.tf.json")}: a symbolic link to a path that does not exist`,
    ]);
  });
});

// Permissions do not stop root: these cases need an ordinary user (see test/cli/reliability.test.ts for the CLI, which drops to one).
describe.runIf(process.getuid?.() !== 0)("directories that cannot be read", () => {
  // Made before the tests, not while collecting them: a skipped suite's afterAll never runs.
  let root: string;
  beforeAll(() => {
    root = tree(["ok/cdk.tf.json", "locked/inner/cdk.tf.json"]);
    chmodSync(join(root, "locked"), 0o000);
  });
  afterAll(() => {
    chmodSync(join(root, "locked"), 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it("reports the directory and finds the rest", () => {
    const { files, problems } = findDocuments([root]);
    expect(relative(root, files)).toEqual(["ok/cdk.tf.json"]);
    expect(problems).toEqual([`${join(root, "locked")}: cannot read this directory: permission denied (EACCES)`]);
  });

  it("says that a file behind a directory it cannot enter cannot be reached, not that it is missing", () => {
    const file = join(root, "locked/inner/cdk.tf.json");
    expect((findDocuments([file])).problems).toEqual([
      `${file}: cannot read: permission denied (EACCES): a directory on the way to it cannot be entered`,
    ]);
  });
});
