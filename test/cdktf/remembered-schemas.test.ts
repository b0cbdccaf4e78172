/**
 * SchemaCheck keeps the shipped schemas' bodies it decoded for the next synth, as the command
 * line does (src/schema/store/history.ts), in the private cache directory. A file of its own: the
 * shipped store is one per process, and no other test may have decoded these types before.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import * as cdktf from "cdktf";
import { expect, it, vi } from "vitest";
import { SchemaCheck } from "../../src/cdktf/index.js";
import { escapeHatchStack } from "../fixtures/cdktf-sources/stacks.js";
import { suiteDir } from "../suite-dir.js";

const scratch = suiteDir("remembered-schemas-");

it("keeps what a synth decoded in the private cache directory, once every stack is checked", () => {
  vi.stubEnv("NODE_COMPILE_CACHE", path.join(scratch(), "cache"));
  const app = new cdktf.App({ outdir: path.join(scratch(), "out") });
  SchemaCheck.of(app);
  escapeHatchStack(cdktf, app, "aws_elasticache_subnet_group", { name: "cache", subnet_ids: ["subnet-1"] });
  app.synth();
  const kept = readdirSync(path.join(scratch(), "cache", `cdktf-schema-check-${process.getuid!()}`));
  expect(kept).toEqual([expect.stringMatching(/^decoded-registry\.terraform\.io_hashicorp_aws-[\da-f]{8}-\d+-[\da-f]{8}-[\da-f]{8}\.bodies$/)]);
  vi.unstubAllEnvs();
});
