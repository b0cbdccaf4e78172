/**
 * Terraform's built-in functions per release, generated from its Go source by
 * `npm run functions:generate` into `schemas/terraform/functions.json` (`templatestring` is
 * 1.9+, `ephemeralasnull` 1.10+; `core::` names and `provider::` functions 1.8+). Read lazily:
 * only a document that calls functions needs it.
 */
import { fileURLToPath } from "node:url";
import { readSchemaFile } from "../schema/read.js";
import { sortVersions } from "../schema/versions.js";
import { z } from "../zod.js";
import { nearestRelease } from "./releases.js";

export const FUNCTIONS_FORMAT = "cdktf-schema-check.functions/1";

const releaseFunctionsSchema = z.lazy(() =>
  z.object({
    functions: z.array(z.string()),
    coreNamespace: z.boolean(),
    providerFunctions: z.boolean(),
  }),
);
export type ReleaseFunctions = z.infer<typeof releaseFunctionsSchema>;

export const functionsFileSchema = z.lazy(() =>
  z.object({
    format: z.literal(FUNCTIONS_FORMAT),
    /** Where the lists were read: repository and how. */
    source: z.string(),
    releases: z.record(z.string(), releaseFunctionsSchema),
  }),
);
export type FunctionsFile = z.infer<typeof functionsFileSchema>;

export const SHIPPED_FUNCTIONS_FILE = fileURLToPath(new URL("../../schemas/terraform/functions.json", import.meta.url));

export class TerraformFunctions {
  private readonly names = new Map<string, ReadonlySet<string>>();

  constructor(readonly data: FunctionsFile) {}

  static load(file = SHIPPED_FUNCTIONS_FILE): TerraformFunctions {
    return new TerraformFunctions(readSchemaFile(functionsFileSchema, file));
  }

  releases(): string[] {
    return sortVersions(Object.keys(this.data.releases));
  }

  /** The release whose functions stand for `version` (see releases.ts). */
  nearestRelease(version: string): string {
    return nearestRelease(this.releases(), version);
  }

  /** What `release` (one of `releases()`) offers. */
  of(release: string): ReleaseFunctions & { has(name: string): boolean } {
    const data = this.data.releases[release];
    if (!data) throw new Error(`no function list for Terraform ${release}`);
    let names = this.names.get(release);
    if (!names) this.names.set(release, (names = new Set(data.functions)));
    const known = names;
    return { ...data, has: (name) => known.has(name) };
  }

  private everywhere: ReadonlySet<string> | undefined;

  /** Whether every release's built-ins include `name` (then the release checked against does not matter). */
  inEveryRelease(name: string): boolean {
    this.everywhere ??= new Set(
      Object.values(this.data.releases).reduce<string[]>((common, release) => common.filter((f) => release.functions.includes(f)), Object.values(this.data.releases)[0]?.functions ?? []),
    );
    return this.everywhere.has(name);
  }

  /** The releases whose built-ins include `name`, oldest first. */
  releasesWith(name: string): string[] {
    return this.releases().filter((r) => this.data.releases[r]!.functions.includes(name));
  }
}

let shipped: TerraformFunctions | undefined;

/** The shipped file, read once per process. */
export function shippedTerraformFunctions(): TerraformFunctions {
  return (shipped ??= TerraformFunctions.load());
}
