/**
 * The long form of every rule in rules.ts: its usual severity, why it matters, and a small
 * Terraform JSON example that breaks it and one that does not. SARIF reports carry these as
 * each rule's help text (code scanning shows them beside every alert); the README's rules table
 * is the short form. Keyed by RuleId, so a new rule does not typecheck until it is documented.
 */
import { RULES, type RuleId } from "./rules.js";

export interface RuleDoc {
  /** The severity the rule reports with; `type-mismatch` reports both, its default is error. */
  severity: "error" | "warning";
  /** Why the rule exists and what Terraform does with such input. */
  help: string;
  /** Terraform JSON (a fragment of cdk.tf.json) that the rule reports. */
  bad: string;
  /** The same fragment, fixed. */
  good: string;
}

export const RULE_DOCS: { readonly [K in RuleId]: RuleDoc } = {
  "unknown-type": {
    severity: "error",
    help: "The provider's schema has no resource or data source type of this name (or Terraform has no backend of this name). Terraform stops at plan with \"The provider does not support resource type\". Usually a typo, a type declared under the wrong block (a data source under \"resource\"), or a type added in a newer provider version than the one checked.",
    bad: '{ "resource": { "aws_elasticache_replicaton_group": { "cache": { "replication_group_id": "cache" } } } }',
    good: '{ "resource": { "aws_elasticache_replication_group": { "cache": { "replication_group_id": "cache" } } } }',
  },
  "unknown-argument": {
    severity: "error",
    help: "The schema defines no argument or block of this name here, or defines it as read-only (computed): only the provider sets it. Terraform rejects it with \"An argument named … is not expected here\". Common causes: a camelCase name from an escape hatch (addOverride) where Terraform wants snake_case, or an argument that exists only in another provider version. A read-only argument set from an expression is only a warning, and nothing when the expression may be null (`${var.x}`, `${try(x, null)}`): providers accept null there, as modules use to pass optional values on.",
    bad: '{ "resource": { "aws_elasticache_subnet_group": { "sg": { "subnet_group_name": "cache", "subnet_ids": ["subnet-1"] } } } }',
    good: '{ "resource": { "aws_elasticache_subnet_group": { "sg": { "name": "cache", "subnet_ids": ["subnet-1"] } } } }',
  },
  "missing-argument": {
    severity: "error",
    help: "A required argument is absent, or a block appears fewer times than the schema's min_items. Terraform reports \"Missing required argument\" at plan. In a backend block it is a warning: terraform init -backend-config may supply the argument (a partial configuration). An object value needs every attribute of its type, null where unused: a security group's ingress written as a JSON property is the attribute itself, not blocks: Terraform reports \"Inappropriate value for attribute\", naming the attributes that are required.",
    bad: '{ "resource": { "aws_backup_plan": { "plan": { "name": "daily" } } } }',
    good: '{ "resource": { "aws_backup_plan": { "plan": { "name": "daily", "rule": [{ "rule_name": "daily", "target_vault_name": "vault" }] } } } }',
  },
  "type-mismatch": {
    severity: "error",
    help: "The value's type does not match the argument's. When Terraform cannot convert it (the string \"yes\" to a bool) it is an error. When Terraform converts it implicitly (the bool true to the string \"true\", a string to a one-element list) it is a warning: Terraform accepts it, but typed CDKTF bindings in Python, Java, C# and Go reject the same value.",
    bad: '{ "resource": { "aws_elasticache_replication_group": { "cache": { "transit_encryption_enabled": "yes" } } } }',
    good: '{ "resource": { "aws_elasticache_replication_group": { "cache": { "transit_encryption_enabled": true } } } }',
  },
  "block-shape": {
    severity: "error",
    help: "A block is written the wrong way: a plain value where the schema has a block, a block where it has an attribute, more blocks than max_items, or nesting that does not match the schema. Terraform reports \"Unsupported block type\" or \"Too many blocks\".",
    bad: '{ "resource": { "aws_backup_plan": { "plan": { "name": "daily", "rule": [{ "rule_name": "r", "target_vault_name": "v", "lifecycle": 7 }] } } } }',
    good: '{ "resource": { "aws_backup_plan": { "plan": { "name": "daily", "rule": [{ "rule_name": "r", "target_vault_name": "v", "lifecycle": [{ "delete_after": 7 }] }] } } } }',
  },
  duplicate: {
    severity: "error",
    help: "JSON lets an object repeat a key and JSON.parse keeps the last one, but Terraform reads every occurrence: a repeated block type adds blocks (and all of them are checked), while a repeated argument is \"Duplicate argument\", a repeated key in an object value \"Duplicate object attribute\", and a second resource or default provider configuration of the same name \"Duplicate resource configuration\" or \"Duplicate provider configuration\". Usually two escape hatches (addOverride) writing the same key, or hand-edited JSON.",
    bad: '{ "resource": { "aws_s3_bucket": { "logs": { "bucket": "logs", "bucket": "logs-eu" } } } }',
    good: '{ "resource": { "aws_s3_bucket": { "logs": { "bucket": "logs-eu" } } } }',
  },
  deprecated: {
    severity: "warning",
    help: "The provider (or Terraform, for backends) marks this argument or block as deprecated. It still works, but a later version removes it; the detail names the replacement when the schema does.",
    bad: '{ "terraform": { "backend": { "s3": { "bucket": "state", "key": "app", "region": "eu-west-1", "endpoint": "https://s3.example.com" } } } }',
    good: '{ "terraform": { "backend": { "s3": { "bucket": "state", "key": "app", "region": "eu-west-1", "endpoints": { "s3": "https://s3.example.com" } } } } }',
  },
  "schema-approximate": {
    severity: "warning",
    help: "No schema of the provider version the configuration asks for is available (not shipped, not in the project's bindings, not in .cdktf-schemas), so its resources are checked against the nearest available version of the same major: the nearest newer one, else the nearest older one. Against a newer version, arguments added after the version asked for are accepted without being reported, though that version may not have them; against an older one, arguments added since are reported as unknown. Install the bindings of that version in the project, or add its schema with `cdktf-schema-check schema extract` or `schema fetch`. --strict fails on it.",
    bad: '{ "terraform": { "required_providers": { "aws": { "source": "hashicorp/aws", "version": "6.24.1" } } }, "resource": { "aws_s3_bucket": { "b": { "bucket": "logs" } } } }',
    good: '{ "terraform": { "required_providers": { "aws": { "source": "hashicorp/aws", "version": "6.25.0" } } }, "resource": { "aws_s3_bucket": { "b": { "bucket": "logs" } } } }',
  },
  "schema-unavailable": {
    severity: "warning",
    help: "No schema is available for a provider at the version asked for, so its resources and data sources are not checked (everything else still is). Check against a version that is available with --provider-version NAME=VERSION or the providerVersions setting, or fetch the schema with `cdktf-schema-check schema fetch`.",
    bad: '{ "terraform": { "required_providers": { "google": { "source": "hashicorp/google", "version": "~> 6.0" } } }, "resource": { "google_storage_bucket": { "b": { "name": "b", "location": "EU" } } } }',
    good: "cdktf-schema-check schema fetch google@6.8.0   (then check again: the google resources are checked)",
  },
  "invalid-value": {
    severity: "error",
    help: "A value Terraform rejects outright before looking at any provider: a malformed version constraint or provider source address in the terraform block. terraform init fails on it.",
    bad: '{ "terraform": { "required_providers": { "aws": { "source": "hashicorp/aws", "version": "=> 6.0" } } } }',
    good: '{ "terraform": { "required_providers": { "aws": { "source": "hashicorp/aws", "version": ">= 6.0" } } } }',
  },
  "required-version": {
    severity: "warning",
    help: "terraform.required_version excludes the Terraform release checked against (--terraform-version, the terraform on PATH, or the newest known release), so that Terraform refuses to run the configuration.",
    bad: '{ "terraform": { "required_version": "< 1.5.0" } }   (checked against Terraform 1.11.4)',
    good: '{ "terraform": { "required_version": ">= 1.5.0" } }',
  },
  "terraform-version-unknown": {
    severity: "warning",
    help: "Backend, cloud and required_version checks depend on the Terraform release that will run the configuration. Without --terraform-version (or terraformVersion in the configuration) the checker asks the terraform on PATH; when that binary fails (no JSON from `terraform version -json`, no answer within 5 s), it checks against the newest release it knows and says so here, because the findings may differ for the release you run.",
    bad: '{ "terraform": { "backend": { "s3": { "bucket": "state", "key": "app", "region": "eu-west-1", "use_lockfile": true } } } }   (a broken terraform on PATH)',
    good: "cdktf-schema-check --terraform-version 1.11.4 cdktf.out",
  },
  "undeclared-provider": {
    severity: "warning",
    help: "Resources use a provider that terraform.required_providers does not declare. Terraform then assumes hashicorp/<name> with any version, which may not be the provider or version the bindings were generated for.",
    bad: '{ "resource": { "aws_s3_bucket": { "logs": { "bucket": "logs" } } } }',
    good: '{ "terraform": { "required_providers": { "aws": { "source": "hashicorp/aws", "version": "~> 6.0" } } }, "resource": { "aws_s3_bucket": { "logs": { "bucket": "logs" } } } }',
  },
  "invalid-expression": {
    severity: "error",
    help: "In Terraform JSON every argument string is a template: `${…}` interpolates an expression and `%{if}`/`%{for}` are directives (write `$${` and `%%{` for the literal characters). A string whose template or expression does not parse fails terraform validate and plan with HCL's message, such as \"Unclosed template interpolation sequence\" or \"Invalid 'for' expression\"; the finding repeats it, and where in the string it is. Typical causes: a missing closing brace, a shell or CloudFormation `${VAR}` that was meant literally, an object `for` without `=>`.",
    bad: '{ "resource": { "aws_instance": { "web": { "for_each": "${{for s in var.servers : s.name s}}", "ami": "ami-123", "instance_type": "t3.micro" } } } }',
    good: '{ "resource": { "aws_instance": { "web": { "for_each": "${{for s in var.servers : s.name => s}}", "ami": "ami-123", "instance_type": "t3.micro" } } } }',
  },
  "unknown-function": {
    severity: "error",
    help: "The function is not one of the Terraform release's built-in functions (the release checked against: --terraform-version, the terraform on PATH, or the newest known), or it is a provider function (`provider::<name>::<function>`) of a provider the module does not declare in required_providers or that does not offer it. Terraform fails with \"Call to unknown function\". Functions added in later releases (templatestring in 1.9, ephemeralasnull in 1.10, provider functions in 1.8) say which release they need. Provider functions are checked where the provider's schema lists them (schemas fetched with Terraform); snapshots extracted from bindings do not.",
    bad: '{ "resource": { "aws_s3_bucket": { "b": { "bucket": "${lowercase(var.name)}" } } } }',
    good: '{ "resource": { "aws_s3_bucket": { "b": { "bucket": "${lower(var.name)}" } } } }',
  },
  "invalid-reference": {
    severity: "error",
    help: "Every `${…}` expression, and every depends_on, provider, ignore_changes and replace_triggered_by entry, is resolved in the module it belongs to (a cdk.tf.json is a whole stack; a hand-written module is all the *.tf.json files of its directory), as Terraform resolves it: a resource, data source, variable, local or module call must be declared (\"Reference to undeclared resource\", with the names that are close); the attribute after a resource must be an argument, nested block or exported attribute of its type's schema, computed ones included (\"Unsupported attribute\", did you mean); a block or attribute that is a set cannot be indexed; a resource with count or for_each is read through an instance key, one without never; count.index needs count, each.key and each.value for_each, self a provisioner, connection or postcondition; depends_on names whole objects; a provider meta-argument names a provider configuration the module has. terraform validate fails on these; where only plan fails (an attribute after a splat or a computed index: validate does not know resource values), the finding says so. Nothing that cannot be known is reported: module outputs, a remote state's outputs, dynamic-typed attributes, untyped variables, resources of providers without a schema. A module whose directory also has .tf files gets one warning instead: names may be declared there.",
    bad: '{ "resource": { "aws_sqs_queue": { "dlq": { "name": "dead-letters" }, "jobs": { "redrive_policy": "${jsonencode({deadLetterTargetArn = aws_sqs_queue.dead_letter.arn, maxReceiveCount = 5})}" } } } }',
    good: '{ "resource": { "aws_sqs_queue": { "dlq": { "name": "dead-letters" }, "jobs": { "redrive_policy": "${jsonencode({deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 5})}" } } } }',
  },
  "reference-type": {
    severity: "error",
    help: "A reference whose type is known, an attribute of a resource (from the provider's schema) or a typed input variable, used as an argument's whole value or interpolated into text, must convert to what the argument takes, by Terraform's (cty's) conversion rules. When no value of its type converts (a list where a string is needed, a string where a set of strings is, a list interpolated into text), Terraform fails with \"Inappropriate value for attribute\" or \"Invalid template interpolation value\": an error. For a typed variable terraform validate reports it too; for a resource attribute only plan does, since validate treats resource values as unknown of any type. When only some values convert (a string attribute where a number is needed), it is a warning: the value decides at apply. A string variable holding numbers is a common module idiom and is not reported.",
    bad: '{ "resource": { "aws_subnet": { "a": { "vpc_id": "vpc-0a1b2c3d", "cidr_block": "10.0.1.0/24" } }, "aws_db_subnet_group": { "db": { "subnet_ids": "${aws_subnet.a.id}" } } } }',
    good: '{ "resource": { "aws_subnet": { "a": { "vpc_id": "vpc-0a1b2c3d", "cidr_block": "10.0.1.0/24" } }, "aws_db_subnet_group": { "db": { "subnet_ids": ["${aws_subnet.a.id}"] } } } }',
  },
  "unused-suppression": {
    severity: "warning",
    help: "A suppression in the configuration (cdktf-schema-check.json, or \"schemaCheck\" in cdktf.json) matched no finding. The problem it silenced is fixed, or its rule or address is misspelled; remove it so it cannot hide a new finding later. It is a warning, so --strict fails on it.",
    bad: '{ "suppressions": [{ "rule": "deprecated", "address": "aws_s3_bucket.old", "reason": "migrating" }] }   (no aws_s3_bucket.old any more)',
    good: '{ "suppressions": [] }',
  },
};

/** The help text of a rule: its one-line doc, the long explanation, and the examples. */
export function ruleHelp(id: RuleId): { text: string; markdown: string } {
  const doc = RULE_DOCS[id];
  return {
    text: `${RULES[id]}\n\n${doc.help}\n\nReported:\n  ${doc.bad}\n\nAccepted:\n  ${doc.good}`,
    markdown: `${RULES[id]}\n\n${doc.help}\n\nReported:\n\n${fence(doc.bad)}\n\nAccepted:\n\n${fence(doc.good)}`,
  };
}

function fence(example: string): string {
  let json = true;
  try {
    JSON.parse(example);
  } catch {
    json = false;
  }
  return `\`\`\`${json ? "json" : ""}\n${example}\n\`\`\``;
}
