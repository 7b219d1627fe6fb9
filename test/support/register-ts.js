// Lets a child process `require` the TypeScript sources (for tests that need a real process,
// such as one interrupted by a signal), compiling each file on load as ts-jest would.
const { readFileSync } = require("fs");
const ts = require("typescript");

require.extensions[".ts"] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, "utf8"), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  module._compile(outputText, filename);
};
