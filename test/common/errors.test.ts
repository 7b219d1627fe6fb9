import { readdirSync, readFileSync } from "fs";
import { join, relative } from "path";

const SRC = join(__dirname, "..", "..", "src");

/**
 * The plain `Error`s left in `src/` (generated code aside), by file and words of their
 * message: internal invariants no input can reach, which are bugs when they fire and keep their
 * stack. Everything a user can reach is a `UserError`, reported as one sentence.
 */
const INTERNAL_INVARIANTS: Readonly<Record<string, string>> = {
  // The package's own package.json: missing only in a broken installation.
  "src/cli/version.ts": "avro-kong's package.json was not found",
  // Lua patterns come only from Kong's schemas in the catalog, each translated by a test.
  "src/plugins/lua-pattern.ts": "Lua pattern",
  // The plugin catalogue's rules are compiled from the project's own JSON; a test compiles all.
  "src/plugins/effective-values.ts": "Plugin catalogue:",
  "src/plugins/entity-rules.ts": "Plugin catalogue:",
  "src/plugins/field-validators.ts": "Plugin catalogue:",
  // A switch over every Avro type the parser produces.
  "src/validators/lua/codegen.ts": "unreachable",
  // Versions come from the registry as whole numbers; a non-finite one is a caller's bug.
  "src/validators/lua/luaText.ts": "as a Lua number",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "gen" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every `throw new Error(` with the statement's first lines, where its message starts. */
function plainErrors(): Array<{ file: string; at: string; statement: string }> {
  return sourceFiles(SRC).flatMap((path) => {
    const file = relative(join(SRC, ".."), path).split("\\").join("/");
    const lines = readFileSync(path, "utf8").split("\n");
    return lines.flatMap((line, i) =>
      /\bthrow new Error\(/.test(line)
        ? [{ file, at: `${file}:${i + 1}`, statement: lines.slice(i, i + 3).join(" ") }]
        : [],
    );
  });
}

describe("errors in src/", () => {
  it("are UserErrors (reported as one sentence), never plain Errors (reported as bugs, with a stack)", () => {
    const userReachable = plainErrors().filter(
      ({ file, statement }) => !statement.includes(INTERNAL_INVARIANTS[file] ?? "\0"),
    );
    expect(userReachable.map(({ at }) => at)).toEqual([]);
  });

  it("keep plain Errors only for the internal invariants listed here, each still present", () => {
    const files = new Set(plainErrors().map(({ file }) => file));
    expect([...files].sort()).toEqual(Object.keys(INTERNAL_INVARIANTS).sort());
  });
});
