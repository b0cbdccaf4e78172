/**
 * `npm run conformance [-- --suite demo|aws|all] [--cases DIR] [--schema FILE --address ADDR]`:
 * Terraform itself judges the checker (see test/conformance/). The suites: `demo`, cases
 * generated from the demo provider schema of the tests; `aws`, real configurations (seed
 * fixtures, the example app, the cdktf app fixture, the .cache/corpus modules when present)
 * mutated and judged on the shipped aws 6.25.0 schema. --cases or --schema judge one set instead:
 * --cases DIR takes root modules (a cdk.tf.json, or a directory's *.tf.json files), judged on the
 * shipped aws schema when they use aws, else on --schema or the demo schema.
 * Ends with `agreement: N/M` over all suites; exits 1 when any case disagrees.
 */
import { Command } from "commander";
import { loadProviderSchema } from "../test/conformance/provider/load-schema.js";
import { AWS_ADDRESS, AWS_VERSION, awsSchemaFor, realDocuments } from "../test/conformance/real-configurations.js";
import { type ConformanceResult, casesFromDir, formatReport, runConformance } from "../test/conformance/run.js";
import { DEMO_ADDRESS, demoProviderSchema } from "../test/fixtures/demo-provider.js";

const options = new Command("conformance")
  .option("--suite <suite>", "demo, aws or all", "all")
  .option("--cases <dir>", "judge the root modules under DIR (each cdk.tf.json, each directory of *.tf.json) instead of generated cases")
  .option("--schema <file>", "provider schema to serve (`terraform providers schema -json` output)")
  .option("--address <address>", "provider address within --schema", DEMO_ADDRESS)
  .option("--minimum <n>", "generate at least this many cases per suite", "2000")
  .option("--batch-size <n>", "cases per terraform validate run", "250")
  .parse(process.argv)
  .opts<{ suite: string; cases?: string; schema?: string; address: string; minimum: string; batchSize: string }>();

const common = { minimum: Number(options.minimum), batchSize: Number(options.batchSize) };
const results: ConformanceResult[] = [];
const started = Date.now();

if (options.cases || options.schema) {
  // Root modules of aws (the corpus, cdktf stacks) are judged on the shipped aws schema unless another is given.
  const awsCases = options.cases && !options.schema ? casesFromDir(options.cases, "aws") : [];
  const aws = awsCases.length > 0;
  const result = await runConformance({
    ...common,
    address: aws ? AWS_ADDRESS : options.address,
    schema: options.schema
      ? loadProviderSchema(options.schema, options.address)
      : aws
        ? awsSchemaFor(awsCases.map((c) => ({ label: c.label, document: JSON.parse(c.text) })))
        : demoProviderSchema,
    casesDir: options.cases,
  });
  console.log(formatReport(result));
  results.push(result);
} else {
  if (!["demo", "aws", "all"].includes(options.suite)) throw new Error(`--suite: demo, aws or all, not "${options.suite}"`);
  if (options.suite !== "aws") {
    console.log(`== demo: cases generated from the demo provider schema (${DEMO_ADDRESS})`);
    const result = await runConformance({ ...common, address: DEMO_ADDRESS, schema: demoProviderSchema });
    console.log(formatReport(result, "demo"));
    results.push(result);
  }
  if (options.suite !== "demo") {
    const documents = await realDocuments();
    console.log(`== aws: ${documents.length} real configurations mutated, on the shipped aws ${AWS_VERSION} schema`);
    const result = await runConformance({ ...common, address: AWS_ADDRESS, schema: awsSchemaFor(documents), documents });
    console.log(formatReport(result, "aws"));
    results.push(result);
  }
}
const comparisons = results.flatMap((r) => r.comparisons);
console.log(`wall time ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`agreement: ${comparisons.filter((c) => c.agree).length}/${comparisons.length}`);
process.exitCode = comparisons.every((c) => c.agree) ? 0 : 1;
