/**
 * The facts a jsii assembly does not hold, read from the TypeScript the CDKTF generator wrote for
 * one module (a `cdktf get` file, or the `sourcesContent` of a compiled module's inline source map):
 *
 * - the flags comment above each getter, `// arn - computed: true, optional: false, required: false`:
 *   the only place that says an optional attribute is also computed (the compiler drops most of
 *   these comments from the emitted JavaScript, so the source is read);
 * - whether a collection is a set: the getter reads it through `cdktf.Fn.tolist(…)`, or the
 *   complex list behind it is built with `wrapsSet` true (`new XxxList(this, "rule", true)`), or
 *   (generators from cdktf 0.20 on) the `…ToHclTerraform` entry says `type: "set"`;
 * - `type: "struct"` in those entries: a block of nesting mode `single` (e.g. `timeouts`);
 * - the provider module's `terraformGeneratorMetadata` and `terraformProviderSource`.
 *
 * The generated code is machine-written and uniform across generator releases, so a line scan
 * reads it exactly; no TypeScript compiler is involved.
 */

export interface Flags {
  computed: boolean;
  optional: boolean;
  required: boolean;
}

/** One getter the generator annotated, by its Terraform name. */
export interface GeneratedMember {
  camelName: string;
  flags: Flags;
  /** The getter reads a set (`Fn.tolist`, or a complex list wrapping a set). */
  set: boolean;
  /** The accessor the getter reads the value with (`getBooleanAttribute`…), when it calls one. */
  reads?: string;
}

/** One entry of a `…ToHclTerraform` / `synthesizeHclAttributes` attribute table. */
export interface HclEntry {
  type: string;
  isBlock: boolean;
}

export interface GeneratedModule {
  /** Class name → Terraform name → getter. */
  classes: Map<string, Map<string, GeneratedMember>>;
  /** Struct or class name → Terraform name → HCL entry (absent before cdktf 0.20). */
  hcl: Map<string, Map<string, HclEntry>>;
  /** From the provider module only. */
  provider?: { name?: string; version?: string; source?: string };
}

export const FLAGS_COMMENT = /^\s*\/\/ (\S+) - computed: (true|false), optional: (true|false), required: (true|false)/;
const CLASS = /^(?:export )?class (\w+) extends /;
const HCL_FUNCTION = /^(?:export )?function (\w+)ToHclTerraform\(/;
const HCL_METHOD = /^\s*(?:public |protected )?synthesizeHclAttributes\(\)/;
const GETTER = /^\s*(?:public )?get (\w+)\(\)/;
const COMPLEX_FIELD = /new \w+\(this, "[^"]*"(?:, (true|false))?\)/;
const ENTRY_KEY = /^\s*("[^"]+"|[\w-]+): \{\s*$/;
const ENTRY_TYPE = /^\s*type: "(\w+)",?\s*$/;
const ENTRY_BLOCK = /^\s*isBlock: (true|false),?\s*$/;

export function scanGeneratedSource(text: string): GeneratedModule {
  const module: GeneratedModule = { classes: new Map(), hcl: new Map() };
  let members: Map<string, GeneratedMember> | undefined;
  let className: string | undefined;
  let pending: { tfName: string; flags: Flags; set: boolean; camelName?: string } | undefined;
  let entries: Map<string, HclEntry> | undefined;
  let entry: HclEntry | undefined;
  const lines = text.split("\n");
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = CLASS.exec(line))) {
      className = m[1]!;
      members = new Map();
      module.classes.set(className, members);
      pending = undefined;
      entries = undefined;
      continue;
    }
    if ((m = HCL_FUNCTION.exec(line))) {
      const name = m[1]!;
      entries = new Map();
      module.hcl.set(name.charAt(0).toUpperCase() + name.slice(1), entries);
      continue;
    }
    if (className && HCL_METHOD.test(line)) {
      entries = new Map();
      module.hcl.set(className, entries);
      continue;
    }
    if (entries) {
      if ((m = ENTRY_KEY.exec(line))) {
        entry = { type: "simple", isBlock: false };
        entries.set(m[1]!.replace(/^"|"$/g, ""), entry);
      } else if (entry && (m = ENTRY_TYPE.exec(line))) entry.type = m[1]!;
      else if (entry && (m = ENTRY_BLOCK.exec(line))) entry.isBlock = m[1] === "true";
      else if (/^\s*(return|\};|\/\/ remove undefined)/.test(line)) {
        entries = undefined;
        entry = undefined;
      }
      continue;
    }
    if ((m = FLAGS_COMMENT.exec(line))) {
      pending = { tfName: m[1]!, flags: { computed: m[2] === "true", optional: m[3] === "true", required: m[4] === "true" }, set: false };
      continue;
    }
    if (!pending || !members) continue;
    if (pending.camelName === undefined) {
      if ((m = COMPLEX_FIELD.exec(line))) pending.set ||= m[1] === "true";
      else if ((m = GETTER.exec(line))) pending.camelName = m[1]!;
      continue;
    }
    // The getter's body: its first statement (after the generator's comments) says how the value is read.
    if (/^\s*\/\//.test(line)) continue;
    if (/Fn\.tolist\(/.test(line)) pending.set = true;
    const reads = /this\.(\w+)\('/.exec(line)?.[1];
    members.set(pending.tfName, { camelName: pending.camelName, flags: pending.flags, set: pending.set, ...(reads ? { reads } : {}) });
    pending = undefined;
  }
  const name = /providerName: '([^']+)'/.exec(text)?.[1];
  const source = /terraformProviderSource: '([^']+)'/.exec(text)?.[1];
  if (source !== undefined) {
    const version = /providerVersion: '([^']+)'/.exec(text)?.[1];
    module.provider = { ...(name ? { name } : {}), ...(version ? { version } : {}), source };
  }
  return module;
}

const INLINE_SOURCE_MAP = "//# sourceMappingURL=data:application/json;base64,";

/**
 * The TypeScript a compiled module was built from, out of its inline source map; undefined when
 * the module carries none.
 */
export function embeddedSource(js: string): string | undefined {
  const at = js.lastIndexOf(INLINE_SOURCE_MAP);
  if (at < 0) return undefined;
  const end = js.indexOf("\n", at);
  const encoded = js.slice(at + INLINE_SOURCE_MAP.length, end < 0 ? undefined : end);
  try {
    const map = JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as { sourcesContent?: unknown[] };
    const source = map.sourcesContent?.[0];
    return typeof source === "string" ? source : undefined;
  } catch {
    return undefined;
  }
}
