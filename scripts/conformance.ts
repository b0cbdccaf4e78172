/**
 * `npm run conformance [-- --cases DIR] [--schema FILE --address ADDR]`: Terraform itself judges
 * the checker (see test/conformance/). Without --schema, the demo provider schema of the tests.
 * Exits 1 when any case disagrees.
 */
import { Command } from "commander";
import { loadProviderSchema } from "../test/conformance/provider/load-schema.js";
import { formatReport, runConformance } from "../test/conformance/run.js";
import { DEMO_ADDRESS, demoProviderSchema } from "../test/fixtures/demo-provider.js";

const options = new Command("conformance")
  .option("--cases <dir>", "judge every *.tf.json under DIR instead of generated cases")
  .option("--schema <file>", "provider schema to serve (`terraform providers schema -json` output)")
  .option("--address <address>", "provider address within --schema", DEMO_ADDRESS)
  .option("--minimum <n>", "generate at least this many cases", "2000")
  .option("--batch-size <n>", "cases per terraform validate run", "250")
  .parse(process.argv)
  .opts<{ cases?: string; schema?: string; address: string; minimum: string; batchSize: string }>();

const result = await runConformance({
  address: options.address,
  schema: options.schema ? loadProviderSchema(options.schema, options.address) : demoProviderSchema,
  casesDir: options.cases,
  minimum: Number(options.minimum),
  batchSize: Number(options.batchSize),
});
console.log(formatReport(result));
process.exitCode = result.comparisons.every((c) => c.agree) ? 0 : 1;
