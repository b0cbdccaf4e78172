/**
 * The project's configuration: `cdktf-schema-check.json` in the working directory, or the
 * `"schemaCheck"` key of the project's `cdktf.json`, or the file `--config` names (either kind).
 *
 *   {
 *     "providerVersions": { "aws": "6.25.0" },
 *     "terraformVersion": "1.11.4",
 *     "strict": true,
 *     "paths": ["cdktf.out"],
 *     "suppressions": [
 *       { "rule": "deprecated", "address": "aws_s3_bucket.*", "reason": "moving to aws_s3_bucket_* resources in #42" }
 *     ]
 *   }
 *
 * Everything is optional; command-line flags override it. A configuration that cannot be used
 * is an InputError (exit code 2) naming the file, line, column and field.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { InputError } from "../check/input-error.js";
import { JsonSource, MalformedJsonError } from "../check/json-source.js";
import { joinPointer } from "../core/pointer.js";
import { RULES, type RuleId } from "../core/rules.js";
import { z } from "../zod.js";
import { type AddressMatcher, compileAddress } from "./address.js";

export const CONFIG_FILE = "cdktf-schema-check.json";
export const CDKTF_CONFIG_FILE = "cdktf.json";
/** The key of cdktf.json that holds the same object as cdktf-schema-check.json. */
export const CDKTF_CONFIG_KEY = "schemaCheck";

export interface Suppression {
  rule: RuleId;
  /** As written: a Terraform address (glob `*`), `[FILE]#/POINTER`, or absent for everywhere. */
  address?: string;
  reason: string;
  matches: AddressMatcher;
  /** Where the suppression is written, for `unused-suppression` (no line and column for settings given in code). */
  file: string;
  pointer: string;
  line?: number;
  column?: number;
}

export interface ResolvedConfig {
  /** The configuration file as named relative to the working directory; absent without one. */
  file?: string;
  providerVersions: Record<string, string>;
  terraformVersion?: string;
  strict?: boolean;
  /** Relative to the working directory. */
  paths?: string[];
  suppressions: Suppression[];
}

const RULE_IDS = Object.keys(RULES) as [RuleId, ...RuleId[]];

// Built when a configuration is read (z.lazy): most runs have none, and these cost about 1.5 ms to make.
const suppressionSchema = z.lazy(() =>
  z.strictObject({
    rule: z.string({ error: "expected a rule id" }).refine((rule) => Object.hasOwn(RULES, rule), {
      error: (issue) => `unknown rule "${String(issue.input)}" (rules: ${RULE_IDS.join(", ")})`,
    }),
    address: z
      .string({ error: "expected a Terraform address (glob * allowed) or FILE#/JSON/POINTER" })
      .trim()
      .min(1, "must not be empty (leave it out to suppress the rule everywhere)")
      .refine((address) => !address.includes("#") || /#(\/|$)/.test(address), {
        error: "a file pointer is FILE#/JSON/POINTER (the pointer starts with /)",
      })
      .optional(),
    reason: z
      .string({ error: "every suppression needs a reason: why the finding is acceptable" })
      .trim()
      .min(1, "every suppression needs a reason: why the finding is acceptable"),
  }),
);

const configSchema = z.lazy(() =>
  z.strictObject({
    /** Editors' JSON schema association. */
    $schema: z.string().optional(),
    providerVersions: z
      .record(
        z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, "expected a provider local name such as aws"),
        z.string({ error: "expected a version string such as 6.25.0" }).trim().min(1, "expected a version string such as 6.25.0"),
        { error: (issue) => (issue.code === "invalid_type" ? 'expected an object of provider → version, e.g. { "aws": "6.25.0" }' : undefined) },
      )
      .optional(),
    terraformVersion: z.string({ error: "expected a Terraform version string such as 1.11.4" }).trim().min(1).optional(),
    strict: z.boolean({ error: "expected true or false" }).optional(),
    paths: z
      .array(z.string({ error: "expected a path string" }).min(1, "expected a path"), { error: "expected an array of paths" })
      .min(1, "expected at least one path (leave it out for ./cdktf.out)")
      .optional(),
    suppressions: z.array(suppressionSchema, { error: "expected an array of suppressions" }).optional(),
  }),
);

const knownSettings = () => Object.keys(configSchema.unwrap().shape).filter((key) => key !== "$schema");

export interface LoadConfigOptions {
  /** The working directory the configuration is looked up from; the process's by default. */
  cwd?: string;
  /** `--config FILE`: this file, which must exist (a cdktf.json contributes its schemaCheck key). */
  file?: string;
}

/** The configuration in effect; an empty one when there is no configuration file. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  return loadConfigSync(options);
}

/**
 * The same, synchronously: synth-time validations (SchemaCheck) cannot wait, and the file is
 * small. The command line reads it the same way, so both apply the very same settings.
 */
export function loadConfigSync(options: LoadConfigOptions = {}): ResolvedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.file !== undefined) {
    const text = readText(cwd, options.file);
    if (text === undefined) throw new InputError(`${options.file}: no such file (given with --config)`);
    const fromCdktf = path.basename(options.file) === CDKTF_CONFIG_FILE;
    const config = parseConfig(cwd, options.file, text, fromCdktf);
    if (!config) throw new InputError(`${options.file}: has no "${CDKTF_CONFIG_KEY}" key (given with --config)`);
    return config;
  }
  const own = readText(cwd, CONFIG_FILE);
  const cdktfText = readText(cwd, CDKTF_CONFIG_FILE);
  const cdktf = cdktfText === undefined ? undefined : parseConfig(cwd, CDKTF_CONFIG_FILE, cdktfText, true);
  if (own === undefined) return cdktf ?? { providerVersions: {}, suppressions: [] };
  if (cdktf) {
    throw new InputError(`${CONFIG_FILE}: ${CDKTF_CONFIG_FILE} configures cdktf-schema-check too ("${CDKTF_CONFIG_KEY}"); keep one of them`);
  }
  return parseConfig(cwd, CONFIG_FILE, own, false)!;
}

/**
 * Settings given in code (SchemaCheck's options), held to the rules of the file; `origin` names
 * them in messages and in `unused-suppression` findings.
 */
export function settingsFromObject(value: unknown, origin: string, cwd = process.cwd()): ResolvedConfig {
  return validateSettings(value, { cwd: path.resolve(cwd), file: origin, configDir: path.resolve(cwd), base: "" });
}

function readText(cwd: string, file: string): string | undefined {
  try {
    return readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new InputError(`${file}: cannot read: ${code ?? (err as Error).message}`);
  }
}

/** undefined for a cdktf.json without the key. */
function parseConfig(cwd: string, file: string, text: string, fromCdktf: boolean): ResolvedConfig | undefined {
  let source: JsonSource;
  try {
    source = JsonSource.parse(file, text);
  } catch (err) {
    if (err instanceof MalformedJsonError) throw new InputError(err.message);
    throw err;
  }
  const document = source.value();
  let value: unknown = document;
  if (fromCdktf) {
    if (typeof document !== "object" || document === null || !(CDKTF_CONFIG_KEY in document)) return undefined;
    value = (document as Record<string, unknown>)[CDKTF_CONFIG_KEY];
  }
  const base = fromCdktf ? joinPointer("", CDKTF_CONFIG_KEY) : "";
  return validateSettings(value, { cwd, file, configDir: path.dirname(path.resolve(cwd, file)), base, source });
}

interface SettingsOrigin {
  cwd: string;
  /** The file (or, for settings in code, what names them). */
  file: string;
  /** Where relative `paths` and suppression files are resolved from. */
  configDir: string;
  /** The settings' pointer in the file: "" or `/schemaCheck`. */
  base: string;
  /** The file's text, for line and column; absent for settings in code. */
  source?: JsonSource;
}

function validateSettings(value: unknown, origin: SettingsOrigin): ResolvedConfig {
  const { cwd, file, configDir, base, source } = origin;
  const fromCdktf = base !== "";
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    let segments = issue.path.map((s) => (typeof s === "symbol" ? String(s) : s));
    let reason = issue.message;
    if (issue.code === "unrecognized_keys") {
      segments = [...segments, issue.keys[0]!];
      reason = segments.length === 1 ? `unknown setting (settings: ${knownSettings().join(", ")})` : "unknown field";
    } else if (issue.code === "invalid_key") {
      reason = issue.issues[0]?.message ?? reason;
    } else if (segments.length === 0 && issue.code === "invalid_type") {
      reason = "expected an object of settings";
    }
    const field = fieldName(fromCdktf ? [CDKTF_CONFIG_KEY, ...segments] : segments);
    const position = source?.position(joinPointer(base, ...segments));
    throw new InputError(`${file}${position ? `:${position.line}:${position.column}` : ""}: ${field ? `${field}: ` : ""}${reason}`);
  }
  const config = parsed.data;
  const suppressions = config.suppressions ?? [];
  const pointers = suppressions.map((_, index) => joinPointer(base, "suppressions", index));
  // Placed all at once: each lookup is a pass over the file.
  const positions = source?.locate(pointers);
  return {
    file,
    providerVersions: config.providerVersions ?? {},
    ...(config.terraformVersion !== undefined ? { terraformVersion: config.terraformVersion } : {}),
    ...(config.strict !== undefined ? { strict: config.strict } : {}),
    ...(config.paths ? { paths: config.paths.map((p) => path.relative(cwd, path.resolve(configDir, p)) || ".") } : {}),
    suppressions: suppressions.map((s, index) => {
      const pointer = pointers[index]!;
      return {
        rule: s.rule as RuleId,
        ...(s.address !== undefined ? { address: s.address } : {}),
        reason: s.reason,
        matches: compileAddress(s.address, { configDir, cwd }),
        file,
        pointer,
        ...positions?.[index]?.position,
      };
    }),
  };
}

/** `["suppressions", 1, "reason"]` → `suppressions[1].reason`. */
function fieldName(segments: readonly (string | number)[]): string {
  return segments.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}
