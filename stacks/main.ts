import { App, DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import { runApp } from "avro-kong";
import { buildApp } from "./app";

// cdktf runs the app from the project root. A mistake in a schema, a pin, a construct or a
// guardrail is reported once, as one sentence naming the construct path, without a stack trace,
// and nothing is left to deploy in cdktf.out; a bug keeps its stack. The cdktf CLI sets
// CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS because it prints the manifest's annotations itself.
const app = new App({ context: { [DISABLE_STACK_TRACE_IN_METADATA]: true } });
const underCdktfCli = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
process.exitCode = runApp(app, (built) => buildApp(built, process.cwd()), {
  report: underCdktfCli ? "cdktf-cli" : "stderr",
});
