import { App } from "cdktf";
import { buildApp } from "./app";

// cdktf runs the app from the project root. A mistake in a schema, a pin or a construct is
// reported as its one sentence, without a stack trace (AVRO_KONG_DEBUG=1 shows the trace).
try {
  buildApp(new App(), process.cwd()).synth();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${process.env.AVRO_KONG_DEBUG && error instanceof Error ? error.stack : message}\n`,
  );
  process.exit(1);
}
