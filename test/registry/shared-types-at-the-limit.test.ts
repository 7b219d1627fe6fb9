import { createHash } from "crypto";
import {
  canonicalForm,
  fingerprint,
  parseSchemaText,
  readJsonText,
  resolvedJson,
  writtenDepth,
  type AvroSchema,
} from "../../src/avro";
import { writeFileSync } from "fs";
import { join } from "path";
import { checkCompatibility, diffSchemas } from "../../src/compat";
import { renderMarkdown } from "../../src/review";
import { runAvroKong } from "../support/cli";
import { reviewJson, revision } from "../review/fixture";
import {
  checkRepository,
  loadRegistry,
  scanRepository,
  type SchemaVersion,
} from "../../src/registry";
import { compileJsonSchema, compileLuaCheck, validatePayload } from "../../src/validators";
import { gatewayFixture, pluginConfigs, Template } from "../support/template";
import { validateDeepDocument } from "../validators/json-schema/deep-draft04";
import { runLuaCases } from "../validators/lua/harness";
import { ChainRepo } from "./fixture";

/**
 * Schemas that reach the 1,000 levels one file may have only through a chain of shared types,
 * taken through every part of the flow that walks a resolved schema: none may exhaust the stack,
 * and each must still give the right answer at the deepest level.
 */

interface Shape {
  /** The chain: its length, the field type of a link around the next type's name. */
  readonly links: number;
  readonly wrap: (next: string) => unknown;
  /** The subject's field `t` around the chain's first type, to make 1,000 levels in all. */
  readonly top: (first: string) => unknown;
  /** A payload of `t` whose innermost value is `leaf`, and the path of that value. */
  readonly payload: (leaf: string) => { text: string; path: string };
  /** The innermost field as the contract diff names it. */
  readonly innermostField: string;
  /** What reading the chain's innermost long as an int finds. */
  readonly narrowed: { type: string; path: string; message: string };
}

const nest = (times: number, open: string, close: string, inner: string): string =>
  open.repeat(times) + inner + close.repeat(times);

const shapes: Record<string, Shape> = {
  // 332 records, 3 levels each, 996 in all; the subject adds 3 for its field, 1 for an array.
  records: {
    links: 332,
    wrap: (next) => next,
    innermostField: "t[]" + ".f".repeat(332),
    top: (first) => ({ type: "array", items: first }),
    payload: (leaf) => ({
      text: `[${nest(332, '{"f":', "}", leaf)}]`,
      path: "/t/0" + "/f".repeat(332),
    }),
    narrowed: {
      type: "TYPE_MISMATCH",
      path: "/fields/0/type/items" + "/fields/0/type".repeat(332),
      message: "reader type: INT not compatible with writer type: LONG",
    },
  },
  // 166 records, each link an optional map of arrays (6 levels): 993; the subject adds 7.
  "unions, maps and arrays": {
    links: 166,
    innermostField: "t{}[][]" + ".f{}[]".repeat(165) + ".f",
    wrap: (next) => ["null", { type: "map", values: { type: "array", items: next } }],
    top: (first) => [
      "null",
      { type: "map", values: { type: "array", items: { type: "array", items: first } } },
    ],
    payload: (leaf) => ({
      text: `{"k":[[${nest(165, '{"f":{"k":[', "]}}", `{"f":${leaf}}`)}]]}`,
      path: "/t/k/0/0" + "/f/k/0".repeat(165) + "/f",
    }),
    // Each union's map branch fails to read deep down: the outermost union reports it.
    narrowed: {
      type: "MISSING_UNION_BRANCH",
      path: "/fields/0/type/1",
      message: "reader union lacking writer type: MAP",
    },
  },
};

describe.each(Object.entries(shapes))(
  "a subject 1,000 levels deep through shared types: %s",
  (_, shape) => {
    let repo: ChainRepo;
    // The same chain ending in a long instead of an int: a changed copy for compatibility.
    let changed: ChainRepo;
    let version: SchemaVersion;
    let schema: AvroSchema;
    // Written in beforeAll, so that no folder is left when these tests are filtered out.
    beforeAll(() => {
      repo = new ChainRepo(shape.links, shape.wrap);
      changed = new ChainRepo(shape.links, shape.wrap, "long");
      for (const r of [repo, changed]) {
        for (const v of [1, 2]) r.writeTop(v, [{ name: "t", type: shape.top("shop.chain.T0") }]);
      }
      version = loadRegistry(repo.root).subjects.get("shop.chain.Top")!.versions[0];
      schema = version.schema;
    });
    afterAll(() => [repo, changed].forEach((r) => r.dispose()));
    const valid = `{"t":${shape.payload("7").text}}`;
    const invalid = `{"t":${shape.payload('"x"').text}}`;
    const invalidPath = shape.payload('"x"').path;

    it("loads at exactly the limit, and passes its own history check", () => {
      expect(writtenDepth(schema).depth).toBe(1000);
      expect(checkRepository(repo.root)).toEqual([]);
    });

    it("one level more is refused", () => {
      const deeper = new ChainRepo(shape.links, shape.wrap);
      try {
        deeper.writeTop(1, [
          { name: "t", type: { type: "array", items: shape.top("shop.chain.T0") } },
        ]);
        expect(scanRepository(deeper.root, false).problems.map((p) => p.message)).toEqual([
          expect.stringMatching(
            /^written out with its shared types in place, this schema would nest 1,001 levels deep/,
          ),
        ]);
      } finally {
        deeper.dispose();
      }
    });

    it("compatibility: with itself, and with a copy whose innermost int is a long", () => {
      const long = loadRegistry(changed.root).subjects.get("shop.chain.Top")!.versions[0].schema;
      expect(checkCompatibility(schema, schema)).toEqual({ compatible: true, errors: [] });
      expect(checkCompatibility(long, schema)).toEqual({ compatible: true, errors: [] });
      expect(checkCompatibility(schema, long)).toEqual({
        compatible: false,
        errors: [shape.narrowed],
      });
    });

    it("the contract field diff: the innermost field's type, and nothing else", () => {
      const long = loadRegistry(changed.root).subjects.get("shop.chain.Top")!.versions[0].schema;
      expect(diffSchemas(schema, long)).toEqual([
        { kind: "type-changed", field: shape.innermostField, from: "int", to: "long" },
      ]);
    });

    it("the review of a pin moving to the changed copy, as JSON and as markdown", () => {
      const long = loadRegistry(changed.root).subjects.get("shop.chain.Top")!.versions[0].schema;
      const schemas = { "shop.chain.Top": { 1: JSON.parse(resolvedJson(schema)) as unknown } };
      const base = revision({ schemas, pins: { dev: { "shop.chain.Top": 1 } }, declare: () => {} });
      const head = revision({
        schemas: {
          "shop.chain.Top": {
            ...schemas["shop.chain.Top"],
            2: JSON.parse(resolvedJson(long)) as unknown,
          },
        },
        pins: { dev: { "shop.chain.Top": 2 } },
        declare: () => {},
      });
      const review = reviewJson(base, head);
      expect(review.contractChanges).toMatchObject([
        {
          subject: "shop.chain.Top",
          compatible: true,
          errors: [],
          schemaChanges: [{ kind: "type-changed", field: shape.innermostField }],
        },
      ]);
      expect(renderMarkdown(review)).toContain(
        `type of \`${shape.innermostField}\`: \`int\` → \`long\``,
      );
    });

    it("schema check and payload validate, through the command line", async () => {
      expect(await runAvroKong(repo.root, ["schema", "check"])).toMatchObject({ code: 0, err: "" });
      writeFileSync(join(repo.root, "top.avsc"), resolvedJson(schema));
      const validate = ["payload", "validate", "--schema", "top.avsc"];
      expect(await runAvroKong(repo.root, validate, valid)).toEqual({
        code: 0,
        out: "valid",
        err: "",
      });
      expect(await runAvroKong(repo.root, validate, invalid)).toMatchObject({
        code: 1,
        out: expect.stringContaining(invalidPath) as unknown,
      });
    });

    it("canonical form and fingerprint: readable again, the same fingerprint", () => {
      const canonical = canonicalForm(schema);
      const again = parseSchemaText(canonical, "canonical.avsc");
      expect(canonicalForm(again)).toBe(canonical);
      expect(fingerprint(again)).toBe(fingerprint(schema));
      expect(version.fingerprint).toBe(fingerprint(schema));
    });

    it("resolved JSON: what the pin's sha256 hashes, readable again as one 1,000-level file", () => {
      const resolved = resolvedJson(schema);
      expect(version.sha256).toBe(createHash("sha256").update(resolved).digest("hex"));
      expect(readJsonText(resolved)).toHaveProperty("value");
      expect(resolvedJson(parseSchemaText(resolved))).toBe(resolved);
    });

    it("the payload validator, at the deepest level", () => {
      expect(validatePayload(schema, JSON.parse(valid))).toEqual([]);
      expect(validatePayload(schema, JSON.parse(invalid))).toEqual([
        { path: invalidPath, message: 'expected int, found string "x"' },
      ]);
    });

    it("the JSON Schema, in a draft-04 validator", async () => {
      const document = compileJsonSchema(schema);
      expect(await validateDeepDocument(document, [valid, invalid])).toEqual([true, false]);
    });

    it("the Lua check, in LuaJIT", () => {
      const chunk = { source: compileLuaCheck(schema), phase: "check" as const };
      const [ok, bad] = runLuaCases([
        { chunk, body: valid },
        { chunk, body: invalid },
      ]);
      expect(ok).toMatchObject({ check: { ok: true } });
      expect(bad.error).toBeUndefined();
      expect(bad.check).toEqual({
        ok: false,
        path: invalidPath,
        message: 'expected int, found string "x"',
      });
    });

    it("synthesis of a route that validates it, whose chunk runs in LuaJIT", () => {
      const contracts = {
        pinned: (subject: string) => (subject === version.subject ? version : undefined),
        subjects: () => [version.subject],
      };
      const { stack, gateway } = gatewayFixture({ contracts });
      gateway.addService("chain", { url: "http://chain.internal" }).addRoute("post-top", {
        methods: ["POST"],
        paths: ["/top"],
        validate: { request: "shop.chain.Top" },
      });
      const [config] = pluginConfigs(Template.synth(stack), "pre-function") as unknown as Array<{
        access: string[];
      }>;
      const chunk = { source: config.access[0] };
      const [ok, bad] = runLuaCases([
        { chunk, body: valid },
        { chunk, body: invalid },
      ]);
      expect(ok.error).toBeUndefined();
      expect(ok.exit).toBeUndefined();
      expect(bad.exit).toMatchObject({ status: 400 });
      expect(JSON.stringify(bad.exit?.body)).toContain(invalidPath);
    });
  },
);

describe("a default as deep as a chain of shared types", () => {
  let repo: ChainRepo;
  beforeAll(() => (repo = new ChainRepo(332)));
  afterAll(() => repo.dispose());
  const top = (innermost: string) =>
    repo.writeTop(1, [
      { name: "t", type: { type: "array", items: "shop.chain.T0" } },
      { name: "d", type: "shop.chain.T0", default: JSON.parse(nest(332, '{"f":', "}", innermost)) },
    ]);

  it("is checked down to its innermost value, as payloads are", () => {
    top("7");
    expect(scanRepository(repo.root, false).problems).toEqual([]);
    const file = top('"x"');
    expect(scanRepository(repo.root, false).problems).toEqual([
      {
        file,
        pointer: "/fields/1/default" + "/f".repeat(332),
        message: 'default "x" does not match type int.',
      },
    ]);
  });
});
