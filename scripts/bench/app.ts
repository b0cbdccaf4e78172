/**
 * The in-synth cost of `SchemaCheck.of(app)`: a cdktf app of five aws resources (typed bindings
 * from @cdktf/provider-aws, a provider, a reference), run as `tsx main.ts` runs it, once as it
 * is and once with SchemaCheck installed right after `new App()`. Each variant is an app
 * directory of its own whose node_modules links cdktf, constructs and the bindings of this
 * repository, and cdktf-schema-check to the package measured (its built dist/).
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "./runs.js";

const root = path.join(import.meta.dirname, "..", "..");
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

const APP = (checked: boolean) =>
  [
    'import { App, TerraformStack } from "cdktf";',
    'import type { Construct } from "constructs";',
    'import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";',
    'import { IamRole } from "@cdktf/provider-aws/lib/iam-role/index.js";',
    'import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";',
    'import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group/index.js";',
    'import { Subnet } from "@cdktf/provider-aws/lib/subnet/index.js";',
    'import { Vpc } from "@cdktf/provider-aws/lib/vpc/index.js";',
    ...(checked ? ['import { SchemaCheck } from "cdktf-schema-check/cdktf";'] : []),
    "",
    "class Network extends TerraformStack {",
    "  constructor(scope: Construct, id: string) {",
    "    super(scope, id);",
    '    new AwsProvider(this, "aws", { region: "eu-west-1" });',
    '    const vpc = new Vpc(this, "vpc", { cidrBlock: "10.0.0.0/16", tags: { Name: "bench" } });',
    '    new Subnet(this, "subnet", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });',
    '    new SecurityGroup(this, "sg", { vpcId: vpc.id, ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] });',
    '    new S3Bucket(this, "bucket", { bucket: "bench-bucket" });',
    '    new IamRole(this, "role", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });',
    "  }",
    "}",
    "",
    "const app = new App();",
    ...(checked ? ["SchemaCheck.of(app);"] : []),
    'new Network(app, "network");',
    "app.synth();",
    "",
  ].join("\n");

/** `tsx main.ts` of the five-resource app in `dir`, with SchemaCheck from `packageDir` when given. */
export function appCommand(dir: string, packageDir?: string): Command {
  mkdirSync(path.join(dir, "node_modules", "@cdktf"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-app", private: true, type: "module" }));
  writeFileSync(path.join(dir, "main.ts"), APP(packageDir !== undefined));
  for (const name of ["cdktf", "constructs", "@cdktf/provider-aws"]) symlinkSync(path.join(root, "node_modules", name), path.join(dir, "node_modules", name));
  if (packageDir) symlinkSync(packageDir, path.join(dir, "node_modules", "cdktf-schema-check"));
  return { node: ["--import", TSX, "main.ts"], cwd: dir };
}
