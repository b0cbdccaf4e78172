/**
 * What a suppression's `address` selects:
 *
 * - a Terraform address, `*` matching any run of characters: `aws_s3_bucket.logs`,
 *   `aws_s3_bucket.*`, `data.aws_iam_policy_document.*`, `provider.aws`;
 * - a file pointer, `FILE#/JSON/POINTER`: findings at that place or below it in files matching
 *   FILE (relative to the configuration file; `*` within a path segment, `**` across segments;
 *   empty for any file), e.g. `cdktf.out/stacks/prod/cdk.tf.json#/terraform/backend/s3`, or
 *   `#/terraform/required_providers/google` in every file. `*` in the pointer matches within one
 *   segment. This is how findings without a Terraform address (the terraform block) are selected;
 * - nothing (the key left out): every finding of the rule.
 */
import path from "node:path";
import type { Diagnostic } from "../core/diagnostic.js";

export type AddressMatcher = (d: Pick<Diagnostic, "file" | "pointer" | "address">) => boolean;

export function compileAddress(address: string | undefined, where: { configDir: string; cwd: string }): AddressMatcher {
  if (address === undefined) return () => true;
  const hash = address.indexOf("#");
  if (hash < 0) {
    const pattern = globToRegExp(address, ".*");
    return (d) => d.address !== undefined && pattern.test(d.address);
  }
  const filePattern = address.slice(0, hash).replace(/\\/g, "/").replace(/^\.\//, "");
  const pointerPattern = address.slice(hash + 1);
  const file = filePattern === "" ? undefined : globToRegExp(filePattern, "[^/]*", true);
  const pointer = new RegExp(`^${globSource(pointerPattern, "[^/]*")}(?:/.*)?$`);
  return (d) => {
    if (!pointer.test(d.pointer)) return false;
    if (!file) return true;
    const relative = path.relative(where.configDir, path.resolve(where.cwd, d.file)).split(path.sep).join("/");
    return file.test(relative);
  };
}

function globToRegExp(glob: string, star: string, doubleStar = false): RegExp {
  return new RegExp(`^${globSource(glob, star, doubleStar)}$`);
}

function globSource(glob: string, star: string, doubleStar = false): string {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && doubleStar && glob[i + 1] === "*") {
      // `**/` matches no directory too.
      if (glob[i + 2] === "/") {
        source += "(?:.*/)?";
        i += 2;
      } else {
        source += ".*";
        i += 1;
      }
    } else if (c === "*") {
      source += star;
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return source;
}
