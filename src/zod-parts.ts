/**
 * The parts of zod the project uses, named one by one so that bundles (scripts/build.ts) carry
 * only them: all of zod is about 750 KB of JavaScript (locales, JSON Schema, string formats),
 * which every start of the command line would parse; these parts are about 200 KB. src/zod.ts
 * hands them out as `z`; a name missing here is a type error where it is used.
 */
export {
  array,
  boolean,
  config,
  enum,
  lazy,
  literal,
  number,
  object,
  record,
  strictObject,
  string,
  tuple,
  union,
  unknown,
} from "zod";
export type { core, infer, ZodType } from "zod";
