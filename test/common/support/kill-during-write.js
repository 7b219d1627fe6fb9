// A child process that replaces FILE by writeFileAtomically and kills itself (SIGKILL: no
// cleanup, no finally) right after STEP, as a crash or a power cut would interrupt a promote.
// Usage: node kill-during-write.js FILE STEP SIZE
"use strict";
const fs = require("fs");
const ts = require("typescript");

// Load the TypeScript source itself, so that the test checks the code that ships.
require.extensions[".ts"] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: filename,
  });
  module._compile(outputText, filename);
};
const { writeFileAtomically } = require("../../../src/common/atomic-write.ts");

const [file, step, size] = process.argv.slice(2);
writeFileAtomically(file, "n".repeat(Number(size)), (done) => {
  if (done === step) process.kill(process.pid, "SIGKILL");
});
