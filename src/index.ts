/**
 * The programmatic API: check synthesized Terraform JSON against provider schemas.
 *
 *   const { diagnostics, summary } = await checkFiles(["cdktf.out"], { schemas: defaultSchemas() });
 *   const { diagnostics } = checkDocument(text, { file: "cdk.tf.json", schemas });
 */
export { checkFiles, summarize, type CheckOptions, type CheckResult, type CheckSummary } from "./check/files.js";
export { checkDocument, TOP_LEVEL_KEYS, type DocumentCheckOptions, type DocumentCheckResult } from "./check/document.js";
export { checkBlock, type BlockCheckContext } from "./check/block.js";
export type { SchemaSource } from "./check/providers.js";
export { defaultSchemas } from "./schema/store/index.js";
export type { Diagnostic, Severity } from "./core/diagnostic.js";
export { RULES, type RuleId } from "./core/rules.js";
export { InputError } from "./check/input-error.js";
export { JsonSource, MalformedJsonError, type Position } from "./check/json-source.js";
export { formatJson } from "./report/json.js";
export { formatPretty, type PrettyOptions } from "./report/pretty.js";
export { formatSarif, type SarifOptions } from "./report/sarif.js";
export { formatGithub, type GithubOptions } from "./report/github.js";
export { RULE_DOCS, type RuleDoc } from "./core/rule-docs.js";
export { applySuppressions, loadConfig, type LoadConfigOptions, type ResolvedConfig, type Suppression } from "./config/index.js";
