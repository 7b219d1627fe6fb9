#!/usr/bin/env node
// Builds dist/ with `tsc -p tsconfig.build.json` only when the sources changed since the last
// build, so that `cdktf synth` of an unchanged project runs no TypeScript compilation. The
// sources are every file under the build's inputs and the build's configuration; dist/ is
// current when the digest of their names, sizes and modification times equals the one stored
// by the last successful build (so a deleted or renamed file counts as a change too).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const INPUTS = [
  "src",
  "stacks",
  "bench",
  "test/gateway/bed",
  "test/validators/support",
  "test/validators/lua/harness",
];
const CONFIG = ["tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json"];
const STAMP = path.join(root, "dist", ".sources-digest");

function listFiles(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function sourcesDigest() {
  const files = [
    ...INPUTS.flatMap((dir) => listFiles(path.join(root, dir), [])),
    ...CONFIG.map((file) => path.join(root, file)).filter((file) => fs.existsSync(file)),
  ].sort();
  const hash = crypto.createHash("sha256");
  for (const file of files) {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

function main() {
  const digest = sourcesDigest();
  const built = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, "utf8") : "";
  if (built === digest) return 0;
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  if (run.status !== 0) return run.status ?? 1;
  fs.writeFileSync(STAMP, digest);
  return 0;
}

process.exitCode = main();
