import fc from "fast-check";
import {
  FINGERPRINT_ALGORITHMS,
  PRIMITIVE_TYPES,
  canonicalForm,
  fingerprint,
  parseSchemaText,
  resolvedJson,
} from "../../src/avro";
import { isObject } from "../../src/common";
import { jsonStyle, writeJson } from "../support/json-style";
import { propertyRuns } from "../support/properties";
import { parsed, schemaJson } from "../support/schema-arbitraries";

/**
 * Properties of the Parsing Canonical Form, the fingerprints and the resolved JSON (the pins'
 * sha256) over generated schemas: what a schema file says, not how it is written, decides them.
 */

type Obj = Record<string, unknown>;
const PRIMITIVES = new Set<string>(PRIMITIVE_TYPES);

/**
 * The same schema in another spelling the specification treats as equal for parsing: a
 * primitive as `{"type": "int"}`, a name and namespace as one full name, and attributes that
 * Parsing Canonical Form strips (doc, aliases, order, custom properties). Each choice is taken
 * from `choices` in turn.
 */
function respell(json: unknown, choices: readonly boolean[]): unknown {
  let i = 0;
  const choose = (): boolean => choices[i++ % choices.length];
  const type = (t: unknown): unknown => {
    if (typeof t === "string") return PRIMITIVES.has(t) && choose() ? { type: t } : t;
    if (Array.isArray(t)) return t.map(type);
    if (!isObject(t)) return t;
    const out: Obj = { ...t };
    if (out.items !== undefined) out.items = type(out.items);
    if (out.values !== undefined) out.values = type(out.values);
    if (Array.isArray(out.fields))
      out.fields = (out.fields as Obj[]).map((f) => ({
        ...f,
        type: type(f.type),
        ...(choose() ? { doc: "a field", order: "descending", "x-owner": "team" } : {}),
      }));
    const named =
      typeof out.name === "string" && ["record", "enum", "fixed"].includes(String(out.type));
    if (named && typeof out.namespace === "string" && out.namespace !== "" && choose()) {
      // A name with dots is a full name; the spec then ignores any namespace attribute.
      out.name = `${out.namespace}.${String(out.name)}`;
      out.namespace = choose() ? "ignored.by.spec" : undefined;
      if (out.namespace === undefined) delete out.namespace;
    }
    if (named && choose()) Object.assign(out, { doc: "documented", aliases: ["Old"], "x-a": 1 });
    return out;
  };
  return type(json);
}

describe("Parsing Canonical Form (properties)", () => {
  it("is a fixed point: parsing the form gives the form again", () => {
    fc.assert(
      fc.property(schemaJson, (json) => {
        const form = canonicalForm(parsed(json));
        expect(canonicalForm(parseSchemaText(form))).toBe(form);
        // No whitespace, no escapes beyond JSON's own: as compact as JSON gets.
        expect(JSON.stringify(JSON.parse(form))).toBe(form);
      }),
      propertyRuns(300),
    );
  });

  it("and every fingerprint ignore whitespace, key order, escapes and number spelling", () => {
    fc.assert(
      fc.property(schemaJson, jsonStyle, (json, style) => {
        const plain = parsed(json);
        const restyled = parseSchemaText(writeJson(json, style));
        expect(canonicalForm(restyled)).toBe(canonicalForm(plain));
        for (const algorithm of FINGERPRINT_ALGORITHMS)
          expect(fingerprint(restyled, algorithm)).toBe(fingerprint(plain, algorithm));
      }),
      propertyRuns(300),
    );
  });

  it("and every fingerprint ignore what parsing does not depend on", () => {
    fc.assert(
      fc.property(
        schemaJson,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        (json, choices) => {
          const plain = parsed(json);
          const respelled = parsed(respell(json, choices));
          expect(canonicalForm(respelled)).toBe(canonicalForm(plain));
          for (const algorithm of FINGERPRINT_ALGORITHMS)
            expect(fingerprint(respelled, algorithm)).toBe(fingerprint(plain, algorithm));
        },
      ),
      propertyRuns(300),
    );
  });
});

describe("resolved JSON, the pins' sha256 (properties)", () => {
  it("ignores how the file is formatted", () => {
    fc.assert(
      fc.property(schemaJson, jsonStyle, (json, style) => {
        expect(resolvedJson(parseSchemaText(writeJson(json, style)))).toBe(
          resolvedJson(parsed(json)),
        );
      }),
      propertyRuns(300),
    );
  });

  it("parses back to the same schema", () => {
    fc.assert(
      fc.property(
        schemaJson,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        (json, choices) => {
          const schema = parsed(respell(json, choices));
          const again = parseSchemaText(resolvedJson(schema));
          expect(resolvedJson(again)).toBe(resolvedJson(schema));
          expect(canonicalForm(again)).toBe(canonicalForm(schema));
        },
      ),
      propertyRuns(300),
    );
  });
});
