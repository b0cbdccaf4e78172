/** What both example stacks share: the AWS provider and an S3 state backend. */
import { S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";

export class ExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1" });
    new S3Backend(this, {
      bucket: "example-terraform-state",
      key: `${id}/terraform.tfstate`,
      region: "us-east-1",
      encrypt: true,
    });
  }
}
