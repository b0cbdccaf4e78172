/** The CLI as a child process runs it (see spawn.ts): `run` with the process's arguments, ended as the launcher ends it. */
import { exitWhenWritten } from "../../src/cli/exit.js";
import { run } from "../../src/cli/main.js";

exitWhenWritten(await run(process.argv.slice(2)));
