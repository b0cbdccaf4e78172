/** The CLI as a child process runs it (see spawn.ts): `run` with the process's arguments, as the launcher calls it. */
import { run } from "../../src/cli/main.js";

process.exitCode = await run(process.argv.slice(2));
