/** The CLI as a child process runs it (see spawn.ts): `main` with the process's arguments. */
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
