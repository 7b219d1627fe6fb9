#!/usr/bin/env node
"use strict";
// Prints the synthesized stacks (cdktf.out/stacks/<name>) of one environment, one per line,
// for CI's plan and deploy steps. A stack names its environment in its "//" comment block
// (docs/guides/stacks-per-team.md); one that does not is taken for its own name.
const fs = require("fs");
const path = require("path");

const [environment, outdir = "cdktf.out"] = process.argv.slice(2);
if (!environment) {
  process.stderr.write("usage: node scripts/ci/stacks-of-environment.js ENVIRONMENT [OUTDIR]\n");
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
for (const [name, entry] of Object.entries(manifest.stacks).sort(([a], [b]) =>
  a.localeCompare(b),
)) {
  const stack = JSON.parse(fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), "utf8"));
  const marker = ((stack["//"] || {}).metadata || {}).avroKong;
  if ((marker && marker.environment) === environment || (!marker && name === environment)) {
    process.stdout.write(path.join(outdir, entry.workingDirectory || `stacks/${name}`) + "\n");
  }
}
