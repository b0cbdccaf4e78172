/**
 * Synth-time integration for TypeScript/JavaScript apps on cdktf or cdktn:
 *
 *   import { SchemaCheck } from "cdktf-schema-check/cdktf";
 *   const app = new App();
 *   new MyStack(app, "prod");
 *   SchemaCheck.of(app);
 *   app.synth();
 *
 * Every stack gets a construct validation (`node.addValidation`) that checks the stack's
 * Terraform JSON, exactly what `cdk.tf.json` will hold, so `app.synth()` and `cdktf synth`
 * fail on errors with the construct path of each finding. Warnings become construct warnings
 * (cdktf prints them after synth) and fail only with `strict`.
 *
 * Neither cdktf nor cdktn is imported: both recognise stacks by the same registered symbol
 * and record warnings under the same metadata type, so one implementation serves both.
 */
import path from "node:path";
import type { IConstruct, IValidation } from "constructs";
import { checkDocument, type DocumentCheckOptions } from "../check/document.js";
import { type Diagnostic, describeFix } from "../core/diagnostic.js";
import type { SchemaSource } from "../check/providers.js";
import { defaultSchemas } from "../schema/store/index.js";
import { terraformOnPathWhenNeeded } from "../terraform/version.js";

export interface SchemaCheckOptions {
  /** Provider local name → exact schema version (`{ aws: "6.25.0" }`); otherwise `required_providers` decides. */
  providerVersions?: Readonly<Record<string, string>>;
  /** The Terraform release that will run the stacks (backend checks); default: `terraform` on PATH, else the newest known. */
  terraformVersion?: string;
  /** Warnings fail the synth too. */
  strict?: boolean;
  /** Where schemas come from: the project's `.cdktf-schemas/`, then the shipped snapshots. */
  schemas?: SchemaSource;
}

/** How cdktf and cdktn mark stacks (`TerraformStack.isStack`). */
const STACK_SYMBOL = Symbol.for("cdktf/TerraformStack");
/** Metadata type of `Annotations.of(c).addWarning`, the same in cdktf and cdktn. */
const WARNING_METADATA = "@cdktf/warn";

/** Everything a document check takes but the file, the same for every stack of one `of()` call. */
type ResolvedCheck = Omit<DocumentCheckOptions, "file">;

interface StackLike extends IConstruct {
  toTerraform(): unknown;
}

function isStack(construct: IConstruct): construct is StackLike {
  return (construct as unknown as Record<symbol, unknown>)[STACK_SYMBOL] === true;
}

export class SchemaCheck implements IValidation {
  private static readonly registered = new WeakSet<IConstruct>();

  /** Adds the check to every stack under `scope` (an App or a stack); adding it twice is harmless. */
  static of(scope: IConstruct, options: SchemaCheckOptions = {}): void {
    const stacks = scope.node.findAll().filter(isStack);
    if (stacks.length === 0) throw new Error(`SchemaCheck.of(${scope.node.path || "app"}): no TerraformStack found; call it after creating your stacks`);
    // Resolved once for all stacks, and only if one needs it: asking `terraform version` or opening the stores per stack would repeat the same work.
    const terraform = options.terraformVersion ? { version: options.terraformVersion, source: "SchemaCheck terraformVersion" } : terraformOnPathWhenNeeded();
    const check: ResolvedCheck = {
      schemas: options.schemas ?? defaultSchemas(),
      ...(options.providerVersions ? { providerVersions: options.providerVersions } : {}),
      ...(terraform ? { terraform } : {}),
    };
    for (const stack of stacks) {
      if (SchemaCheck.registered.has(stack)) continue;
      SchemaCheck.registered.add(stack);
      stack.node.addValidation(new SchemaCheck(stack, check, options.strict === true));
    }
  }

  private constructor(
    private readonly stack: StackLike,
    private readonly check: ResolvedCheck,
    private readonly strict: boolean,
  ) {}

  validate(): string[] {
    const outdir = (this.stack.node.root as { outdir?: string }).outdir ?? "cdktf.out";
    const file = path.join(outdir, "stacks", this.stack.node.id, "cdk.tf.json");
    const { diagnostics } = checkDocument(this.stack.toTerraform() as object, { file, ...this.check });
    const failing = diagnostics.filter((d) => d.severity === "error" || this.strict);
    for (const warning of diagnostics.filter((d) => !failing.includes(d))) {
      this.constructAt(warning).node.addMetadata(WARNING_METADATA, describe(warning, this.stack.node.path));
    }
    return failing.map((d) => describe(d, this.stack.node.path));
  }

  /** The construct a finding belongs to (from cdktf's `//` metadata), else the stack. */
  private constructAt(diagnostic: Diagnostic): IConstruct {
    const wanted = diagnostic.constructPath;
    return (wanted && this.stack.node.findAll().find((c) => c.node.path === wanted)) || this.stack;
  }
}

/** One line per finding, as cdktf lists validation errors: `[path] message`; stack-level findings name the stack. */
function describe(d: Diagnostic, stackPath: string): string {
  const where = d.constructPath ?? d.address ?? stackPath;
  const fix = describeFix(d);
  return `[${where}] ${d.severity} ${d.rule}: ${d.message}${fix ? ` (${fix})` : ""} at ${d.pointer}`;
}
