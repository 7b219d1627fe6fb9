import { readFileSync } from "fs";
import { join } from "path";
import ts from "typescript";

/**
 * The README's TypeScript examples compile as written: each ```ts block is type-checked, in
 * memory, as a file in `stacks/` (where a platform team writes it) against the project's code
 * and tsconfig. A block that is a fragment without imports gets the public index of the
 * constructs, `src/constructs`, imported for it.
 */

const ROOT = join(__dirname, "..", "..");
const README = join(ROOT, "README.md");

interface Example {
  /** The README line the block's first line of code is on (1-based). */
  readonly line: number;
  readonly code: string;
}

function tsBlocks(markdown: string): Example[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => ({
    line: markdown.slice(0, m.index).split("\n").length + 1,
    code: m[1],
  }));
}

function constructsExports(): string[] {
  const index = join(ROOT, "src", "constructs", "index.ts");
  const source = ts.createSourceFile(index, readFileSync(index, "utf8"), ts.ScriptTarget.ES2022);
  return source.statements.flatMap((s) =>
    ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)
      ? s.exportClause.elements.map((e) => e.name.text)
      : [],
  );
}

/** The block, with the public index imported when the block imports nothing itself. */
function asModule(example: Example): { text: string; offset: number } {
  if (/^import /m.test(example.code)) return { text: example.code, offset: 0 };
  const names = constructsExports().join(", ");
  return { text: `import { ${names} } from "../src/constructs";\n${example.code}`, offset: 1 };
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  // A fragment need not use every name the public index offers it.
  return { ...options, noEmit: true, noUnusedLocals: false };
}

/** Type errors of all blocks, each as `README.md:LINE: message`. */
function typeErrors(examples: readonly Example[]): string[] {
  const options = compilerOptions();
  const files = new Map(
    examples.map((example, i) => [
      join(ROOT, "stacks", `readme-example-${i + 1}.ts`),
      { example, ...asModule(example) },
    ]),
  );
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => files.get(f)?.text ?? readFile(f);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.getSourceFile = (f, language, onError) => {
    const file = files.get(f);
    return file
      ? ts.createSourceFile(f, file.text, language, true)
      : getSourceFile(f, language, onError);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return [...files.entries()].flatMap(([name, { example, offset }]) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(name)).map((d) => {
      const at =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      return `README.md:${example.line + at - offset}: ${message}`;
    }),
  );
}

describe("README.md", () => {
  const examples = tsBlocks(readFileSync(README, "utf8"));
  // A fragment with a mistake, checked in the same program to prove that mistakes are reported.
  const broken = { line: 9999, code: 'const prod = Environment.load("prod");\nvoid prod;\n' };
  let errors: string[];
  beforeAll(() => {
    errors = typeErrors([...examples, broken]);
  });

  it("has TypeScript examples", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it("has examples that compile as written against the project's code", () => {
    expect(errors.filter((e) => !e.startsWith("README.md:9999:"))).toEqual([]);
  });

  it("reports an example that does not compile, with its README line", () => {
    expect(errors.filter((e) => e.startsWith("README.md:9999:"))).toEqual([
      "README.md:9999: Expected 2 arguments, but got 1.",
    ]);
  });
});
