#!/usr/bin/env node
"use strict";
process.env.CHECKPOINT_DISABLE = process.env.CHECKPOINT_DISABLE || "1";
const path = require("path");
let cli;
try {
  cli = require(path.join(__dirname, "..", "dist", "src", "cli", "index.js"));
} catch {
  process.stderr.write(
    "avro-kong is not built yet; run `npm run build` (npm ci does it for you).\n",
  );
  process.exit(2);
}
cli.runCli(process.argv.slice(2), cli.processIo()).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      `avro-kong failed unexpectedly: ${error && error.stack ? error.stack : error}\n`,
    );
    process.exit(70);
  },
);
