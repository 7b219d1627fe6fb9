import { processIo, runCli } from "../../src/cli";

// `avro-kong …` from the sources, for tests that run the command as its own process.
void runCli(process.argv.slice(2), processIo()).then((code) => process.exit(code));
