import { readFileSync } from "fs";
import { join } from "path";
import * as ts from "typescript";
import { Testing } from "cdktf";
import * as avroKong from "../../src/constructs";
import { Environment, Gateway, KongStack, type RoleDefinition } from "../../src/constructs";
import { importDeck, type ImportReport } from "../../src/import";
import { synthJudged } from "../support/template";

const ROOT = join(__dirname, "..", "..");
export const FIXTURES = join(__dirname, "fixtures");

/** The importer's report for one fixture of test/import/fixtures. */
export function importFixture(name: string): ImportReport {
  return importDeck(readFileSync(join(FIXTURES, name), "utf8"), name);
}

/**
 * Type errors of generated modules, checked as a user's project checks them: strict, with every
 * warning of tsconfig.json (unused locals included), `avro-kong` resolved to the package's public
 * index (tsconfig.json's paths), and nothing else of the repository visible to them.
 */
export function typeErrors(modules: ReadonlyMap<string, string>): string[] {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const files = new Map([...modules].map(([name, text]) => [join(ROOT, "stacks", name), text]));
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.getSourceFile = (f, language, onError) => {
    const text = files.get(f);
    return text !== undefined
      ? ts.createSourceFile(f, text, language, true)
      : getSourceFile(f, language, onError);
  };
  const program = ts.createProgram([...files.keys()], { ...options, noEmit: true }, host);
  return [...files.keys()].flatMap((name) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(name)).map((d) => {
      const line =
        d.file && d.start !== undefined
          ? d.file.getLineAndCharacterOfPosition(d.start).line + 1
          : 0;
      return `${name}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    }),
  );
}

/** What a generated module exports, loaded with `avro-kong` as the package's public index. */
interface GeneratedExports {
  readonly [name: string]: unknown;
}

function loadModule(report: ImportReport): GeneratedExports {
  const { outputText } = ts.transpileModule(report.module, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const module = { exports: {} as Record<string, unknown> };
  const requireShim = (id: string): unknown => {
    if (id === "avro-kong") return avroKong;
    throw new Error(`generated module requires ${id}; expected only avro-kong`);
  };
  new Function("require", "module", "exports", outputText)(requireShim, module, module.exports);
  return module.exports;
}

/** The generated module synthesized in a fresh app, in one environment: the stack's JSON. */
export function synthesizeModule(
  report: ImportReport,
  environment: { name: string; production?: boolean; guardrails?: "warn" | "enforce" } = {
    name: "dev",
  },
  /** Runs after the module has declared its entities, before the synth. */
  then: (gateway: Gateway) => void = () => undefined,
): { json: Record<string, unknown>; stack: KongStack } {
  const exports = loadModule(report);
  const declare = exports[report.functionName] as (gateway: Gateway) => void;
  const roles = (exports[report.rolesName] ?? {}) as Record<string, RoleDefinition>;
  const app = Testing.app();
  const env = new Environment({ guardrails: "warn", ...environment });
  const stack = new KongStack(app, env.name, { environment: env });
  const gateway = new Gateway(stack, "kong", { environment: env, roles });
  declare(gateway);
  then(gateway);
  return { json: JSON.parse(synthJudged(stack)) as Record<string, unknown>, stack };
}
