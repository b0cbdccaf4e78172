/**
 * Fetching a provider schema the way Terraform sees it: a throwaway root module that requires
 * only that provider, `terraform init`, then `terraform providers schema -json`. With network
 * access this installs from the registry; `pluginDir` (`terraform init -plugin-dir`) and
 * `mirror` (a CLI configuration with a `filesystem_mirror`) make it work offline.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "../../zod.js";
import { normalizeProviderAddress, parseProviderAddress } from "../address.js";
import { providersSchemaDocumentSchema, type ProviderSchema } from "../format.js";
import type { SnapshotProvenance } from "../model.js";
import { parseSchemaJson } from "../read.js";

export interface FetchOptions {
  /** `hashicorp/aws`, `aws`, `registry.terraform.io/hashicorp/aws`. */
  source: string;
  /** A version constraint for `required_providers` (`6.25.0`, `~> 6.0`); none means newest. */
  constraint?: string;
  /** Passed to `terraform init -plugin-dir`: providers in the unpacked or packed mirror layout. */
  pluginDir?: string;
  /** A filesystem mirror directory, used through a generated CLI configuration. */
  mirror?: string;
  /** The terraform executable; `terraform` on PATH by default. */
  terraform?: string;
  /** Extra environment for every terraform command. */
  env?: NodeJS.ProcessEnv;
  /** Each line terraform prints while it works (init can take minutes for large providers). */
  onProgress?: (line: string) => void;
}

export interface FetchedSchema {
  address: string;
  version: string;
  schema: ProviderSchema;
  provenance: SnapshotProvenance;
}

/** Terraform failed; `message` is its first error line, `output` everything it printed. */
export class TerraformCommandError extends Error {
  constructor(
    readonly command: string,
    message: string,
    readonly output: string,
  ) {
    super(`${command}: ${message}`);
  }
}

const versionJsonSchema = z.object({
  terraform_version: z.string(),
  provider_selections: z.record(z.string(), z.string()).default({}),
});

export async function fetchWithTerraform(options: FetchOptions): Promise<FetchedSchema> {
  const address = normalizeProviderAddress(options.source);
  const { type } = parseProviderAddress(address);
  const dir = await mkdtemp(path.join(tmpdir(), "cdktf-schema-fetch-"));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1", ...options.env };
    if (options.mirror) {
      const config = path.join(dir, "terraformrc");
      const mirror = JSON.stringify(path.resolve(options.mirror));
      await writeFile(config, `provider_installation {\n  filesystem_mirror {\n    path = ${mirror}\n  }\n}\n`);
      env.TF_CLI_CONFIG_FILE = config;
    }
    const requirement = { source: address, ...(options.constraint ? { version: options.constraint } : {}) };
    await writeFile(path.join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { [type]: requirement } } }, null, 2));

    const run = (args: string[], progress: boolean) =>
      runTerraform(options.terraform ?? "terraform", args, { cwd: dir, env, ...(progress && options.onProgress ? { onLine: options.onProgress } : {}) });
    const init = ["init", "-input=false", "-backend=false", "-no-color"];
    if (options.pluginDir) init.push(`-plugin-dir=${path.resolve(options.pluginDir)}`);
    await run(init, true);
    const schemaText = await run(["providers", "schema", "-json"], false);
    const versions = parseSchemaJson(versionJsonSchema, await run(["version", "-json"], false), "terraform version -json");

    const document = parseSchemaJson(providersSchemaDocumentSchema, schemaText, "terraform providers schema -json");
    const schema = document.provider_schemas?.[address];
    if (!schema) throw new TerraformCommandError("terraform providers schema -json", `no schema for ${address} in its output`, schemaText.slice(0, 200));
    // Dev overrides bypass installation, so no version is selected; the constraint is then the only word on it.
    const version = versions.provider_selections[address] ?? options.constraint?.replace(/^=\s*/, "");
    if (!version) throw new TerraformCommandError("terraform version -json", `no version was selected for ${address}`, "");
    return {
      address,
      version,
      schema,
      provenance: { method: "terraform", from: `terraform ${versions.terraform_version}`, createdAt: new Date().toISOString() },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}

/** Runs terraform and resolves with its stdout; rejects with its first `Error:` line. */
function runTerraform(executable: string, args: string[], options: RunOptions): Promise<string> {
  const command = `terraform ${args.filter((a) => a !== "-no-color" && a !== "-input=false").join(" ")}`;
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout.push(chunk);
      if (!options.onLine) return;
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) if (line.trim()) options.onLine(line.trim());
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (err: NodeJS.ErrnoException) =>
      reject(new TerraformCommandError(command, err.code === "ENOENT" ? `${executable} was not found; install Terraform or pass --terraform` : err.message, "")),
    );
    child.on("close", (code) => {
      const out = Buffer.concat(stdout).toString("utf8");
      if (code === 0) return resolve(out);
      const printed = `${Buffer.concat(stderr).toString("utf8")}\n${out}`;
      reject(new TerraformCommandError(command, firstError(printed) ?? `exited with code ${code}`, printed));
    });
  });
}

/** Terraform's diagnostics read `Error: <summary>` followed by detail; the summary is enough in one line. */
function firstError(output: string): string | undefined {
  const lines = output.split("\n").map((l) => l.replace(/^[│╷╵\s]+/, "").trim());
  const at = lines.findIndex((l) => l.startsWith("Error: "));
  if (at < 0) return undefined;
  const detail = lines.slice(at + 1).find((l) => l.length > 0 && !l.startsWith("on ") && !l.startsWith("Error: "));
  return lines[at]!.slice("Error: ".length) + (detail ? ` (${detail})` : "");
}
