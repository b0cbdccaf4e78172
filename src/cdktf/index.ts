/**
 * Synth-time integration for TypeScript/JavaScript apps on cdktf or cdktn:
 *
 *   import { SchemaCheck } from "cdktf-schema-check/cdktf";
 *   const app = new App();
 *   SchemaCheck.of(app);
 *   new MyStack(app, "prod");
 *   app.synth();
 *
 * Installed right after `new App()`, it records where the app's code creates each construct and
 * calls each `addOverride` (recorder.ts). Every stack gets a construct validation that checks
 * the stack's Terraform JSON — exactly what cdk.tf.json will hold — with the settings the
 * command line would use (cdktf.json's `schemaCheck` or cdktf-schema-check.json, overridden by
 * the options), and records each finding as a construct annotation naming the line that made
 * the value: errors as error annotations, which fail `app.synth()` and `cdktf synth` (the CLIs
 * of cdktf and cdktn still write cdk.tf.json first, so the command line can report on it in
 * CI), warnings as warnings, which both CLIs print. When a stack has findings, its source map
 * goes beside its cdk.tf.json, so the command line's reports point at the same lines.
 *
 * Neither cdktf nor cdktn (nor constructs) is imported: the app's own objects lead to
 * everything needed (constructs.ts).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { checkDocument } from "../check/document.js";
import { rememberedSchemas, type SchemaSource } from "../check/providers.js";
import { attachSources, displayPath, SourceMap } from "../check/source-map.js";
import { type Diagnostic, describeFix, formatSourceLocation } from "../core/diagnostic.js";
import { loadConfigSync, type ResolvedConfig, settingsFromObject, suppress, type Suppression, unusedSuppressions } from "../config/index.js";
import { resolveSettings, type Settings } from "../config/settings.js";
import { escapeControl } from "../report/escape.js";
import { defaultSchemas, rememberShippedDecodes } from "../schema/store/index.js";
import { type ConstructLike, isStack, type StackLike } from "./constructs.js";
import { sourcePlaces } from "./places.js";
import { recorderFor, type SourceRecorder } from "./recorder.js";

export type { ConstructLike } from "./constructs.js";

export interface SchemaCheckOptions {
  /** Provider local name → exact schema version (`{ aws: "6.25.0" }`), over the configuration's; otherwise `required_providers` decides. */
  providerVersions?: Readonly<Record<string, string>>;
  /** The Terraform release that will run the stacks (backend checks); default: the configuration's, else `terraform` on PATH, else the newest known. */
  terraformVersion?: string;
  /** Warnings fail the synth too; default: the configuration's, else false. */
  strict?: boolean;
  /** Added to the configuration's suppressions: `{ rule, address?, reason }`, as in the configuration file. */
  suppressions?: readonly { rule: string; address?: string; reason: string }[];
  /**
   * The configuration file: by default `cdktf-schema-check.json`, or the `schemaCheck` key of
   * `cdktf.json`, in the working directory (where `cdktf synth` runs the app); `false` for none.
   */
  config?: string | false;
  /** Where schemas come from: the project's `.cdktf-schemas/`, then the shipped snapshots. */
  schemas?: SchemaSource;
}

/** Metadata types of `Annotations.of(c).addError` / `addWarning`, the same in cdktf and cdktn. */
const ERROR_METADATA = "@cdktf/error";
const WARNING_METADATA = "@cdktf/warn";

const NO_CONFIG: ResolvedConfig = { providerVersions: {}, suppressions: [] };

export class SchemaCheck {
  private static readonly installed = new WeakSet<object>();

  /**
   * Checks every stack under `scope` (the App, or one stack) at synth. Call it once, right after
   * `new App()`: constructs created earlier have no source lines of their own. A configuration
   * or option that cannot be used throws here, naming the file, line and field.
   */
  static of(scope: ConstructLike, options: SchemaCheckOptions = {}): void {
    const root = scope.node.root;
    if (SchemaCheck.installed.has(root)) throw new Error("SchemaCheck.of: already called for this app; call it once, right after new App()");
    // Validations are how the check runs: an App that skips them would check nothing, quietly.
    if ((root as { skipValidation?: unknown }).skipValidation === true) {
      throw new Error("SchemaCheck.of: this App skips validations (skipValidation: true), so nothing would be checked; remove one or the other");
    }
    const check = new SchemaCheck(scope, options, recorderFor(root));
    SchemaCheck.installed.add(root);
    // findAll starts with the scope itself.
    for (const stack of scope.node.findAll().filter(isStack)) check.cover(stack);
  }

  private readonly settings: Settings;
  private readonly schemas: SchemaSource;
  /** Keeps the shipped schemas' decoded bodies for the next synth (not with schemas of the caller's own). */
  private readonly saveDecoded: (() => void) | undefined;
  private readonly stacks = new Set<StackLike>();
  private readonly validated = new Set<StackLike>();
  /** Suppressions that selected a finding in any stack: only one that selected none in all of them is unused. */
  private readonly used = new Set<Suppression>();
  /** Annotations already added (construct path + message), so a second synth in one process does not repeat them. */
  private readonly annotated = new Set<string>();

  private constructor(
    private readonly scope: ConstructLike,
    options: SchemaCheckOptions,
    private readonly recorder: SourceRecorder,
  ) {
    const file = options.config === false ? NO_CONFIG : loadConfigSync(options.config !== undefined ? { file: options.config } : {});
    const { providerVersions, strict, suppressions } = options;
    const inCode = settingsFromObject({ providerVersions, strict, suppressions }, "SchemaCheck options");
    this.settings = resolveSettings(
      { ...file, suppressions: [...file.suppressions, ...inCode.suppressions] },
      {
        providerVersions: inCode.providerVersions,
        providerVersionsFrom: "SchemaCheck providerVersions",
        strict: inCode.strict,
        ...(options.terraformVersion !== undefined ? { terraform: { version: options.terraformVersion, source: "SchemaCheck terraformVersion" } } : {}),
      },
    );
    // Every stack asks the same questions of the store (aws alone has some 200 versions to list and sort).
    this.schemas = rememberedSchemas(options.schemas ?? defaultSchemas());
    // As the command line does (saved once the last stack is checked); not with the caller's own schemas.
    this.saveDecoded = options.schemas === undefined ? rememberShippedDecodes() : undefined;
    recorder.onStack((stack) => this.cover(stack));
  }

  private cover(stack: StackLike): void {
    if (this.stacks.has(stack) || !isWithin(stack, this.scope)) return;
    this.stacks.add(stack);
    stack.node.addValidation({ validate: () => this.validate(stack) });
  }

  /** Findings become annotations (validation errors would stop cdktf before it writes cdk.tf.json); nothing is returned. */
  private validate(stack: StackLike): string[] {
    const outdir = (stack.node.root as { outdir?: string }).outdir ?? "cdktf.out";
    const file = path.join(outdir, "stacks", stack.node.id, "cdk.tf.json");
    const document = stack.toTerraform();
    const { diagnostics } = checkDocument(document as object, {
      file,
      schemas: this.schemas,
      providerVersions: this.settings.providerVersions,
      // Asked only if the stack needs the release (a backend, cloud or required_version).
      terraform: this.settings.terraform,
    });
    this.validated.add(stack);
    const findings = suppress(diagnostics, this.settings.suppressions, this.used);
    if (findings.length > 0) {
      const sources = new SourceMap(sourcePlaces(stack, this.recorder));
      mkdirSync(path.dirname(file), { recursive: true });
      sources.write(file, document);
      attachSources(findings, sources);
    } else {
      SourceMap.remove(file);
    }
    // Unused suppressions are findings in the configuration, reported once every stack has been checked.
    if (this.validated.size === this.stacks.size) {
      findings.push(...unusedSuppressions(this.settings.suppressions, this.used));
      this.saveDecoded?.();
    }
    if (findings.length === 0) return [];
    const constructs = new Map(stack.node.findAll().map((c) => [c.node.path, c]));
    for (const d of findings) {
      // The construct a finding belongs to (cdktf's `//` metadata names it), else the stack.
      const construct = (d.constructPath !== undefined ? constructs.get(d.constructPath) : undefined) ?? stack;
      const message = describe(d);
      const key = `${construct.node.path}\0${message}`;
      if (this.annotated.has(key)) continue;
      this.annotated.add(key);
      construct.node.addMetadata(d.severity === "error" || this.settings.strict ? ERROR_METADATA : WARNING_METADATA, message);
    }
    return [];
  }
}

function isWithin(construct: ConstructLike, scope: ConstructLike): boolean {
  for (let c: ConstructLike | undefined = construct; c; c = c.node.scope) if (c === scope) return true;
  return false;
}

/**
 * A finding as cdktf and cdktn print annotations (`ERROR [cache/sg]: <this>`): the place in the
 * app's code first, as compilers write it, then what the command line's pretty report says.
 *
 *   main.ts:14:6: error unknown-argument: Unsupported argument "subnet_group_name": …
 *       Terraform rejects this with "…". This value was set with addOverride, which typed bindings do not check.
 *       fix: did you mean `name`?
 *       at /resource/aws_elasticache_subnet_group/sg/subnet_group_name in cdktf.out/stacks/cache/cdk.tf.json
 */
function describe(d: Diagnostic): string {
  const file = displayPath(d.file);
  const place = d.source ? formatSourceLocation(d.source) : d.line !== undefined ? `${file}:${d.line}:${d.column}` : undefined;
  const fix = describeFix(d);
  return [
    `${place ? `${place}: ` : ""}${d.severity} ${d.rule}: ${d.message}`,
    ...(d.detail ? [`    ${d.detail}`] : []),
    ...(fix ? [`    fix: ${fix}`] : []),
    `    at ${d.pointer || "/"} in ${file}`,
  ]
    .map(escapeControl)
    .join("\n");
}
