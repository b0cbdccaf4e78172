/**
 * Records, for the apps SchemaCheck watches, where each construct was created and where each
 * `addOverride` was called, as call sites in the app's own code (call-site.ts).
 *
 * constructs offers no hook for either, so the recorder wraps two methods on the prototypes the
 * app itself uses, found from its objects rather than imported: `Node.prototype.addChild`, which
 * every construct's constructor calls on its scope's node, and `addOverride` of cdktf's and
 * cdktn's TerraformElement and TerraformStack, found on the first construct that has it. Each
 * wrapper calls the original first and records only for watched apps: any other app in the
 * process pays one WeakMap lookup per construct.
 */
import { CallSite } from "./call-site.js";
import { type ConstructLike, isStack, type NodeLike, type StackLike } from "./constructs.js";

export interface OverrideCall {
  /** As given: dot-separated, relative to the construct's own block (or, for a stack, the document). */
  path: string;
  site: CallSite;
  /** Across the whole process: when two overrides set the same value, the later one made it. */
  order: number;
}

export class SourceRecorder {
  private readonly created = new WeakMap<object, CallSite>();
  private readonly overrides = new WeakMap<object, OverrideCall[]>();
  private readonly stackListeners: ((stack: StackLike) => void)[] = [];

  /** Tells `listener` about every stack that gets a child or an override from now on (it may hear of one stack many times). */
  onStack(listener: (stack: StackLike) => void): void {
    this.stackListeners.push(listener);
  }

  /** Where `construct` was created; for one created before recording began, where its nearest recorded ancestor was. */
  createdAt(construct: ConstructLike): CallSite | undefined {
    for (let c: ConstructLike | undefined = construct; c; c = c.node.scope) {
      const site = this.created.get(c);
      if (site) return site;
    }
    return undefined;
  }

  overridesOf(construct: ConstructLike): readonly OverrideCall[] {
    return this.overrides.get(construct) ?? [];
  }

  constructed(child: ConstructLike, scope: ConstructLike, site: CallSite): void {
    this.created.set(child, site);
    wrapAddOverride(child);
    if (isStack(scope)) this.stackListeners.forEach((listener) => listener(scope));
  }

  overridden(construct: ConstructLike, path: string, site: CallSite): void {
    const calls = this.overrides.get(construct) ?? [];
    calls.push({ path, site, order: nextOrder++ });
    this.overrides.set(construct, calls);
    if (isStack(construct)) this.stackListeners.forEach((listener) => listener(construct));
  }
}

/** Root construct (the App) → its recorder. */
const recorders = new WeakMap<object, SourceRecorder>();
const wrapped = new WeakSet<object>();
let nextOrder = 0;

/** Starts recording for the app `root` (idempotent); constructs that exist already get their overrides recorded from now on. */
export function recorderFor(root: ConstructLike): SourceRecorder {
  let recorder = recorders.get(root);
  if (!recorder) {
    recorder = new SourceRecorder();
    recorders.set(root, recorder);
    wrapAddChild(Object.getPrototypeOf(root.node) as NodePrototype);
    for (const construct of root.node.findAll()) wrapAddOverride(construct);
  }
  return recorder;
}

interface NodePrototype {
  addChild(this: NodeLike & { host: ConstructLike }, child: ConstructLike, name: string): unknown;
}

function wrapAddChild(prototype: NodePrototype): void {
  if (wrapped.has(prototype)) return;
  if (typeof prototype.addChild !== "function") throw new Error("SchemaCheck: this version of the constructs library has no Node.addChild");
  wrapped.add(prototype);
  const original = prototype.addChild;
  prototype.addChild = function addChild(child, name) {
    const result = original.call(this, child, name);
    recorders.get(this.root)?.constructed(child, this.host, new CallSite(addChild));
    return result;
  };
}

type AddOverride = (this: ConstructLike, path: string, value: unknown) => unknown;

/** Wraps the `addOverride` that `construct` inherits, once per defining prototype. */
function wrapAddOverride(construct: ConstructLike): void {
  let owner: { addOverride?: AddOverride } | null = Object.getPrototypeOf(construct);
  while (owner && !Object.hasOwn(owner, "addOverride")) owner = Object.getPrototypeOf(owner);
  if (!owner || wrapped.has(owner) || typeof owner.addOverride !== "function") return;
  wrapped.add(owner);
  const original = owner.addOverride;
  owner.addOverride = function addOverride(path, value) {
    const result = original.call(this, path, value);
    recorders.get(this.node.root)?.overridden(this, path, new CallSite(addOverride));
    return result;
  };
}
