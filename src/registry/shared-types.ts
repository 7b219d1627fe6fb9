import { join } from "path";
import {
  isNamed,
  isValidFullName,
  lintSchema,
  problemError,
  readJsonText,
  type NamedSchema,
  type SchemaProblem,
} from "../avro";
import { listDir, readText } from "./files";
import { isDocumentation, sharedTypeFile, TYPES_DIR } from "./layout";
import { kindPhrase, type RepositoryProblem } from "./problems";

const UNKNOWN_TYPE = /^unknown type "(.+)"\.$/;

/**
 * The shared named types of `schemas/_types`, loaded on first use: a file may refer to other
 * shared types, which load in turn. In fail-fast mode the first problem throws a `UserError`;
 * otherwise problems are collected in `problems`.
 */
export class SharedTypes {
  readonly problems: RepositoryProblem[] = [];
  /** Full name → repository-relative file. */
  private readonly files = new Map<string, string>();
  /** Full name → loaded type, or null when its file has problems. */
  private readonly loaded = new Map<string, NamedSchema | null>();
  private readonly loading: string[] = [];

  constructor(
    private readonly rootDir: string,
    private readonly failFast: boolean,
  ) {
    const listing = listDir(join(rootDir, TYPES_DIR), TYPES_DIR);
    if ("problem" in listing) {
      // No _types directory simply means no shared types.
      if (!listing.problem.message.includes("no such file")) this.report(listing.problem);
      return;
    }
    for (const entry of listing.entries) {
      const file = `${TYPES_DIR}/${entry.name}`;
      if (entry.isFile() && entry.name.endsWith(".avsc")) {
        const name = entry.name.slice(0, -".avsc".length);
        if (isValidFullName(name)) this.files.set(name, file);
        else
          this.report({
            file,
            pointer: "",
            message: `"${name}" is not a valid Avro full name; a shared type's file is named after its full name.`,
          });
      } else if (!(entry.isFile() && isDocumentation(entry.name))) {
        this.report({
          file,
          pointer: "",
          message: `unexpected ${entry.isDirectory() ? "directory" : "file"}; ${TYPES_DIR} holds only <full name>.avsc files.`,
        });
      }
    }
  }

  /** Loads every shared type, so that problems in unused ones are found too. */
  loadAll(): ReadonlyMap<string, NamedSchema> {
    const all = new Map<string, NamedSchema>();
    for (const name of this.files.keys()) {
      const schema = this.get(name);
      if (schema) all.set(name, schema);
    }
    return all;
  }

  /** The shared type of that full name, undefined when there is none or its file has problems. */
  readonly get = (fullName: string): NamedSchema | undefined => {
    const done = this.loaded.get(fullName);
    if (done !== undefined) return done ?? undefined;
    const file = this.files.get(fullName);
    if (file === undefined || this.loading.includes(fullName)) return undefined;
    this.loading.push(fullName);
    try {
      const schema = this.load(fullName, file);
      this.loaded.set(fullName, schema ?? null);
      return schema;
    } finally {
      this.loading.pop();
    }
  };

  /** The file defining a shared type, for names other than `except`. */
  definedElsewhere(except?: string): (fullName: string) => string | undefined {
    return (fullName) => (fullName === except ? undefined : this.files.get(fullName));
  }

  /** Turns "unknown type" into the real reason when the name is a shared type that failed. */
  explain(problem: SchemaProblem): SchemaProblem {
    const match = UNKNOWN_TYPE.exec(problem.message);
    const name = match?.[1];
    const file = name === undefined ? undefined : this.files.get(name);
    if (name === undefined || file === undefined) return problem;
    if (this.loading.includes(name)) {
      return {
        ...problem,
        message: `shared type "${name}" refers back to this file's type in a cycle; define mutually recursive types in one file.`,
      };
    }
    return { ...problem, message: `shared type "${name}" cannot be used: ${file} has problems.` };
  }

  private load(fullName: string, file: string): NamedSchema | undefined {
    const read = readText(join(this.rootDir, file), file);
    if ("problem" in read) return this.fail(read.problem);
    const json = readJsonText(read.text);
    if ("problem" in json) return this.fail({ file, pointer: "", ...json.problem });
    const { schema, problems } = lintSchema(json.value, {
      file,
      resolve: this.get,
      definedElsewhere: this.definedElsewhere(fullName),
    });
    if (problems.length > 0) {
      for (const p of problems) this.report({ ...this.explain(p), file });
      return undefined;
    }
    if (schema === undefined) return undefined;
    if (!isNamed(schema)) {
      return this.fail({
        file,
        pointer: "",
        message: `a shared type must be a record, enum or fixed, not ${kindPhrase(schema)}.`,
      });
    }
    if (schema.name !== fullName) {
      return this.fail({
        file,
        pointer: "/name",
        message: `the file defines "${schema.name}", but is named ${sharedTypeFile(fullName).split("/").pop()}; a shared type's file is named after its full name.`,
      });
    }
    return schema;
  }

  private fail(problem: RepositoryProblem): undefined {
    this.report(problem);
    return undefined;
  }

  private report(problem: RepositoryProblem): void {
    if (this.failFast) throw problemError(problem);
    this.problems.push(problem);
  }
}
