/**
 * Terraform's own verdict on template strings: each string becomes a local value of a module
 * with no providers (`variable "v"` and `local.m` declared for them to refer to), and
 * `terraform validate -json` reports every diagnostic. Ranges come back as offsets into the
 * decoded string, as the parser gives them (UTF-16; the strings here are ASCII or converted).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface TerraformDiagnostic {
  summary: string;
  detail: string;
  start: number;
  end: number;
}

interface JsonDiagnostic {
  summary: string;
  detail?: string;
  range?: { start: { byte: number }; end: { byte: number } };
}

export async function terraformVerdicts(cases: Readonly<Record<string, string>>): Promise<Record<string, TerraformDiagnostic[]>> {
  const names = Object.keys(cases);
  const lines = names.map((name, i) => `  ${JSON.stringify(`l${i}`)}: ${JSON.stringify(cases[name])}`);
  const text = `{"variable": {"v": {}}, "locals": {\n${lines.join(",\n")},\n  "m": {"a": [1]}\n}}\n`;
  const dir = mkdtempSync(join(tmpdir(), "hcl-templates-"));
  try {
    writeFileSync(join(dir, "main.tf.json"), text);
    const output = await run("terraform", ["validate", "-json", "-no-color"], {
      cwd: dir,
      maxBuffer: 1 << 30,
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
    }).then(
      (r) => r.stdout,
      (err: { stdout?: string; message: string }) => {
        if (!err.stdout) throw new Error(`terraform validate failed: ${err.message}`);
        return err.stdout;
      },
    );
    const bytes = Buffer.from(text);
    const lineStarts = [0];
    bytes.forEach((b, i) => b === 10 && lineStarts.push(i + 1));
    const verdicts: Record<string, TerraformDiagnostic[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (const d of (JSON.parse(output) as { diagnostics: JsonDiagnostic[] }).diagnostics) {
      if (!d.range) throw new Error(`terraform reported "${d.summary}" without a place`);
      // Terraform counts lines inside the decoded string too: place it by byte offset instead.
      const line = lineStarts.filter((start) => start <= d.range!.start.byte).length - 1;
      const name = names[line - 1];
      if (name === undefined) throw new Error(`terraform reported "${d.summary}" outside the cases`);
      const stringStart = lineStarts[line]! + Buffer.byteLength(`  ${JSON.stringify(`l${line - 1}`)}: "`);
      const decoded = Buffer.from(cases[name]!);
      // Terraform widens an empty range at the end of the string by one character.
      const offset = (byte: number) => {
        const n = byte - stringStart;
        return n <= decoded.length ? decoded.subarray(0, n).toString("utf8").length : cases[name]!.length + n - decoded.length;
      };
      verdicts[name]!.push({ summary: d.summary, detail: d.detail ?? "", start: offset(d.range.start.byte), end: offset(d.range.end.byte) });
    }
    return verdicts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
