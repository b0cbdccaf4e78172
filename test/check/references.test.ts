/**
 * invalid-reference and reference-type on cdktf's own output: stacks synthesized here with the
 * typed aws bindings (references as cdktf renders them: splats, iterators, depends_on, provider
 * aliases, dynamic blocks, provisioners), the mistakes added through escape hatches; then the
 * module a hand-written file belongs to, and where in a string a finding is placed.
 * Terraform 1.11.4 words every invalid-reference finding as shown (npm run conformance judges them).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataTerraformRemoteState, Fn, TerraformIterator, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Testing, ref } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group/index.js";
import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point/index.js";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system/index.js";
import { Instance } from "@cdktf/provider-aws/lib/instance/index.js";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue/index.js";
import { Subnet } from "@cdktf/provider-aws/lib/subnet/index.js";
import { Vpc } from "@cdktf/provider-aws/lib/vpc/index.js";
import { afterAll, describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import { checkFiles } from "../../src/check/files.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import { shippedSchemas } from "../../src/schema/store/index.js";
import { demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";
import { suiteDir } from "../suite-dir.js";

const TERRAFORM = { version: "1.11.4", source: "--terraform-version" };
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.severity} ${d.rule} ${d.pointer}: ${d.message}`);

interface Stack {
  stack: TerraformStack;
  vpc: Vpc;
  counted: Subnet;
  each: Subnet;
  bucket: S3Bucket;
  queue: SqsQueue;
  fs: EfsFileSystem;
  instance: Instance;
}

// Testing.app() makes a temporary output directory of its own per app, and leaves it behind.
const outdir = suiteDir("references-app-");

/** A stack as cdktf writes one, with every valid form of reference the rules must accept. */
function synthesize(mistakes: (stack: Stack) => void = () => {}): object {
  const stack = new TerraformStack(Testing.app({ outdir: outdir() }), "references");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const west = new AwsProvider(stack, "west", { region: "eu-west-2", alias: "west" });
  const names = new TerraformVariable(stack, "names", { type: "list(string)" });
  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
  // for_each with each.key and each.value
  const iterator = TerraformIterator.fromList(names.listValue);
  const each = new Subnet(stack, "each", { forEach: iterator, vpcId: vpc.id, cidrBlock: Fn.cidrsubnet(vpc.cidrBlock, 8, 1), tags: { Name: iterator.key, Value: iterator.value } });
  const counted = new Subnet(stack, "counted", { count: 2, vpcId: vpc.id, cidrBlock: "10.0.9.0/24" });
  // provider "aws.west"
  const bucket = new S3Bucket(stack, "bucket", { provider: west });
  const remote = new DataTerraformRemoteState(stack, "network", { organization: "acme", workspaces: { name: "network" } });
  const fs = new EfsFileSystem(stack, "fs", { creationToken: "data" });
  new EfsAccessPoint(stack, "ap", { fileSystemId: fs.id });
  const queue = new SqsQueue(stack, "dlq", { name: "dead-letters" });
  const instance = new Instance(stack, "web", {
    // remote state outputs
    ami: remote.getString("ami"),
    instanceType: "t3.micro",
    // depends_on as cdktf writes it: bare addresses
    dependsOn: [bucket, each],
    // a splat over a count resource
    subnetId: Fn.element(Fn.lookupNested(counted, ["*", "id"]), 0),
    // jsonencode of a whole resource
    userData: Fn.jsonencode(ref(bucket.fqn)),
    // one(x[*].y) over a set (the bucket's grant blocks)
    tags: { Grant: Fn.one(Fn.lookupNested(bucket, ["grant", "*", "id"])), Queue: queue.arn },
    provisioners: [{ type: "local-exec", command: "echo ${self.private_ip}" }],
  });
  // A dynamic block as cdktf writes it (iterator named "each", shadowing nothing here).
  const rules = TerraformIterator.fromList(names.listValue);
  new S3BucketLifecycleConfiguration(stack, "lifecycle", {
    bucket: bucket.id,
    provider: west,
    rule: rules.dynamic({ id: rules.value, status: "Enabled", filter: [{ prefix: "" }] }) as never,
  });
  new TerraformLocal(stack, "ids", Fn.join(",", Fn.lookupNested(counted, ["*", "id"])));
  new TerraformOutput(stack, "first", { value: Fn.one(Fn.lookupNested(counted, ["*", "id"])) });
  mistakes({ stack, vpc, counted, each, bucket, queue, fs, instance });
  return JSON.parse(Testing.synth(stack)) as object;
}

const check = (document: object) => checkDocument(document, { file: "cdk.tf.json", schemas: shippedSchemas(), terraform: TERRAFORM }).diagnostics;

describe("references in a synthesized cdktf stack", () => {
  it("accepts every form cdktf renders", () => {
    const document = synthesize() as { resource: Record<string, Record<string, Record<string, unknown>>> };
    // The forms under test are really there, as cdktf wrote them.
    const web = document.resource.aws_instance!.web!;
    expect(web).toMatchObject({
      ami: "${data.terraform_remote_state.network.outputs.ami}",
      depends_on: ["aws_s3_bucket.bucket", "aws_subnet.each"],
      subnet_id: "${element(aws_subnet.counted[*].id, 0)}",
      user_data: "${jsonencode(aws_s3_bucket.bucket)}",
      tags: { Grant: "${one(aws_s3_bucket.bucket.grant[*].id)}", Queue: "${aws_sqs_queue.dlq.arn}" },
      provisioner: [{ "local-exec": { command: "echo ${self.private_ip}" } }],
    });
    expect(document.resource.aws_s3_bucket!.bucket!.provider).toBe("aws.west");
    expect(document.resource.aws_subnet!.each!.tags).toEqual({ Name: "${each.key}", Value: "${each.value}" });
    expect(document.resource.aws_s3_bucket_lifecycle_configuration!.lifecycle!.dynamic).toMatchObject({ rule: { iterator: "each", content: { id: "${each.value}" } } });
    expect(brief(check(document))).toEqual([]);
  });

  it("reports the issue's three escape-hatch mistakes, each at the reference, with Terraform's words", () => {
    const document = synthesize(({ instance }) => {
      // Seed 000: an EFS file system has no access point id (the access point is a resource of its own).
      instance.addOverride("tags.AccessPoint", "${aws_efs_file_system.fs.access_point_id}");
      instance.addOverride("tags.FileSystem", "${aws_efs_filesystem.fs.id}");
      instance.addOverride("tags.DeadLetters", "${aws_sqs_queue.dead_letter.arn}");
    });
    const ds = check(document);
    expect(brief(ds)).toEqual([
      "error invalid-reference /resource/aws_instance/web/tags/AccessPoint: Unsupported attribute: aws_efs_file_system.fs.access_point_id",
      "error invalid-reference /resource/aws_instance/web/tags/DeadLetters: Reference to undeclared resource: aws_sqs_queue.dead_letter.arn",
      "error invalid-reference /resource/aws_instance/web/tags/FileSystem: Reference to undeclared resource: aws_efs_filesystem.fs.id",
    ]);
    expect(ds.map((d) => d.detail)).toEqual([
      'This object has no argument, nested block, or exported attribute named "access_point_id".',
      'A managed resource "aws_sqs_queue" "dead_letter" has not been declared in the root module. The root module declares one aws_sqs_queue resource: dlq.',
      'A managed resource "aws_efs_filesystem" "fs" has not been declared in the root module.',
    ]);
    expect(ds.map((d) => d.suggestions)).toEqual([[], [], ["aws_efs_file_system.fs"]]);
    expect(ds.map((d) => d.address)).toEqual(["aws_instance.web", "aws_instance.web", "aws_instance.web"]);
  });

  it("reports instance keys, sets, count, each and self as Terraform does", () => {
    const ds = check(
      synthesize(({ instance }) => {
        instance.addOverride("tags.Counted", "${aws_subnet.counted.id}");
        instance.addOverride("tags.Single", "${aws_vpc.vpc[0].id}");
        instance.addOverride("tags.Set", "${aws_s3_bucket.bucket.grant[0].id}");
        instance.addOverride("tags.Index", "${count.index}");
        instance.addOverride("tags.Key", "${each.key}");
        instance.addOverride("tags.Self", "${self.id}");
      }),
    );
    expect(brief(ds)).toEqual([
      "error invalid-reference /resource/aws_instance/web/tags/Counted: Missing resource instance key: aws_subnet.counted.id",
      "error invalid-reference /resource/aws_instance/web/tags/Index: Reference to \"count\" in non-counted context: count.index",
      "error invalid-reference /resource/aws_instance/web/tags/Key: Reference to \"each\" in context without for_each: each.key",
      'error invalid-reference /resource/aws_instance/web/tags/Self: Invalid "self" reference: self.id',
      "error invalid-reference /resource/aws_instance/web/tags/Set: Cannot index a set value: aws_s3_bucket.bucket.grant[0].id",
      "error invalid-reference /resource/aws_instance/web/tags/Single: Unexpected resource instance key: aws_vpc.vpc[0].id",
    ]);
    expect(ds[0]!.detail).toBe(
      'Because aws_subnet.counted has "count" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    aws_subnet.counted[count.index]',
    );
    expect(ds[4]!.detail).toBe(
      'Block type "grant" is represented by a set of objects, and set elements do not have addressable keys. To find elements matching specific criteria, use a "for" expression with an "if" clause.',
    );
  });

  it("checks depends_on entries, provider aliases, ignore_changes paths and the attributes after a splat", () => {
    const ds = check(
      synthesize(({ instance, bucket, counted }) => {
        // addOverride appends to the two entries cdktf wrote.
        instance.addOverride("depends_on", ["aws_s3_bucket.bucket", "aws_s3_bucket.bukcet", "aws_s3_bucket.bucket.id"]);
        bucket.addOverride("provider", "aws.east");
        bucket.addOverride("lifecycle.ignore_changes", ["tags", "tgas"]);
        counted.addOverride("tags.Peers", "${join(\",\", aws_subnet.counted[*].cidr_blok)}");
      }),
    );
    expect(brief(ds)).toEqual([
      "error invalid-reference /resource/aws_instance/web/depends_on/3: Reference to undeclared resource: aws_s3_bucket.bukcet",
      "error invalid-reference /resource/aws_instance/web/depends_on/4: Invalid depends_on reference: aws_s3_bucket.bucket.id",
      "error invalid-reference /resource/aws_s3_bucket/bucket/lifecycle/ignore_changes/1: Unsupported attribute: tgas",
      "error invalid-reference /resource/aws_s3_bucket/bucket/provider: Provider configuration not present: aws.east",
      "error invalid-reference /resource/aws_subnet/counted/tags/Peers: Unsupported attribute: aws_subnet.counted[*].cidr_blok",
    ]);
    expect(ds.map((d) => d.suggestions)).toEqual([["aws_s3_bucket.bucket"], [], ["tags"], ["aws.west"], ["cidr_block"]]);
    expect(ds[3]!.detail).toBe(
      'aws_s3_bucket.bucket uses the provider configuration aws.east, but the root module has no provider "aws" block with alias "east" (nor "aws.east" in the configuration_aliases of required_providers). It has aws.west.',
    );
    // After a splat only plan fails: the finding says so.
    expect(ds[4]!.detail).toBe(
      'This object does not have an attribute named "cidr_blok". Did you mean "cidr_block"? terraform validate does not report this (it does not know the values of resources, not even their types); terraform plan fails with it.',
    );
  });

  it("reports a referenced attribute whose type cannot convert to the argument's (reference-type)", () => {
    const ds = check(
      synthesize(({ stack, instance }) => {
        // A list where a list's element is wanted, a list where a string is, a number where a
        // string is (converts), a set interpolated into text.
        new DbSubnetGroup(stack, "db", { subnetIds: ["${aws_subnet.counted[*].id}" as never] });
        instance.addOverride("tags.Ids", "${aws_subnet.counted[*].id}");
        instance.addOverride("tags.Delay", "${aws_sqs_queue.dlq.delay_seconds}");
        instance.addOverride("tags.Text", "ids: ${aws_db_subnet_group.db.subnet_ids}");
      }),
    );
    expect(brief(ds)).toEqual([
      'error reference-type /resource/aws_db_subnet_group/db/subnet_ids/0: Inappropriate value for attribute "subnet_ids": string required, but aws_subnet.counted[*].id is a list of string',
      'error reference-type /resource/aws_instance/web/tags/Ids: Inappropriate value for attribute "tags": string required, but aws_subnet.counted[*].id is a list of string',
      "error reference-type /resource/aws_instance/web/tags/Text: Invalid template interpolation value: aws_db_subnet_group.db.subnet_ids is a set of string",
    ]);
    expect(ds[0]!.detail).toBe(
      "Terraform cannot convert a list of string to a string. terraform validate does not report this (it does not know the values of resources, not even their types); terraform plan fails with it.",
    );
  });
});

const demo = memorySchemas(demoSnapshot());
const checkDemo = (document: object, text?: string) =>
  checkDocument(text ?? document, { file: "main.tf.json", schemas: demo, terraform: TERRAFORM }).diagnostics;
const group = { name: "g", subnet_ids: ["subnet-1"] };

describe("variables, locals, modules and the other roots", () => {
  it("reports undeclared names with Terraform's suggestions, and checks typed variables' steps and types", () => {
    const ds = checkDemo({
      variable: { region: {}, names: { type: "list(string)" }, settings: { type: "object({size = number, tags = optional(map(string))})" } },
      locals: { prefix: "p" },
      module: { network: { source: "./network" } },
      resource: {
        demo_subnet_group: {
          a: {
            ...group,
            description: "${var.regoin}-${local.prefx}-${module.netwrk.id}-${module.network.anything.at.all}",
            tags: { A: "${var.settings.tags.Name}", B: "${var.settings.colour}", C: "${var.names}", D: "${path.modul}", E: "${terraform.env}" },
          },
        },
      },
    });
    expect(brief(ds)).toEqual([
      "error invalid-reference /resource/demo_subnet_group/a/description: Reference to undeclared input variable: var.regoin",
      "error invalid-reference /resource/demo_subnet_group/a/description: Reference to undeclared local value: local.prefx",
      "error invalid-reference /resource/demo_subnet_group/a/description: Reference to undeclared module: module.netwrk.id",
      "error invalid-reference /resource/demo_subnet_group/a/tags/B: Unsupported attribute: var.settings.colour",
      'error reference-type /resource/demo_subnet_group/a/tags/C: Inappropriate value for attribute "tags": string required, but var.names is a list of string',
      'error invalid-reference /resource/demo_subnet_group/a/tags/D: Invalid "path" attribute: path.modul',
      'error invalid-reference /resource/demo_subnet_group/a/tags/E: Invalid "terraform" attribute: terraform.env',
    ]);
    expect(ds.map((d) => d.suggestions)).toEqual([["region"], ["prefix"], ["network"], [], [], ["module"], ["workspace"]]);
    expect(ds[0]!.detail).toBe('An input variable with the name "regoin" has not been declared. Did you mean "region"?');
    expect(ds[3]!.detail).toBe('This object does not have an attribute named "colour".');
  });

  it("reports a reference written the same way in many places at each of them, whatever the place makes of it", () => {
    // The same texts in three resources: resolved once per text, but found and worded at each site;
    // where the site changes the meaning (a dynamic block's iterator of that name, depends_on), it is resolved there.
    const body = (extra: object) => ({ ...group, description: "${var.regoin}-${demo_subnet_group.a.nmae}", ...extra });
    const ds = checkDemo({
      variable: { region: {} },
      resource: {
        demo_subnet_group: {
          a: body({}),
          b: body({ depends_on: ["demo_subnet_group.a"] }),
          c: body({ tags: { X: "${var.regoin}" } }),
        },
        demo_plan: {
          p: { name: "p", rule: [{ rule_name: "r" }], dynamic: { setting: { for_each: { a: "b" }, iterator: "var", labels: ["x"], content: { value: "${var.regoin}" } } } },
        },
      },
    });
    expect(brief(ds)).toEqual([
      "error invalid-reference /resource/demo_subnet_group/a/description: Reference to undeclared input variable: var.regoin",
      "error invalid-reference /resource/demo_subnet_group/a/description: Unsupported attribute: demo_subnet_group.a.nmae",
      "error invalid-reference /resource/demo_subnet_group/b/description: Reference to undeclared input variable: var.regoin",
      "error invalid-reference /resource/demo_subnet_group/b/description: Unsupported attribute: demo_subnet_group.a.nmae",
      "error invalid-reference /resource/demo_subnet_group/c/description: Reference to undeclared input variable: var.regoin",
      "error invalid-reference /resource/demo_subnet_group/c/description: Unsupported attribute: demo_subnet_group.a.nmae",
      "error invalid-reference /resource/demo_subnet_group/c/tags/X: Reference to undeclared input variable: var.regoin",
      "error invalid-reference /resource/demo_plan/p/dynamic/setting/content/value: Unsupported attribute: var.regoin",
    ]);
    expect(ds.map((d) => d.suggestions)).toEqual([["region"], ["name"], ["region"], ["name"], ["region"], ["name"], ["region"], []]);
  });

  it("knows count.index with count, each with for_each, iterators in dynamic blocks, self in provisioners and postconditions", () => {
    const plan = {
      name: "p",
      rule: [{ rule_name: "r" }],
      count: 2,
      dynamic: { setting: { for_each: { a: "b" }, labels: ["${setting.key}"], content: { value: "${setting.value}-${count.index}-${setting.vlaue}" } } },
      lifecycle: { postcondition: [{ condition: '${self.name != ""}', error_message: "x" }], precondition: [{ condition: '${self.name != ""}', error_message: "x" }] },
    };
    expect(brief(checkDemo({ resource: { demo_plan: { p: plan } } }))).toEqual([
      "error invalid-reference /resource/demo_plan/p/dynamic/setting/content/value: Unsupported attribute: setting.vlaue",
      'error invalid-reference /resource/demo_plan/p/lifecycle/precondition/0/condition: Invalid "self" reference: self.name',
    ]);
    const each = { ...group, for_each: "${toset([\"a\"])}", description: "${each.key}-${each.value}", provisioner: [{ "local-exec": { command: "echo ${self.arn} ${self.nmae}" } }] };
    const ds = checkDemo({ resource: { demo_subnet_group: { e: each } } });
    expect(brief(ds)).toEqual(["error invalid-reference /resource/demo_subnet_group/e/provisioner/0/local-exec/command: Unsupported attribute: self.nmae"]);
    expect(ds[0]!.suggestions).toEqual(["name"]);
  });

  it("never reports what cannot be known: module outputs, remote state outputs, dynamic attributes, untyped variables, providers without a schema", () => {
    expect(
      checkDemo({
        variable: { anything: {}, loose: { type: "any" } },
        module: { m: { source: "./m", count: 2 } },
        data: { terraform_remote_state: { net: { backend: "local" } } },
        resource: {
          terraform_data: { d: { input: "${var.anything.a.b[0]}" } },
          demo_subnet_group: {
            a: { ...group, description: "${module.m[0].out.deep}${data.terraform_remote_state.net.outputs.x.y}${terraform_data.d.output.whatever}${var.loose.x}" },
          },
          other_thing: { t: { x: 1 } },
          demo_plan: { p: { name: "${other_thing.t.any_attribute}", rule: [{ rule_name: "r" }] } },
        },
      }).filter((d) => d.rule === "invalid-reference" || d.rule === "reference-type"),
    ).toEqual([]);
  });
});

describe("where a finding inside a string is", () => {
  it("points at the reference, counting escapes as they are written", () => {
    const text = `{
  "resource": {
    "demo_subnet_group": {
      "a": { "name": "a", "subnet_ids": ["s"],
        "description": "\\"q\\" \\u00e9 \\\\ \${demo_subnet_group.b.nmae}",
        "depends_on": ["demo_subnet_group.a", "demo_subnet_group.zz"],
        "tags": { "\${var.k}": "x" } }
    }
  }
}`;
    const ds = checkDemo({}, text);
    expect(ds.map((d) => `${d.line}:${d.column} ${d.pointer}: ${d.message}`)).toEqual([
      // `\"q\" \u00e9 \\ ` is 16 characters as written, 7 decoded: the reference starts at column 24 + 1 + 16 + 2.
      "5:43 /resource/demo_subnet_group/a/description: Reference to undeclared resource: demo_subnet_group.b.nmae",
      "6:48 /resource/demo_subnet_group/a/depends_on/1: Reference to undeclared resource: demo_subnet_group.zz",
      // An object key that is a template: inside the key.
      "7:22 /resource/demo_subnet_group/a/tags/${var.k}: Reference to undeclared input variable: var.k",
    ]);
  });
});

describe("the module a file belongs to", () => {
  const dir = mkdtempSync(join(tmpdir(), "references-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, document: object) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(document, null, 2));
    return join(dir, path);
  };
  const rules = async (files: string[]) =>
    (await checkFiles(files, { schemas: demo, terraform: TERRAFORM })).diagnostics.map((d) => `${d.severity} ${d.rule} ${d.file.slice(dir.length + 1)} ${d.pointer}: ${d.message}`);

  it("is every *.tf.json of its directory: names declared in the other files resolve, even when only one file is checked", async () => {
    write("module/variables.tf.json", { variable: { region: {} } });
    write("module/locals.tf.json", { locals: { prefix: "${var.region}" } });
    const main = write("module/main.tf.json", { resource: { demo_subnet_group: { a: { ...group, description: "${local.prefix}-${var.region}-${var.zone}" } } } });
    expect(await rules([main])).toEqual(["error invalid-reference module/main.tf.json /resource/demo_subnet_group/a/description: Reference to undeclared input variable: var.zone"]);
  });

  it("is incomplete when the directory has .tf files: one warning instead of undeclared names", async () => {
    write("mixed/variables.tf", { note: "HCL this checker does not read" });
    const main = write("mixed/main.tf.json", { resource: { demo_subnet_group: { a: { ...group, description: "${var.region}-${local.x}" }, b: { ...group, description: "${demo_subnet_group.a.nmae}" } } } });
    const diagnostics = (await checkFiles([main], { schemas: demo, terraform: TERRAFORM })).diagnostics;
    expect(diagnostics.map((d) => `${d.severity} ${d.rule} ${d.pointer}: ${d.message}`)).toEqual([
      "warning invalid-reference /resource/demo_subnet_group/a/description: References not checked: var.region and 1 more reference may name what the module in " +
        `${join(dir, "mixed")}/ declares in files this checker cannot read`,
      "error invalid-reference /resource/demo_subnet_group/b/description: Unsupported attribute: demo_subnet_group.a.nmae",
    ]);
    expect(diagnostics[0]!.detail).toBe(
      `${join(dir, "mixed")}/ also has variables.tf (HCL, which this checker does not read). Terraform reads every file of a module's directory as one module; names declared there cannot be told from undeclared ones here. Convert those files to *.tf.json to have every reference checked.`,
    );
  });

  it("is the stack alone for a cdk.tf.json", async () => {
    write("cdktf.out/stacks/app/variables.tf.json", { variable: { region: {} } });
    const stack = write("cdktf.out/stacks/app/cdk.tf.json", { resource: { demo_subnet_group: { a: { ...group, description: "${var.region}" } } } });
    expect(await rules([stack])).toEqual(["error invalid-reference cdktf.out/stacks/app/cdk.tf.json /resource/demo_subnet_group/a/description: Reference to undeclared input variable: var.region"]);
  });
});
