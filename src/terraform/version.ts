/**
 * Which Terraform release a configuration will meet: asked of the `terraform` on PATH, only when
 * a check needs to know (see `DocumentCheckOptions.terraform`), and remembered per binary (its
 * real path, modification time and size) in the user's cache directory, so that a check does not
 * start a subprocess on every run.
 *
 * The binary is held on a short leash, because whatever is on PATH may misbehave: it runs in its
 * own process group with CHECKPOINT_DISABLE=1 (no update check over the network); its answer is
 * taken as soon as the JSON is complete (a child keeping stdout open does not hold us up); and
 * at the timeout, or once answered, the whole group is killed with SIGKILL. When it cannot say
 * its version, the newest release this checker knows is used and the target says why
 * (`fallback`), which the check reports as a warning.
 *
 * The wait is synchronous (SchemaCheck runs inside construct validation, which is synchronous),
 * so the asking happens in a small Node.js child that can watch the stream and the clock.
 */
import { accessSync, closeSync, constants, mkdirSync, openSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { nodeChildProcess } from "../core/builtins.js";
import { writeFileAtomically } from "../core/atomic-write.js";
import { shippedTerraformSchemas } from "./backends.js";

/** The Terraform release checked against, and why that one. */
export interface TerraformTarget {
  version: string;
  /** `--terraform-version`, `terraform on PATH`, `the newest release this checker knows`… */
  source: string;
  /** Set when a terraform on PATH could not say its version: why (`version` is then the newest known release). */
  fallback?: string;
}

export interface TerraformOnPathOptions {
  /** PATH, XDG_CACHE_HOME and HOME come from here; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** How long `terraform version -json` may take. */
  timeoutMs?: number;
}

const VERSION_TIMEOUT_MS = 5000;

const CACHE_FILE = "terraform-versions.json";

/**
 * The release of the `terraform` on PATH (or of `executable`, a name looked up on PATH or a
 * path), or undefined when there is none. A binary that fails to answer gives the newest known
 * release with `fallback` set.
 */
export function terraformOnPath(executable = "terraform", options: TerraformOnPathOptions = {}): TerraformTarget | undefined {
  const env = options.env ?? process.env;
  const binary = findExecutable(executable, env);
  if (!binary) return undefined;
  const identity = identify(binary);
  const cached = identity && readCache(env)[identity.key];
  if (identity && cached?.mtimeMs === identity.mtimeMs && cached.size === identity.size) return { version: cached.version, source: "terraform on PATH" };
  const answer = ask(binary, options.timeoutMs ?? VERSION_TIMEOUT_MS, env);
  if ("failure" in answer) {
    return { version: shippedTerraformSchemas().newest(), source: "the newest release this checker knows", fallback: `the terraform on PATH (${binary}) ${answer.failure}` };
  }
  if (identity?.cacheable) writeCache(env, identity, answer.version);
  return { version: answer.version, source: "terraform on PATH" };
}

/** `terraformOnPath`, asked the first time the answer is needed (if ever) and remembered after. */
export function terraformOnPathWhenNeeded(executable = "terraform", options: TerraformOnPathOptions = {}): () => TerraformTarget | undefined {
  let answer: { target: TerraformTarget | undefined } | undefined;
  return () => (answer ??= { target: terraformOnPath(executable, options) }).target;
}

/** Where answers are remembered: $XDG_CACHE_HOME/cdktf-schema-check, else ~/.cache/cdktf-schema-check. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), ".cache");
  return path.join(base, "cdktf-schema-check");
}

function findExecutable(executable: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = executable.includes("/") || executable.includes(path.sep)
    ? [path.resolve(executable)]
    : (env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, executable));
  for (const candidate of candidates) {
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not there, or not executable: look further, as a shell would.
    }
  }
  return undefined;
}

interface Identity {
  key: string;
  mtimeMs: number;
  size: number;
  /**
   * Version managers (tfenv, asdf) put a script on PATH that picks a release per directory: its
   * answer cannot be remembered by its path and time.
   */
  cacheable: boolean;
}

function identify(binary: string): Identity | undefined {
  try {
    const real = realpathSync(binary);
    const { mtimeMs, size } = statSync(real);
    const head = Buffer.alloc(2);
    const fd = openSync(real, "r");
    try {
      readSync(fd, head, 0, 2, 0);
    } finally {
      closeSync(fd);
    }
    return { key: real, mtimeMs, size, cacheable: head.toString("latin1") !== "#!" };
  } catch {
    return undefined;
  }
}

type Cache = Record<string, { mtimeMs: number; size: number; version: string }>;

function readCache(env: NodeJS.ProcessEnv): Cache {
  try {
    const data = JSON.parse(readFileSync(path.join(cacheDirectory(env), CACHE_FILE), "utf8")) as unknown;
    if (typeof data !== "object" || data === null || Array.isArray(data)) return {};
    const cache: Cache = {};
    for (const [key, entry] of Object.entries(data)) {
      const { mtimeMs, size, version } = (entry ?? {}) as Record<string, unknown>;
      if (typeof mtimeMs === "number" && typeof size === "number" && typeof version === "string" && isVersion(version)) {
        Object.defineProperty(cache, key, { value: { mtimeMs, size, version }, enumerable: true });
      }
    }
    return cache;
  } catch {
    return {};
  }
}

/** Best effort: a cache that cannot be written (read-only home) only costs the next run a subprocess. */
function writeCache(env: NodeJS.ProcessEnv, identity: Identity, version: string): void {
  try {
    const dir = cacheDirectory(env);
    mkdirSync(dir, { recursive: true });
    const cache = readCache(env);
    Object.defineProperty(cache, identity.key, { value: { mtimeMs: identity.mtimeMs, size: identity.size, version }, enumerable: true });
    writeFileAtomically(path.join(dir, CACHE_FILE), JSON.stringify(cache, null, 2) + "\n");
  } catch {
    // Ignored on purpose, see above.
  }
}

const isVersion = (version: string) => /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version);

/**
 * The child that asks: runs the binary in its own process group, takes the first complete JSON
 * it prints, and kills the group when answered or out of time. Prints `{"version"}` or `{"failure"}`.
 */
const ASK = `
const { spawn } = require("node:child_process");
const [binary, timeout] = process.argv.slice(1);
let output = "";
let finished = false;
let child;
const finish = (result) => {
  if (finished) return;
  finished = true;
  try { if (child && child.pid) process.kill(-child.pid, "SIGKILL"); } catch {}
  process.stdout.write(JSON.stringify(result), () => process.exit(0));
};
const answer = () => {
  let parsed;
  try { parsed = JSON.parse(output); } catch { return false; }
  const version = parsed && typeof parsed === "object" ? parsed.terraform_version : undefined;
  finish(typeof version === "string" ? { version } : { failure: "printed JSON without a terraform_version string for \`terraform version -json\`" });
  return true;
};
setTimeout(() => finish({ failure: "did not answer \`terraform version -json\` within " + timeout + " ms" }), Number(timeout));
try {
  child = spawn(binary, ["version", "-json"], { detached: true, stdio: ["ignore", "pipe", "ignore"] });
} catch (err) {
  finish({ failure: "could not be started (" + (err.code || err.message) + ")" });
}
if (child) {
  child.on("error", (err) => finish({ failure: "could not be started (" + (err.code || err.message) + ")" }));
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    output += chunk;
    if (output.length > 1e6) finish({ failure: "printed more than 1 MB for \`terraform version -json\`" });
    else answer();
  });
  child.stdout.on("end", () => answer() || finish({ failure: "printed no JSON for \`terraform version -json\`" + (output.trim() ? ": " + JSON.stringify(output.trim().slice(0, 80)) : "") }));
}
`;

function ask(binary: string, timeoutMs: number, env: NodeJS.ProcessEnv): { version: string } | { failure: string } {
  const result = nodeChildProcess().spawnSync(process.execPath, ["-e", ASK, binary, String(timeoutMs)], {
    env: { ...env, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    // The child keeps its own time; this only guards against the child itself hanging.
    timeout: timeoutMs + 10_000,
    killSignal: "SIGKILL",
  });
  let answer: unknown;
  try {
    answer = JSON.parse(result.stdout);
  } catch {
    return { failure: "could not be asked its version" };
  }
  const { version, failure } = (answer ?? {}) as { version?: unknown; failure?: unknown };
  if (typeof version === "string") return isVersion(version) ? { version } : { failure: `printed an unexpected version ${JSON.stringify(version.slice(0, 40))}` };
  return { failure: typeof failure === "string" ? failure : "could not be asked its version" };
}
