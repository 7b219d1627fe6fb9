import {
  fieldsByName,
  simpleName,
  type NamedSchema,
  type RecordField,
  type RecordSchema,
} from "../avro";

/**
 * Whether a reader named type stands for the writer's. The specification compares UNQUALIFIED
 * names ("both schemas are records with the same (unqualified) name"), as Java's current
 * `SchemaCompatibility` does (older releases, and avsc, compare full names). A reader alias
 * matches too: Java accepts an alias equal to the writer's full name; any alias with the
 * writer's unqualified name is accepted here, consistent with the rule above.
 */
export function namesMatch(reader: NamedSchema, writer: NamedSchema): boolean {
  const writerSimple = simpleName(writer.name);
  if (simpleName(reader.name) === writerSimple) return true;
  return reader.aliases.some((alias) => simpleName(alias) === writerSimple);
}

/**
 * The writer field that fills a reader field: the one with the same name, else the first one
 * named by a reader field alias. Java throws when several writer fields match; preferring the
 * exact name keeps the check total and is what a reader would naturally mean.
 */
export function writerFieldFor(
  writer: RecordSchema,
  readerField: RecordField,
): RecordField | undefined {
  const fields = fieldsByName(writer);
  const direct = fields.get(readerField.name);
  if (direct) return direct;
  for (const alias of readerField.aliases) {
    const byAlias = fields.get(alias);
    if (byAlias) return byAlias;
  }
  return undefined;
}
