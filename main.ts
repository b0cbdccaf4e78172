/**
 * The example app: one clean stack, and one stack that reproduces, through the escape hatches
 * real apps use (`addOverride`, raw objects, `as any`), every schema-visible failure from the
 * post-mortems in shared/seeds. `npm run synth` synthesizes it and runs the checker on the output.
 */
import { App } from "cdktf";
import { CleanStack } from "./examples/clean-stack.js";
import { SeedFailuresStack } from "./examples/seed-failures-stack.js";

const app = new App();
new CleanStack(app, "clean");
new SeedFailuresStack(app, "seed-failures");
app.synth();
