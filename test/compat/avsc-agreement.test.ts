/**
 * A cross-check with an independent implementation: avsc's resolver (told to ignore
 * namespaces, as the spec does) must accept exactly the pairs called compatible here. The
 * pairs are a seeded random schema and an edited version of it, read in either direction.
 */
import { Type, type Schema } from "avsc";
import type { AvroSchema } from "../../src/avro";
import { checkCompatibility } from "../../src/compat";
import { avro } from "./parse";
import { RandomSchemas } from "./random-schemas";

function avscReads(reader: unknown, writer: unknown): boolean {
  try {
    Type.forSchema(reader as Schema).createResolver(Type.forSchema(writer as Schema), {
      ignoreNamespaces: true,
    } as Parameters<Type["createResolver"]>[1]);
    return true;
  } catch {
    return false;
  }
}

function tryParse(reader: unknown, writer: unknown): [AvroSchema, AvroSchema] | undefined {
  try {
    Type.forSchema(reader as Schema);
    Type.forSchema(writer as Schema);
    return [avro(reader), avro(writer)];
  } catch {
    return undefined;
  }
}

it("agrees with avsc on 3000 schema edits, compatible and not", () => {
  const random = new RandomSchemas(20251126);
  const verdicts = { compatible: 0, incompatible: 0 };
  const disagreements: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const original = random.schema(4);
    const edited = random.edit(original);
    const [reader, writer] = random.coin() ? [original, edited] : [edited, original];
    // An edit can break a schema (a default no longer matching, a union in a union): skip it.
    const parsed = tryParse(reader, writer);
    if (!parsed) continue;
    const mine = checkCompatibility(parsed[0], parsed[1]).compatible;
    verdicts[mine ? "compatible" : "incompatible"]++;
    if (mine !== avscReads(reader, writer))
      disagreements.push(
        `ours ${mine}: reader ${JSON.stringify(reader)} writer ${JSON.stringify(writer)}`,
      );
  }
  expect(disagreements).toEqual([]);
  // Both verdicts are well represented, so the agreement means something.
  expect(verdicts.compatible).toBeGreaterThan(1000);
  expect(verdicts.incompatible).toBeGreaterThan(500);
  expect(verdicts.compatible + verdicts.incompatible).toBeGreaterThan(2500);
});
