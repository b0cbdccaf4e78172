/**
 * The parts of the `constructs` tree that SchemaCheck uses, described structurally: the package
 * imports neither cdktf, cdktn nor constructs (an app has one of each, in versions we do not
 * pick), so an App or stack of either library, on any constructs 10 release, fits these types.
 * cdktf and cdktn recognise their own objects by registered symbols, and so does this module.
 */

export interface ConstructLike {
  readonly node: NodeLike;
}

export interface NodeLike {
  readonly id: string;
  readonly path: string;
  readonly scope?: ConstructLike | undefined;
  readonly children: ConstructLike[];
  readonly root: ConstructLike;
  findAll(): ConstructLike[];
  addValidation(validation: { validate(): string[] }): void;
  addMetadata(type: string, data: unknown): void;
}

/** A TerraformStack: its whole Terraform JSON document. */
export interface StackLike extends ConstructLike {
  toTerraform(): unknown;
}

/** A TerraformElement (resource, provider, backend, output…): its fragment of the stack's document. */
export interface ElementLike extends ConstructLike {
  toTerraform(): unknown;
}

const STACK_SYMBOL = Symbol.for("cdktf/TerraformStack");
const ELEMENT_SYMBOL = Symbol.for("cdktf/TerraformElement");

export function isStack(construct: unknown): construct is StackLike {
  return hasSymbol(construct, STACK_SYMBOL) && typeof (construct as StackLike).toTerraform === "function";
}

function isElement(construct: unknown): construct is ElementLike {
  return hasSymbol(construct, ELEMENT_SYMBOL) && typeof (construct as ElementLike).toTerraform === "function";
}

function hasSymbol(value: unknown, symbol: symbol): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[symbol] === true;
}

/** The elements whose fragments make up `stack`'s document, in the order cdktf merges them (nested stacks excluded). */
export function elementsOf(stack: StackLike): ElementLike[] {
  const found: ElementLike[] = [];
  const visit = (construct: ConstructLike) => {
    for (const child of construct.node.children) {
      if (isStack(child)) continue;
      if (isElement(child)) found.push(child);
      visit(child);
    }
  };
  visit(stack);
  return found;
}
