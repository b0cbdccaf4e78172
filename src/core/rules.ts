/** Rule ids are public API: users filter and suppress by them, SARIF lists them. */
export const RULES = {
  "unknown-type": "A resource or data source type the provider does not have, or a backend type Terraform does not have.",
  "unknown-argument": "An argument or block name the schema does not define (or one only the provider may set).",
  "missing-argument": "A required argument is absent, or a block appears fewer times than its minimum.",
  "type-mismatch": "A value Terraform converts implicitly (warning) or cannot convert (error) to the argument's type.",
  "block-shape": "A value where a block belongs, more blocks than allowed, or blocks nested the wrong way.",
  duplicate: "A key given twice where Terraform allows one: an argument, a key of an object value, a resource or provider configuration.",
  deprecated: "An argument or block the provider marks as deprecated.",
  "schema-unavailable": "No schema is available for a provider; its resources are not checked.",
  "schema-approximate": "No schema of the provider version asked for: its resources are checked against the nearest version of the same major.",
  "invalid-value": "A value Terraform rejects outright: a malformed version constraint or provider source address.",
  "required-version": "terraform.required_version excludes the Terraform version checked against.",
  "terraform-version-unknown": "The terraform on PATH could not say its version, so the terraform block was checked against the newest release this checker knows.",
  "undeclared-provider": "A provider used by resources but not declared in terraform.required_providers (Terraform assumes hashicorp/<name>).",
  "invalid-expression": "A template or expression (a string with ${…} or %{…}) that Terraform cannot parse.",
  "unknown-function": "A call to a function the Terraform release checked against (or the provider) does not have.",
  "invalid-reference": "A reference to something the module does not declare, or that does not have what is asked of it: an undeclared resource, variable, local or module, an attribute the schema lacks, an index into a set, count/each/self where they are not available, a meta-argument naming what is not there.",
  "reference-type": "A reference whose type (from the schema or a variable's type) Terraform cannot convert to the argument's type (error), or converts only for some values (warning).",
  "unused-suppression": "A suppression in the configuration that matched no finding (remove it, or fix its rule or address).",
} as const;

export type RuleId = keyof typeof RULES;
