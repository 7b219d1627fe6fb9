import { join } from "path";
import {
  depthProblem,
  isNamed,
  isValidFullName,
  lintSchema,
  problemError,
  readJsonText,
  type AvroSchema,
  type DepthMemo,
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
  /** Names whose files are being loaded: the one parsed and those waiting for it. */
  private readonly loading = new Set<string>();
  private readonly depths: DepthMemo = new WeakMap();

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
    const waiting = this.loaded.has(fullName) || this.loading.has(fullName);
    if (!waiting && this.files.has(fullName)) this.loadWithNeeds(fullName);
    return this.loaded.get(fullName) ?? undefined;
  };

  /**
   * Loads a shared type and, first, the shared types it needs, with a stack of files instead of
   * nested parses (a chain of thousands of files must not exhaust the call stack): the stack is
   * the chain of files waiting for the one on top. A file's first parse names the shared types
   * it needs that are not loaded yet; they load, then it is parsed again, which counts. A type
   * asked for while its own file waits in the stack is a cycle.
   */
  private loadWithNeeds(fullName: string): void {
    const stack: Array<{ readonly name: string; needs: string[] }> = [];
    const open = (name: string): void => {
      this.loading.add(name);
      stack.push({ name, needs: [] });
    };
    try {
      open(fullName);
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const need = top.needs.pop();
        if (need !== undefined) {
          if (!this.loaded.has(need) && !this.loading.has(need)) open(need);
          continue;
        }
        const needs = new Set<string>();
        const attempt = this.parse(top.name, (wanted) => {
          const done = this.loaded.get(wanted);
          if (done !== undefined) return done ?? undefined;
          if (this.files.has(wanted) && !this.loading.has(wanted)) needs.add(wanted);
          return undefined;
        });
        if (needs.size > 0) {
          top.needs = [...needs].reverse(); // popped in the order the file names them
          continue;
        }
        this.loaded.set(top.name, attempt() ?? null);
        this.loading.delete(top.name);
        stack.pop();
      }
    } finally {
      for (const { name } of stack) this.loading.delete(name); // a fail-fast problem threw
    }
  }

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
    if (this.loading.has(name)) {
      return {
        ...problem,
        message: `shared type "${name}" refers back to this file's type in a cycle; define mutually recursive types in one file.`,
      };
    }
    return { ...problem, message: `shared type "${name}" cannot be used: ${file} has problems.` };
  }

  /**
   * Parses a shared type's file with `resolve`; the returned function reports its problems and
   * yields the type, once the parse is the one that counts.
   */
  private parse(
    fullName: string,
    resolve: (name: string) => NamedSchema | undefined,
  ): () => NamedSchema | undefined {
    const file = this.files.get(fullName)!;
    const read = readText(this.rootDir, file);
    if ("problem" in read) return () => this.fail(read.problem);
    const json = readJsonText(read.text);
    if ("problem" in json) return () => this.fail({ file, pointer: "", ...json.problem });
    const { schema, problems } = lintSchema(json.value, {
      file,
      resolve,
      definedElsewhere: this.definedElsewhere(fullName),
    });
    return () => {
      if (problems.length > 0) {
        for (const p of problems) this.report({ ...this.explain(p), file });
        return undefined;
      }
      return schema === undefined ? undefined : this.accept(fullName, file, schema);
    };
  }

  /** The schema of a shared type's file, when it is a named type of that name, shallow enough. */
  private accept(fullName: string, file: string, schema: AvroSchema): NamedSchema | undefined {
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
    const tooDeep = this.depthProblem(schema, file);
    return tooDeep ? this.fail(tooDeep) : schema;
  }

  /**
   * The problem of a schema that uses shared types, when written out with them in place it
   * would nest deeper than one file may: every walker after loading recurses that deep.
   */
  depthProblem(schema: AvroSchema, file: string): RepositoryProblem | undefined {
    const problem = depthProblem(schema, this.depths, (t) => this.loaded.get(t.name) === t);
    return problem && { file, ...problem };
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
