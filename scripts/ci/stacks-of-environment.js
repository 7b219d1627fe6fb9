#!/usr/bin/env node
"use strict";
// Prints the synthesized stacks (cdktf.out/stacks/<name>) of one environment, one per line,
// for CI's plan and deploy steps. A stack names its environment in its "//" comment block
// (docs/guides/stacks-per-team.md); one that does not is taken for its own name.
// The plan workflow runs it on stacks a pull request synthesized: every file it reads must be a
// regular file of bounded size inside OUTDIR, and every stack it prints a folder inside OUTDIR.
const path = require("path");
const { readArtifactFile } = require("./review-comment.js");

const FILE_LIMIT = 64 * 1024 * 1024;

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** `relative` inside `outdir`, or a refusal: no absolute path, no way out through "..". */
function inside(outdir, relative) {
  if (typeof relative !== "string" || path.isAbsolute(relative)) return undefined;
  const resolved = path.resolve(outdir, relative);
  const root = path.resolve(outdir);
  return resolved.startsWith(root + path.sep) ? resolved : undefined;
}

function readJson(outdir, relative) {
  const file = inside(outdir, relative);
  if (!file) fail(`${relative} is not inside ${outdir}.`);
  const read = readArtifactFile(path.dirname(file), path.basename(file), FILE_LIMIT);
  if (read.error) fail(`${path.join(outdir, relative)}: ${read.error}.`);
  try {
    return JSON.parse(read.text);
  } catch {
    return fail(`${path.join(outdir, relative)} is not JSON.`);
  }
}

const [environment, outdir = "cdktf.out"] = process.argv.slice(2);
if (!environment) fail("usage: node scripts/ci/stacks-of-environment.js ENVIRONMENT [OUTDIR]");
const manifest = readJson(outdir, "manifest.json");
const stacks = (manifest && manifest.stacks) || {};
for (const name of Object.keys(stacks).sort((a, b) => a.localeCompare(b))) {
  const entry = stacks[name];
  const stack = readJson(outdir, entry.synthesizedStackPath);
  const marker = ((stack["//"] || {}).metadata || {}).avroKong;
  if ((marker && marker.environment) === environment || (!marker && name === environment)) {
    const folder = inside(outdir, entry.workingDirectory || `stacks/${name}`);
    if (!folder || !/^[A-Za-z0-9._/-]+$/.test(path.relative(outdir, folder)))
      fail(`Stack ${JSON.stringify(name)}: its folder is not inside ${outdir}.`);
    process.stdout.write(path.join(outdir, path.relative(outdir, folder)) + "\n");
  }
}
