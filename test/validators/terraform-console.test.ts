/**
 * The conversion table, re-checked live against Terraform itself: each row becomes a variable
 * whose JSON default has the row's value, and `terraform console` says what Terraform makes of it.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COLLECTION_CONVERSIONS, PRIMITIVE_CONVERSIONS } from "./conversion-table.js";
import { terraformForTests } from "../terraform-on-path.js";
import { suiteDir } from "../suite-dir.js";

const version = terraformForTests("test/validators/terraform-console: the conversion table's check against Terraform")?.version;

describe.skipIf(!version)(`the conversion table agrees with terraform console (Terraform ${version})`, () => {
  const dir = suiteDir("tf-console-");

  function ask(type: string, value: unknown): { value: unknown } | { error: string } {
    writeFileSync(join(dir(), "main.tf.json"), JSON.stringify({ variable: { v: { type, default: value } } }));
    const run = spawnSync("terraform", ["console", "-no-color"], {
      cwd: dir(),
      input: "jsonencode(var.v)\n",
      encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
    });
    if (run.status !== 0) return { error: run.stderr + run.stdout };
    // The console prints the HCL string literal of the JSON text.
    return { value: JSON.parse(JSON.parse(run.stdout.trim())) };
  }

  for (const row of [...PRIMITIVE_CONVERSIONS, ...COLLECTION_CONVERSIONS]) {
    it(`${JSON.stringify(row.value)} as ${row.type}`, () => {
      const answer = ask(row.type, row.value);
      if ("rejected" in row.outcome) expect(answer).toHaveProperty("error");
      else expect(answer).toEqual({ value: "exact" in row.outcome ? row.value : row.outcome.converted });
    });
  }
});
