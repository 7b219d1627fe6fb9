import { importDeck, readDeckFile } from "../../src/import";
import { userErrorOf } from "../support/user-error";

const SERVICE = `
services:
  - name: orders
    url: http://orders.internal:8080
    routes:
      - name: list-orders
        paths: [/orders]
`;

describe("reading a decK file", () => {
  it("reads YAML and JSON alike, every entity list in the file's order", () => {
    const yaml = readDeckFile(
      `_format_version: "3.0"\n${SERVICE}\nconsumers: [{username: a}, {username: b}]\n`,
      "kong.yaml",
    );
    const json = readDeckFile(
      JSON.stringify({ _format_version: "3.0", consumers: [{ username: "a" }, { username: "b" }] }),
      "kong.json",
    );
    expect(yaml.entities.services.map((s) => s.fields.name)).toEqual(["orders"]);
    expect(yaml.entities.consumers.map((c) => c.place)).toEqual(["consumers[0]", "consumers[1]"]);
    expect(json.entities.consumers).toEqual(yaml.entities.consumers);
  });

  it.each([
    ["not YAML", "services: [", /^kong\.yaml: line 1, column \d+: is not YAML or JSON/],
    [
      "not a mapping",
      "- a\n- b\n",
      /^kong\.yaml: is a list, not a decK file; expected a mapping with _format_version "3\.0"\.$/,
    ],
    [
      "no version",
      "services: []\n",
      /^kong\.yaml: has no _format_version, so it is not a decK file/,
    ],
    [
      "an old version",
      '_format_version: "1.1"\n',
      /^kong\.yaml: _format_version: "1\.1" is not supported; expected "3\.0"/,
    ],
    [
      "a number for the version",
      "_format_version: 3.0\n",
      /^kong\.yaml: _format_version: 3 is not supported/,
    ],
    [
      "an unknown entity type",
      '_format_version: "3.0"\napis: []\n',
      /^kong\.yaml: apis: is not an entity type of decK's format 3\.0/,
    ],
    [
      "a list that is not",
      '_format_version: "3.0"\nservices: {name: a}\n',
      /^kong\.yaml: services: is a mapping; expected a list of services\.$/,
    ],
    [
      "duplicate keys",
      '_format_version: "3.0"\nservices: []\nservices: []\n',
      /^kong\.yaml: line 3, column 1: is not YAML or JSON/,
    ],
  ])("refuses %s in one sentence naming the file and the place", (_what, text, message) => {
    expect(userErrorOf(() => readDeckFile(text, "kong.yaml")).message).toMatch(message);
  });

  it("bounds YAML aliases, so that a small file cannot expand without end", () => {
    const laughs = ['_format_version: "3.0"', "a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 12; i++)
      laughs.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(", ")}]`,
      );
    expect(userErrorOf(() => readDeckFile(laughs.join("\n"), "kong.yaml")).message).toMatch(
      /^kong\.yaml: is not a decK file/,
    );
  });

  it("never echoes a scalar where an entity belongs (it may be a credential)", () => {
    const message = userErrorOf(() =>
      importDeck(
        '_format_version: "3.0"\nconsumers:\n  - username: a\n    keyauth_credentials: ["key-value-not-real"]\n',
        "kong.yaml",
      ),
    ).message;
    expect(message).toBe(
      "kong.yaml: consumers[0].keyauth_credentials[0]: is a string; expected a mapping.",
    );
  });
});

describe("bad input to the importer", () => {
  it.each([
    [
      "a route referring to a missing service",
      `_format_version: "3.0"\n${SERVICE}routes:\n  - name: stray\n    paths: [/stray]\n    service: {name: billing}\n`,
      'kong.yaml: routes[0]: route refers to service "billing", which the file does not declare; expected a service of the file.',
    ],
    [
      "a plugin config Kong would refuse",
      `_format_version: "3.0"\nservices:\n  - name: orders\n    url: http://orders.internal\n    plugins:\n      - name: rate-limiting\n        config: {minute: -1}\n`,
      /^kong\.yaml: services\[0\]\.plugins\[0\]: Plugin rate-limiting on service orders: config\.minute is -1; expected a number > 0 \(Kong would refuse this config\)\.$/,
    ],
    [
      "a service with neither host nor url",
      `_format_version: "3.0"\nservices:\n  - name: orders\n`,
      "kong.yaml: services[0]: service has no host and no url; expected one of them, as Kong does.",
    ],
  ])("refuses %s, naming the file and the entity", (_what, text, message) => {
    const error = userErrorOf(() => importDeck(text, "kong.yaml"));
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it("refuses a --name that cannot be a function name", () => {
    expect(
      userErrorOf(() => importDeck('_format_version: "3.0"\n', "kong.yaml", { name: "my-shop" }))
        .message,
    ).toBe(
      '--name "my-shop" is not a name for declare<Name>; expected letters and digits, starting with a letter, e.g. Shop.',
    );
  });
});
