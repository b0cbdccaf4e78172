/**
 * The shapes of a resource's `provisioner` and `connection` blocks, as Terraform's JSON decoder
 * reads them (`terraform validate` 1.11.4). Their contents depend on the provisioner and are
 * accepted as written; what Terraform rejects before looking inside is a value that cannot be a
 * block at all:
 *
 * - `"provisioner": {"<type>": body | [body…] | null}`, or an array of such objects: anything
 *   else is "Incorrect JSON value type", and no label at all (`{}`, `[]`, null) "Missing block
 *   label";
 * - `"connection"`: an object or an array (null: none); a second connection block is
 *   "Duplicate connection block". The same holds for a provisioner's own `connection`.
 */
import type { Diagnostic } from "../core/diagnostic.js";
import { joinPointer } from "../core/pointer.js";
import { isTemplateExpression } from "../hcl/interpolation.js";
import { describeValue } from "../validators/conversion.js";
import { isPlainObject } from "../validators/kind.js";

type Finding = Omit<Diagnostic, "file" | "address" | "constructPath">;

const INCORRECT = "Terraform reports \"Incorrect JSON value type\"";

export function checkProvisioners(body: Record<string, unknown>, pointer: string): Finding[] {
  const findings: Finding[] = [];
  if (Object.hasOwn(body, "provisioner")) checkProvisioner(body.provisioner, joinPointer(pointer, "provisioner"), findings);
  if (Object.hasOwn(body, "connection")) checkConnection(body.connection, joinPointer(pointer, "connection"), findings);
  return findings;
}

function checkProvisioner(value: unknown, pointer: string, findings: Finding[]): void {
  const wrong = (at: string, got: unknown, detail: string) =>
    findings.push({
      severity: "error",
      rule: "block-shape",
      pointer: at,
      message: `"provisioner" is a block labelled by the provisioner type: expected an object such as {"local-exec": {…}}, got ${describe(got)}`,
      detail: `${INCORRECT}: ${detail}`,
      suggestions: [],
    });
  if (value !== null && typeof value !== "object") {
    wrong(pointer, value, "either a JSON object or JSON array of objects is required here, to specify type labels for this block.");
    return;
  }
  const labelled: [Record<string, unknown>, string][] = [];
  if (isPlainObject(value)) labelled.push([value, pointer]);
  else if (Array.isArray(value)) {
    value.forEach((element, i) => {
      if (isPlainObject(element)) labelled.push([element, joinPointer(pointer, i)]);
      else wrong(joinPointer(pointer, i), element, "a JSON object is required here, to specify type labels for this block.");
    });
  }
  if (labelled.every(([object]) => Object.keys(object).length === 0)) {
    findings.push({
      severity: "error",
      rule: "block-shape",
      pointer,
      message: `"provisioner" names no provisioner: expected an object with one property per provisioner type, such as {"local-exec": {…}}`,
      detail: 'Terraform reports "Missing block label: At least one object property is required, whose name represents the provisioner block\'s type." Leave "provisioner" out to have none.',
      suggestions: [],
    });
  }
  for (const [object, at] of labelled) {
    for (const [type, bodies] of Object.entries(object)) {
      const typePointer = joinPointer(at, type);
      if (bodies === null) continue;
      if (isPlainObject(bodies)) checkProvisionerBody(bodies, typePointer, findings);
      else if (Array.isArray(bodies)) {
        bodies.forEach((element, i) => {
          const elementPointer = joinPointer(typePointer, i);
          if (isPlainObject(element)) checkProvisionerBody(element, elementPointer, findings);
          else {
            findings.push({
              severity: "error",
              rule: "block-shape",
              pointer: elementPointer,
              message: `provisioner "${type}" is a block: each element of the array is one block, an object, got ${describe(element)}`,
              detail: `${INCORRECT}: either a JSON object or JSON array of objects is required here, to define arguments and child blocks.`,
              suggestions: [],
            });
          }
        });
      } else {
        findings.push({
          severity: "error",
          rule: "block-shape",
          pointer: typePointer,
          message: `provisioner "${type}" is a block: expected an object, got ${describe(bodies)}`,
          detail: `${INCORRECT}: either a JSON object or a JSON array is required, representing the contents of one or more "provisioner" blocks.`,
          suggestions: [],
        });
      }
    }
  }
}

function checkProvisionerBody(body: Record<string, unknown>, pointer: string, findings: Finding[]): void {
  if (Object.hasOwn(body, "connection")) checkConnection(body.connection, joinPointer(pointer, "connection"), findings);
}

function checkConnection(value: unknown, pointer: string, findings: Finding[]): void {
  if (value === null) return;
  if (typeof value !== "object") {
    findings.push({
      severity: "error",
      rule: "block-shape",
      pointer,
      message: `"connection" is a block: expected an object, got ${describe(value)}`,
      detail: `${INCORRECT}: either a JSON object or a JSON array is required, representing the contents of one or more "connection" blocks.`,
      suggestions: [],
    });
  } else if (Array.isArray(value) && value.length > 1) {
    findings.push({
      severity: "error",
      rule: "block-shape",
      pointer: joinPointer(pointer, 1),
      message: `Duplicate "connection" block: a resource or provisioner has at most one`,
      detail: 'Terraform reports "Duplicate connection block: This resource already has a connection block".',
      suggestions: [],
    });
  }
}

function describe(value: unknown): string {
  return isTemplateExpression(value) ? `the expression ${JSON.stringify(value)} (a block cannot be set from an expression)` : describeValue(value);
}
