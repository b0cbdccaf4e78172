/** schemas/terraform/backends.json is read through its zod description: a broken file names itself. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SHIPPED_BACKENDS_FILE, TerraformSchemas } from "../../src/terraform/backends.js";

describe("the backend schemas file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "backends-file-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("stays small: each distinct schema once", () => {
    expect(readFileSync(SHIPPED_BACKENDS_FILE).length).toBeLessThan(120_000);
    const { data } = TerraformSchemas.load();
    const ids = new Set(Object.values(data.releases).flatMap((r) => [...Object.values(r.backends), r.cloud]));
    expect(new Set(Object.keys(data.schemas))).toEqual(ids);
  });

  it("names the file and the place when it is corrupt", () => {
    const good = JSON.parse(readFileSync(SHIPPED_BACKENDS_FILE, "utf8"));
    const truncated = write("truncated.json", readFileSync(SHIPPED_BACKENDS_FILE, "utf8").slice(0, 500));
    expect(() => TerraformSchemas.load(truncated)).toThrow(`${truncated}: not valid JSON`);
    const dangling = write("dangling.json", JSON.stringify({ ...good, releases: { ...good.releases, "1.11.4": { ...good.releases["1.11.4"], cloud: "cloud#missing" } } }));
    expect(() => TerraformSchemas.load(dangling)).toThrow(`${dangling}: not a valid schema: releases.1.11.4.cloud: no schema "cloud#missing" in "schemas"`);
    const wrongFormat = write("format.json", JSON.stringify({ ...good, format: "other/1" }));
    expect(() => TerraformSchemas.load(wrongFormat)).toThrow(`${wrongFormat}: not a valid schema: format:`);
  });
});
