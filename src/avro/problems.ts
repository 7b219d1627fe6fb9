import { escapeControl, UserError } from "../common";

/** One problem found in a schema file: where it is and what is wrong, as one sentence. */
export interface SchemaProblem {
  /** File the schema came from, as the caller named it (repository-relative in the registry). */
  readonly file?: string;
  /** JSON Pointer inside that file ("" for the whole document). */
  readonly pointer: string;
  /** Line and column (1-based), for text that is not even JSON. */
  readonly line?: number;
  readonly column?: number;
  /** The sentence describing the problem, ending with a period. */
  readonly message: string;
}

/**
 * `schemas/x/v2.avsc at /fields/3/default: default "abc" does not match type int.` One line:
 * the names and values it quotes from the file may hold any character, so control characters
 * are shown escaped (`\u000a`), never raw.
 */
export function formatProblem(problem: SchemaProblem): string {
  const where = problem.file ?? "schema";
  const place =
    problem.line !== undefined
      ? `${where} line ${problem.line}, column ${problem.column ?? 1}`
      : problem.pointer === ""
        ? where
        : `${where} at ${problem.pointer}`;
  return escapeControl(`${place}: ${problem.message}`);
}

export function problemError(problem: SchemaProblem): UserError {
  return new UserError(formatProblem(problem), { file: problem.file, pointer: problem.pointer });
}
