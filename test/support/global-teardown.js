// Removes the run's temp folder that global-setup.js made.
const fs = require("fs");

module.exports = function globalTeardown() {
  const root = process.env.AVRO_KONG_TEST_TMPDIR;
  if (root) fs.rmSync(root, { recursive: true, force: true });
};
