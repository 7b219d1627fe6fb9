// Every test run gets a temp folder of its own, removed by global-teardown.js: whatever the tests
// and the libraries they use create under os.tmpdir() (cdktf's Testing helpers make a
// `cdktf.outdir.*` folder per app and never remove it) goes with it. Workers and the programs
// tests start inherit TMPDIR, which os.tmpdir() reads on every call.
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = function globalSetup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-test-run-"));
  // Readable for the tests that run a program as another user.
  fs.chmodSync(root, 0o755);
  process.env.AVRO_KONG_TEST_TMPDIR = root;
  process.env.TMPDIR = root;
};
