/**
 * Compiles the JSON pre-scan (src/check/json-prescan.as.ts, AssemblyScript) and writes
 * src/check/json-prescan-wasm.ts, which ships it. Run it after changing the .as.ts file; a test
 * (test/check/json-prescan.test.ts) fails while the two disagree.
 *
 *   npm run build:prescan
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { compilePrescan, PRESCAN_MODULE, prescanModuleText } from "./prescan/compile.js";

const wasm = await compilePrescan();
writeFileSync(PRESCAN_MODULE, prescanModuleText(wasm));
console.log(`${path.relative(process.cwd(), PRESCAN_MODULE)}: ${wasm.length} bytes of WebAssembly`);
