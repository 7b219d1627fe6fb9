import {
  canonicalForm,
  fingerprint,
  resolvedJson,
  type AvroSchema,
  type RecordSchema,
} from "../../src/avro";
import { Type } from "avsc";
import { createHash } from "crypto";
import { getSubject, getVersion, loadRegistry } from "../../src/registry";
import { UserError } from "../../src/common";
import { PROJECT_ROOT, RepoCopy } from "./fixture";

/** Every schema node reachable from a schema, each named type once. */
function nodes(schema: AvroSchema, seen = new Set<AvroSchema>()): AvroSchema[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  switch (schema.kind) {
    case "record":
      return [schema, ...schema.fields.flatMap((f) => nodes(f.type, seen))];
    case "array":
      return [schema, ...nodes(schema.items, seen)];
    case "map":
      return [schema, ...nodes(schema.values, seen)];
    case "union":
      return [schema, ...schema.branches.flatMap((b) => nodes(b, seen))];
    default:
      return [schema];
  }
}

describe("loadRegistry on the example domain", () => {
  const registry = loadRegistry(PROJECT_ROOT);
  const all = [...registry.subjects.values()];

  it("finds the shop's subjects, sorted, each a record with two or more versions", () => {
    expect([...registry.subjects.keys()]).toEqual([
      "shop.catalog.Category",
      "shop.catalog.Product",
      "shop.customers.CustomerRegistered",
      "shop.customers.CustomerUpdated",
      "shop.orders.OrderAccepted",
      "shop.orders.OrderCancelled",
      "shop.orders.OrderPlaced",
      "shop.payments.PaymentAuthorized",
      "shop.payments.PaymentRequested",
    ]);
    for (const subject of all) {
      expect(subject.versions.length).toBeGreaterThanOrEqual(2);
      subject.versions.forEach((v, i) => {
        expect(v.version).toBe(i + 1);
        expect(v.file).toBe(`schemas/${subject.name}/v${i + 1}.avsc`);
        expect(v.schema.kind).toBe("record");
        expect(v.schema.name).toBe(subject.name);
      });
    }
  });

  it("reads compatibility levels, BACKWARD by default", () => {
    const levels = Object.fromEntries(all.map((s) => [s.name, s.compatibility]));
    expect(levels["shop.orders.OrderPlaced"]).toBe("BACKWARD");
    expect(levels["shop.orders.OrderCancelled"]).toBe("FULL");
    expect(levels["shop.customers.CustomerUpdated"]).toBe("FULL_TRANSITIVE");
    expect(levels["shop.catalog.Category"]).toBe("BACKWARD_TRANSITIVE");
  });

  it("shares one Money object between every subject that uses it", () => {
    const money = registry.sharedTypes.get("shop.common.Money");
    expect(money?.kind).toBe("record");
    const users = all.filter((s) =>
      s.versions.some((v) => nodes(v.schema).includes(money as AvroSchema)),
    );
    expect(users.map((s) => s.name)).toEqual([
      "shop.catalog.Product",
      "shop.orders.OrderPlaced",
      "shop.payments.PaymentAuthorized",
      "shop.payments.PaymentRequested",
    ]);
  });

  it("covers enums, arrays, maps, optional fields, a non-null union, logical types and recursion", () => {
    const every = all.flatMap((s) => s.versions.flatMap((v) => nodes(v.schema)));
    const kinds = new Set(every.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(["array", "enum", "map", "primitive", "record", "union"]);
    const unions = every.filter((n) => n.kind === "union");
    expect(
      unions.some((u) => u.branches[0].kind === "primitive" && u.branches[0].type === "null"),
    ).toBe(true);
    expect(unions.some((u) => u.branches.every((b) => b.kind === "record"))).toBe(true);
    const logical = new Set(
      every.flatMap((n) => (n.kind === "primitive" && n.logicalType ? [n.logicalType.name] : [])),
    );
    expect([...logical].sort()).toEqual(["date", "decimal", "timestamp-millis", "uuid"]);
    const category = getVersion(registry, "shop.catalog.Category").schema as RecordSchema;
    const children = category.fields.find((f) => f.name === "subcategories")?.type;
    expect(children).toEqual({ kind: "array", items: category });
  });

  it("records each version's crc64 fingerprint and the SHA-256 of its resolved JSON", () => {
    for (const v of all.flatMap((s) => s.versions)) {
      expect(v.fingerprint).toBe(fingerprint(v.schema));
      expect(v.sha256).toBe(createHash("sha256").update(resolvedJson(v.schema)).digest("hex"));
    }
    expect(canonicalForm(getVersion(registry, "shop.orders.OrderAccepted", 1).schema)).toBe(
      '{"name":"shop.orders.OrderAccepted","type":"record","fields":[{"name":"orderId","type":"string"},{"name":"acceptedAt","type":"long"},{"name":"estimatedDelivery","type":"int"}]}',
    );
  });

  it("agrees with avsc, an independent implementation, on canonical forms and hashes", () => {
    for (const v of all.flatMap((s) => s.versions)) {
      const type = Type.forSchema(
        JSON.parse(resolvedJson(v.schema)) as Parameters<typeof Type.forSchema>[0],
      );
      expect(JSON.stringify(type.schema())).toBe(canonicalForm(v.schema));
      expect(type.fingerprint("md5").toString("hex")).toBe(fingerprint(v.schema, "md5"));
      expect(type.fingerprint("sha256").toString("hex")).toBe(fingerprint(v.schema, "sha256"));
    }
  });

  it("looks subjects and versions up, with a sentence for a wrong one", () => {
    expect(getVersion(registry, "shop.orders.OrderPlaced").version).toBe(2);
    expect(getVersion(registry, "shop.orders.OrderPlaced", 1).version).toBe(1);
    expect(() => getVersion(registry, "shop.orders.OrderPlaced", 7)).toThrow(
      'Subject "shop.orders.OrderPlaced" has no version 7; it has versions 1 to 2.',
    );
    expect(() => getSubject(registry, "shop.Nope")).toThrow(
      /^No subject "shop.Nope" in schemas\/; known subjects: shop.catalog.Category, /,
    );
  });
});

describe("loadRegistry on a broken repository", () => {
  let repo: RepoCopy;
  beforeEach(() => (repo = new RepoCopy()));
  afterEach(() => repo.dispose());

  it("throws the first problem as a UserError naming the file and pointer", () => {
    repo.edit("schemas/shop.orders.OrderAccepted/v2.avsc", (json) => {
      (json.fields as Array<Record<string, unknown>>)[3].default = 5;
    });
    const run = () => loadRegistry(repo.root);
    expect(run).toThrow(UserError);
    expect(run).toThrow(
      "schemas/shop.orders.OrderAccepted/v2.avsc at /fields/3/default: default 5 does not match type null, the first branch of the union.",
    );
  });

  it("throws when there is no schemas directory", () => {
    repo.remove("schemas");
    expect(() => loadRegistry(repo.root)).toThrow(
      `${repo.path("schemas")}: no such file or directory; expected the schemas directory of a repository.`,
    );
  });
});
