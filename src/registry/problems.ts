import type { AvroSchema, SchemaProblem } from "../avro";

/** A problem in a repository: always in a file (repository-relative, `/`-separated). */
export interface RepositoryProblem extends SchemaProblem {
  readonly file: string;
}

/** `"int"`, `an array`, `a map`, `a union`, `a record`… for messages. */
export function kindPhrase(schema: AvroSchema): string {
  switch (schema.kind) {
    case "primitive":
      return `"${schema.type}"`;
    case "array":
    case "enum":
      return `an ${schema.kind}`;
    default:
      return `a ${schema.kind}`;
  }
}
