#!/usr/bin/env node
// Regenerates the Kong provider bindings exactly as `cdktf get` would, from the
// provider schema committed in src/provider/schema (the registry is not reachable here).
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
const fs = require("fs");
const path = require("path");
const { generateProviderBindingsFromSchema } = require("@cdktf/provider-generator");

const root = path.resolve(__dirname, "..");
const schemaFile = path.join(root, "src/provider/schema/kevholditch-kong-6.5.1.schema.json");
const defaultTarget = path.join(root, "src/provider/gen");

async function generate(target) {
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  fs.rmSync(target, { recursive: true, force: true });
  await generateProviderBindingsFromSchema(target, schema);
}

module.exports = { generate };

if (require.main === module) {
  const target = process.argv[2] ? path.resolve(process.argv[2]) : defaultTarget;
  generate(target).then(
    () => console.log(`Kong provider bindings written to ${path.relative(root, target) || "."}`),
    (error) => {
      console.error(`Could not generate the Kong bindings: ${error.message}`);
      process.exit(1);
    },
  );
}
