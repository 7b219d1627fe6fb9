import { join } from "path";
import ts from "typescript";

/**
 * The public API of an entry point as text, one export per entry, sorted: what a user may
 * import and the types they see. A change to it shows in the committed report's diff.
 */

const ROOT = join(__dirname, "..", "..");

const FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.WriteArrowStyleSignature;

export function apiReport(entry: string): string {
  const file = join(ROOT, entry);
  const program = ts.createProgram([file], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    resolveJsonModule: true,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`${entry} is not in the program`);
  const module = checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`${entry} is not a module`);
  const show = (type: ts.Type): string => checker.typeToString(type, source, FORMAT);

  /** A type as written in the declaration, else as the checker infers it. */
  const written = (node: ts.TypeNode | undefined, infer: () => ts.Type): string =>
    node ? node.getText().replace(/\s+/g, " ") : show(infer());

  const parameters = (list: ts.NodeArray<ts.ParameterDeclaration>): string =>
    list
      .map(
        (p) =>
          `${p.dotDotDotToken ? "..." : ""}${p.name.getText()}${p.questionToken || p.initializer ? "?" : ""}: ` +
          written(p.type, () => checker.getTypeAtLocation(p)),
      )
      .join(", ");

  /** One member, in its declaration's words: stable whatever else the program holds. */
  function member(p: ts.Symbol): string {
    const d = p.valueDeclaration ?? p.declarations?.[0];
    const inferred = () => checker.getTypeOfSymbolAtLocation(p, source!);
    if (d && (ts.isMethodDeclaration(d) || ts.isMethodSignature(d))) {
      const signature = () => checker.getSignatureFromDeclaration(d)!.getReturnType();
      return `${p.name}${optional(p)}(${parameters(d.parameters)}): ${written(d.type, signature)}`;
    }
    if (d && ts.isGetAccessorDeclaration(d)) {
      return `get ${p.name}(): ${written(d.type, inferred)}`;
    }
    if (d && (ts.isPropertyDeclaration(d) || ts.isPropertySignature(d) || ts.isParameter(d))) {
      const readonly =
        ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Readonly ? "readonly " : "";
      return `${readonly}${p.name}${optional(p)}: ${written(d.type, inferred)}`;
    }
    return `${p.name}${optional(p)}: ${show(inferred())}`;
  }

  function members(type: ts.Type, indent: string): string[] {
    return type
      .getProperties()
      .filter((p) => !isPrivate(p) && !inheritedFromDependency(p) && p.name !== "prototype")
      .map((p) => `${indent}${member(p)};`)
      .sort();
  }

  function describe(exported: ts.Symbol): string {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const name = exported.name;
    const flags = symbol.flags;
    const lines: string[] = [];
    if (flags & ts.SymbolFlags.Class) {
      const staticType = checker.getTypeOfSymbolAtLocation(symbol, source!);
      const instance = checker.getDeclaredTypeOfSymbol(symbol);
      lines.push(`class ${name} {`);
      const declaration = symbol.declarations?.find(ts.isClassDeclaration);
      for (const constructor of declaration?.members.filter(ts.isConstructorDeclaration) ?? []) {
        if (!isPrivateNode(constructor)) {
          lines.push(`  constructor(${parameters(constructor.parameters)});`);
        }
      }
      lines.push(...members(staticType, "  static "));
      lines.push(...members(instance, "  "), "}");
    } else if (flags & ts.SymbolFlags.Interface) {
      lines.push(
        `interface ${name} {`,
        ...members(checker.getDeclaredTypeOfSymbol(symbol), "  "),
        "}",
      );
    } else if (flags & ts.SymbolFlags.TypeAlias) {
      const declaration = symbol.declarations?.find(ts.isTypeAliasDeclaration);
      const text = declaration ? declaration.type.getText().replace(/\s+/g, " ") : "?";
      lines.push(`type ${name} = ${text};`);
    } else if (flags & ts.SymbolFlags.Function) {
      for (const d of symbol.declarations?.filter(ts.isFunctionDeclaration) ?? []) {
        if (d.body !== undefined && symbol.declarations!.length > 1) continue; // an overload's implementation
        const returns = () => checker.getSignatureFromDeclaration(d)!.getReturnType();
        lines.push(`function ${name}(${parameters(d.parameters)}): ${written(d.type, returns)};`);
      }
    } else if (flags & ts.SymbolFlags.Module) {
      const names = checker
        .getExportsOfModule(symbol)
        .map((s) => s.name)
        .sort();
      lines.push(`namespace ${name} { ${names.join(", ")} }`);
    } else if (flags & ts.SymbolFlags.Variable) {
      const d = symbol.valueDeclaration;
      const type = d && ts.isVariableDeclaration(d) ? d.type : undefined;
      lines.push(
        `const ${name}: ${written(type, () => checker.getTypeOfSymbolAtLocation(symbol, source!))};`,
      );
    } else {
      lines.push(`${name}: ?`);
    }
    return lines.join("\n");
  }

  const exported = checker.getExportsOfModule(module).sort((a, b) => a.name.localeCompare(b.name));
  // Where each export is declared, so that a reference to it is written by its public name.
  const declaredIn = new Map(
    exported.map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      const file = target.declarations?.[0]?.getSourceFile().fileName ?? "";
      return [`${file.replace(/\.(d\.)?ts$/, "")}#${target.name}`, s.name];
    }),
  );
  return `${exported.map(describe).join("\n\n")}\n`.replace(
    /import\("([^"]+)"\)\.(\w+)/g,
    (_, path: string, name: string) => declaredIn.get(`${path}#${name}`) ?? referenceTo(path, name),
  );
}

/**
 * A type the entry point does not export, written so that the report never holds an absolute
 * path: a dependency's by package (`constructs.Construct`), one of ours by its file from the
 * project root (`src/common/secret.Secret`, an internal type showing through the public API).
 */
function referenceTo(path: string, name: string): string {
  const dependency = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (dependency) return `${dependency[1]}.${name}`;
  const ours = path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : path;
  return `${ours}.${name}`;
}

/** Members a class inherits from a dependency (Construct's `node`) are the dependency's API. */
function inheritedFromDependency(symbol: ts.Symbol): boolean {
  const declarations = symbol.declarations ?? [];
  return (
    declarations.length > 0 &&
    declarations.every((d) => d.getSourceFile().fileName.includes("/node_modules/"))
  );
}

function isPrivateNode(node: ts.Declaration): boolean {
  return (
    (ts.getCombinedModifierFlags(node) &
      (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !==
    0
  );
}

function isPrivate(symbol: ts.Symbol): boolean {
  const modifiers = ts.getCombinedModifierFlags(
    symbol.valueDeclaration ?? symbol.declarations?.[0] ?? ({} as ts.Declaration),
  );
  return (
    (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0 ||
    symbol.name.startsWith("#") ||
    // The constructs' internal hooks are underscore-prefixed (aws-cdk's convention): not API.
    symbol.name.startsWith("_")
  );
}

function optional(symbol: ts.Symbol): string {
  return symbol.flags & ts.SymbolFlags.Optional ? "?" : "";
}
