import { join } from "path";
import ts from "typescript";
import { documents, readDocument, ROOT } from "./documents";

/**
 * The documentation's TypeScript examples compile as written: each ```ts block of every document
 * is type-checked, in memory, as a file in `stacks/` (where a platform team writes it) against
 * the project's code and tsconfig, in which `avro-kong` names the package itself. A block that
 * is a fragment without imports gets the package's public index imported for it.
 */

interface Example {
  readonly document: string;
  /** The document's line the block's first line of code is on (1-based). */
  readonly line: number;
  readonly code: string;
}

function tsBlocks(document: string, markdown: string): Example[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => ({
    document,
    line: markdown.slice(0, m.index).split("\n").length + 1,
    code: m[1],
  }));
}

/** The names the package's main entry point exports. */
function publicNames(program: ts.Program): string[] {
  const index = program.getSourceFile(join(ROOT, "src", "constructs", "index.ts"));
  if (index === undefined) throw new Error("src/constructs/index.ts is not in the program");
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(index);
  return symbol === undefined ? [] : checker.getExportsOfModule(symbol).map((s) => s.name);
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  // A fragment need not use every name the public index offers it.
  return { ...options, noEmit: true, noUnusedLocals: false };
}

/** Type errors of all blocks, each as `DOCUMENT:LINE: message`. */
function typeErrors(examples: readonly Example[]): string[] {
  const options = compilerOptions();
  const names = publicNames(
    ts.createProgram([join(ROOT, "src", "constructs", "index.ts")], options),
  ).join(", ");
  const files = new Map(
    examples.map((example, i) => {
      const fragment = !/^import /m.test(example.code);
      const text = fragment
        ? `import { ${names} } from "avro-kong";\n${example.code}`
        : example.code;
      return [
        join(ROOT, "stacks", `doc-example-${i + 1}.ts`),
        { example, text, offset: +fragment },
      ];
    }),
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
      return `${example.document}:${example.line + at - offset}: ${message}`;
    }),
  );
}

describe("the documentation's TypeScript examples", () => {
  const examples = documents().flatMap((document) => tsBlocks(document, readDocument(document)));
  // A fragment with a mistake, checked in the same program to prove that mistakes are reported.
  const broken = {
    document: "broken.md",
    line: 9999,
    code: 'const prod = Environment.load("prod");\nvoid prod;\n',
  };
  let errors: string[];
  beforeAll(() => {
    errors = typeErrors([...examples, broken]);
  });

  it("are in the README and in the guides", () => {
    const documentsWithExamples = new Set(examples.map((e) => e.document));
    expect(documentsWithExamples).toContain("README.md");
    expect(documentsWithExamples).toContain("docs/guides/declaring-kong.md");
  });

  it("compile as written against the package", () => {
    expect(errors.filter((e) => !e.startsWith("broken.md:"))).toEqual([]);
  });

  it("are reported when they do not compile, with the document and line", () => {
    expect(errors.filter((e) => e.startsWith("broken.md:"))).toEqual([
      "broken.md:9999: Expected 2 arguments, but got 1.",
    ]);
  });
});
