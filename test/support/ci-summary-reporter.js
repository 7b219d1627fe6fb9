// CI's closing line ("jest: N passed, N failed, N skipped"), printed from the results jest holds.
// `jest --json` cannot stand in: it crashes on a failure whose error is circular (spawnSync's
// ENOENT), and a failing run then closes on no count at all.
class CiSummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    console.log(
      `jest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`,
    );
  }
}

module.exports = CiSummaryReporter;
