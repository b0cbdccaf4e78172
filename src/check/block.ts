/**
 * The reusable entry point: check one block body against a `SchemaBlock`. Resources, data
 * sources and provider configurations go through it, and so can anything else expressed as a
 * schema block (backends, the cloud block).
 */
import type { SchemaBlock } from "../schema/format.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { bodySchema } from "../validators/block.js";
import { describeValue } from "../validators/conversion.js";
import { isPlainObject } from "../validators/kind.js";
import { diagnosticsFromIssues } from "./zod-issues.js";

export interface BlockCheckContext {
  /** The file as the user named it. */
  file: string;
  /** Pointer of the body in that file. */
  pointer: string;
  /** Names the block in messages, e.g. `aws_backup_plan` or `backend "s3"`. */
  name: string;
  address?: string;
  constructPath?: string;
  /** Resource or data source type, for owner-prefixed suggestions. */
  ownerType?: string;
}

export function checkBlock(body: unknown, block: SchemaBlock, context: BlockCheckContext): Diagnostic[] {
  if (!isPlainObject(body)) {
    return [
      {
        severity: "error",
        rule: "block-shape",
        file: context.file,
        pointer: context.pointer,
        ...(context.address !== undefined ? { address: context.address } : {}),
        ...(context.constructPath !== undefined ? { constructPath: context.constructPath } : {}),
        message: `${context.name} is a block: expected an object, got ${describeValue(body)}`,
        suggestions: [],
      },
    ];
  }
  const schema = bodySchema(block, {
    kind: "block",
    name: context.name,
    ...(context.ownerType !== undefined ? { ownerType: context.ownerType } : {}),
  });
  const result = schema.safeParse(body);
  return result.success ? [] : diagnosticsFromIssues(result.error.issues, context);
}
