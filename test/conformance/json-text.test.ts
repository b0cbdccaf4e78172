/**
 * Terraform judges what only the text shows, which generated documents (objects) cannot hold:
 * keys given twice at every level, `__proto__`, provisioner and connection values, root arrays,
 * numbers beyond a double. Each case is checked by `terraform validate` (1.11.4 here) through
 * the schema-serving provider and by the checker, and they must agree. Needs `terraform` on
 * PATH; skipped, loudly, without it.
 */
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/document.js";
import { demoSnapshot, memorySchemas } from "../fixtures/demo-provider.js";
import { compare } from "./compare.js";
import { demoTerraformEnv } from "./terraform-env.js";
import { terraformValidate } from "./terraform-validate.js";
import { terraformForTests } from "../terraform-on-path.js";
import { suiteDir } from "../suite-dir.js";

const terraform = terraformForTests("test/conformance/json-text: Terraform's verdicts on JSON text");

const CASES: [name: string, text: string][] = [
  ["attr-twice", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"name\": 5, \"subnet_ids\": [\"x\"]}}}}"],
  ["big-number-bool", "{\"resource\": {\"demo_replication_group\": {\"r\": {\"transit_encryption_enabled\": 1e400}}}}"],
  ["big-number-string", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": 1e400, \"subnet_ids\": [\"x\"]}}}}"],
  ["comment-twice", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"//\": \"a\", \"//\": \"b\", \"name\": \"a\", \"subnet_ids\": [\"x\"]}}}}"],
  ["connection-number", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"], \"connection\": 1}}}}"],
  ["connection-twice", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"], \"connection\": {\"host\": \"a\"}, \"connection\": {\"host\": \"b\"}}}}}"],
  ["count-twice", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"], \"count\": 1, \"count\": 2}}}}"],
  ["data-dup-name", "{\"data\": {\"demo_policy_document\": {\"d\": {}, \"d\": {}}}}"],
  ["data-twice", "{\"data\": {\"demo_policy_document\": {\"d\": {\"statement\": {\"actions\": [\"a\"]}, \"statement\": {\"actionsx\": [\"b\"]}}}}}"],
  ["dynamic-twice", "{\"resource\": {\"demo_plan\": {\"p\": {\"name\": \"a\", \"dynamic\": {\"rule\": {\"for_each\": [1], \"content\": {\"rule_name\": \"x\"}}}, \"dynamic\": {\"rule\": {\"for_each\": [1], \"content\": {\"rule_namex\": \"x\"}}}}}}}"],
  ["lifecycle-max1-twice", "{\"resource\": {\"demo_plan\": {\"p\": {\"name\": \"a\", \"rule\": [{\"rule_name\": \"x\", \"copy_action\": {\"destination_vault_arn\": \"a\", \"lifecycle\": {\"delete_after\": 1}, \"lifecycle\": {\"delete_after\": 2}}}]}}}}"],
  ["map-attr-dupkey", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"], \"tags\": {\"a\": \"1\", \"a\": \"2\"}}}}}"],
  ["map-label-twice", "{\"resource\": {\"demo_plan\": {\"p\": {\"name\": \"a\", \"rule\": {\"rule_name\": \"x\"}, \"setting\": {\"k\": {\"value\": \"1\"}, \"k\": {\"value\": \"2\"}}}}}}"],
  ["nested-attr-twice", "{\"resource\": {\"demo_endpoint\": {\"e\": {\"config\": {\"mode\": \"a\", \"mode\": \"b\"}}}}}"],
  ["nested-block-twice", "{\"resource\": {\"demo_plan\": {\"p\": {\"name\": \"a\", \"rule\": {\"rule_name\": \"x\"}, \"rule\": {\"rule_name_bad\": \"y\"}}}}}"],
  ["proto-arg", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"], \"__proto__\": 1}}}}"],
  ["proto-nested", "{\"resource\": {\"demo_plan\": {\"p\": {\"name\": \"a\", \"rule\": {\"rule_name\": \"x\", \"__proto__\": {}}}}}}"],
  ["provider-alias-twice", "{\"provider\": {\"demo\": {\"region\": \"a\"}, \"demo\": {\"region\": \"b\", \"alias\": \"b\"}}, \"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"]}}}}"],
  ["provider-twice", "{\"provider\": {\"demo\": {\"region\": \"a\"}, \"demo\": {\"region\": \"b\"}}, \"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"]}}}}"],
  ["provisioner-string", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"], \"provisioner\": \"x\"}}}}"],
  ["provisioner-twice", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"], \"provisioner\": {\"local-exec\": {\"command\": \"a\"}}, \"provisioner\": {\"local-exec\": {\"command\": \"b\", \"command\": \"c\"}}}}}}"],
  ["root-array-bad", "[{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"]}}}}, 5]"],
  ["root-array", "[{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"]}}}}, {\"resource\": {\"demo_subnet_group\": {\"t\": {\"namex\": \"a\", \"subnet_ids\": [\"x\"]}}}}]"],
  ["rp-twice", "{\"terraform\": {\"required_providers\": {\"demo\": {\"source\": \"hashicorp/demo\"}}, \"required_providers\": {\"other\": {\"source\": \"hashicorp/other\"}}}, \"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"]}}}}"],
  ["rule-in-rule-twice", "{\"resource\": {\"demo_plan\": {\"p\": {\"name\": \"a\", \"rule\": [{\"rule_name\": \"x\", \"copy_action\": {\"destination_vault_arn\": \"a\"}, \"copy_action\": {\"destination_vault_arnx\": \"b\"}}]}}}}"],
  ["setting-twice", "{\"resource\": {\"demo_plan\": {\"p\": {\"name\": \"a\", \"rule\": {\"rule_name\": \"x\"}, \"setting\": {\"k\": {\"value\": \"1\"}}, \"setting\": {\"j\": {\"valuex\": \"2\"}}}}}}"],
  ["single-block-twice", "{\"resource\": {\"demo_replication_group\": {\"r\": {\"timeouts\": {\"create\": \"1m\"}, \"timeouts\": {\"create\": \"2m\"}}}}}"],
  ["terraform-twice", "{\"terraform\": {\"required_providers\": {\"demo\": {\"source\": \"hashicorp/demo\"}}}, \"terraform\": {\"required_version\": \">= 1.0\"}, \"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"]}}}}"],
  ["unknown-twice", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"], \"bogus\": 1, \"bogus\": 2}}}}"],
  ["sections-twice-both-checked", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"namex\": \"a\", \"subnet_ids\": [\"x\"]}}}, \"resource\": {\"demo_subnet_group\": {\"t\": {\"name\": \"a\"}}}}"],
  ["sections-twice-same-name", "{\"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"a\", \"subnet_ids\": [\"x\"]}}}, \"resource\": {\"demo_subnet_group\": {\"s\": {\"name\": \"b\", \"subnet_ids\": [\"y\"]}}}}"],
];

describe.skipIf(!terraform)("Terraform and the checker on JSON only text can hold", () => {
  const dir = suiteDir("json-text-");

  it("agree on every case", async () => {
    const env = demoTerraformEnv(dir());
    const cases = CASES.map(([label, text], i) => ({ name: `c${i}`, label, text }));
    const verdicts = await terraformValidate(env, cases);
    const schemas = memorySchemas(demoSnapshot("0.0.0"));
    const disagreements = cases
      .map((c) => compare(c, verdicts.get(c.name)!, checkDocument(c.text, { file: "main.tf.json", schemas }).diagnostics))
      .filter((c) => !c.agree);
    expect(disagreements).toEqual([]);
  }, 120_000);
});
