import { fingerprint, parseSchema } from "../../src/avro";
import { LUA_ENABLE_BUFFERING_CHUNK } from "../../src/validators";
import { contractsOf, orderAccepted, orderPlacedV1, orderPlacedV2 } from "../support/contracts";
import type { RouteValidation } from "../../src/constructs";
import { gatewayFixture, pluginConfigs, Template } from "../support/template";
import { userErrorOf } from "../support/user-error";
import { runLuaCases } from "../validators/lua/harness";

type PreFunction = { access: string[]; header_filter: string[]; log: string[] };

const pins = (orderPlaced: unknown, version: number) =>
  contractsOf({
    "shop.orders.OrderPlaced": { version, schema: orderPlaced },
    "shop.orders.OrderAccepted": { version: 1, schema: orderAccepted },
  });

function fixture(contracts = pins(orderPlacedV2, 2)) {
  const f = gatewayFixture({ contracts }, { edition: "enterprise" }); // for request-validator
  return { ...f, orders: f.gateway.addService("orders", { url: "http://orders.internal" }) };
}

const fp = (schema: unknown) => fingerprint(parseSchema(schema), "crc64");

describe("schema validation on a route", () => {
  it("refuses Kong Enterprise's request-validator engine on an OSS gateway, naming the edition", () => {
    const oss = gatewayFixture({ contracts: pins(orderPlacedV2, 2) }); // edition "oss", the default
    const orders = oss.gateway.addService("orders", { url: "http://orders.internal" });
    const refusal = userErrorOf(() =>
      orders.addRoute("create-order", {
        methods: ["POST"],
        paths: ["/orders"],
        validate: { request: "shop.orders.OrderPlaced", engine: "request-validator" },
      }),
    );
    expect(refusal.message).toMatch(
      /^Plugin request-validator on route create-order: exists only in Kong Enterprise, and the gateway's edition is "oss"/,
    );
  });

  it("runs the pinned version's Lua validator in pre-function's access phase", () => {
    const { stack, orders } = fixture();
    const route = orders.addRoute("create-order", {
      methods: ["POST"],
      paths: ["/orders"],
      validate: { request: "shop.orders.OrderPlaced" },
    });
    const [config] = pluginConfigs(
      Template.synth(stack),
      "pre-function",
    ) as unknown as PreFunction[];
    expect(config.access).toHaveLength(1);
    expect(config.access[0]).toContain(`"shop.orders.OrderPlaced", 2, "${fp(orderPlacedV2)}"`);
    expect(config.access[0]).not.toContain("enable_buffering");
    expect(config.header_filter).toEqual([]);
    expect(route.validation).toMatchObject({
      engine: "lua",
      request: { subject: "shop.orders.OrderPlaced", version: 2 },
    });
  });

  it("validates responses in header_filter and buffers the response from the access chunk", () => {
    const { stack, orders } = fixture();
    orders.addRoute("create-order", {
      methods: ["POST"],
      paths: ["/orders"],
      validate: {
        request: "shop.orders.OrderPlaced",
        response: { subject: "shop.orders.OrderAccepted", mode: "enforce" },
      },
    });
    const [config] = pluginConfigs(
      Template.synth(stack),
      "pre-function",
    ) as unknown as PreFunction[];
    expect(config.access[0]).toContain("kong.service.request.enable_buffering()");
    expect(config.header_filter).toHaveLength(1);
    expect(config.header_filter[0]).toContain(fp(orderAccepted));
    expect(config.header_filter[0]).toContain("502");
  });

  it("buffers with a chunk of its own when only responses are validated", () => {
    const { stack, orders } = fixture();
    orders.addRoute("get-order", {
      methods: ["GET"],
      paths: ["/orders/x"],
      validate: { response: "shop.orders.OrderAccepted" },
    });
    const [config] = pluginConfigs(
      Template.synth(stack),
      "pre-function",
    ) as unknown as PreFunction[];
    expect(config.access).toEqual([LUA_ENABLE_BUFFERING_CHUNK]);
  });

  it("gives Kong Enterprise's request-validator the JSON Schema draft-04 of the pinned version, and logs its fingerprint", () => {
    const { stack, orders } = fixture();
    orders.addRoute("create-order", {
      methods: ["POST"],
      paths: ["/orders"],
      validate: {
        request: { subject: "shop.orders.OrderPlaced", dialect: "avro-json" },
        engine: "request-validator",
      },
    });
    const template = Template.synth(stack);
    const [validator] = pluginConfigs(template, "request-validator");
    expect(validator).toMatchObject({
      version: "draft4",
      verbose_response: true,
      allowed_content_types: ["application/json"],
    });
    const schema = JSON.parse(String(validator.body_schema)) as Record<string, unknown>;
    expect(schema.$schema).toBe("http://json-schema.org/draft-04/schema#");
    const [pre] = pluginConfigs(template, "pre-function") as unknown as PreFunction[];
    expect(pre.access).toEqual([]);
    const chunk = { source: pre.log[0], phase: "log" as const };
    const [rejected, passed] = runLuaCases([
      { chunk, body: "", status: 400, source: "exit" },
      { chunk, body: "", status: 201, source: "service" },
    ]);
    const entry = {
      engine: "request-validator",
      schema: "shop.orders.OrderPlaced",
      version: 2,
      fingerprint: fp(orderPlacedV2),
    };
    expect(rejected).toMatchObject({
      serialize: { "avro_validation.request": { ...entry, outcome: "invalid" } },
    });
    expect(passed).toMatchObject({
      serialize: { "avro_validation.request": { ...entry, outcome: "valid" } },
    });
    expect(rejected.error).toBeUndefined();
  });

  it("changing a pinned version changes exactly the plugins that use it", () => {
    const build = (contracts: ReturnType<typeof pins>) => {
      const { stack, orders } = fixture(contracts);
      orders.addRoute("create-order", {
        methods: ["POST"],
        paths: ["/orders"],
        validate: { request: "shop.orders.OrderPlaced" },
      });
      orders.addRoute("accept", {
        methods: ["PUT"],
        paths: ["/accept"],
        validate: { request: "shop.orders.OrderAccepted" },
      });
      orders.addRoute("list", { methods: ["GET"], paths: ["/list"], rateLimit: { perMinute: 5 } });
      return Template.synth(stack);
    };
    const before = build(pins(orderPlacedV1, 1));
    const after = build(pins(orderPlacedV2, 2));
    const changed = (type: string) =>
      Object.keys(after.resources(type)).filter(
        (id) =>
          JSON.stringify(after.resources(type)[id]) !== JSON.stringify(before.resources(type)[id]),
      );
    expect(changed("kong_plugin")).toEqual([expect.stringMatching(/create-order_pre-function/)]);
    expect(changed("kong_route")).toEqual([]);
    expect(changed("kong_service")).toEqual([]);
  });

  it("compiles a subject once for every route with the same options, and apart for other options", () => {
    const { stack, orders } = fixture();
    const route = (name: string, validate: Parameters<typeof orders.addRoute>[1]["validate"]) =>
      orders.addRoute(name, { methods: ["POST"], paths: [`/${name}`], validate });
    route("a", { request: "shop.orders.OrderPlaced" });
    route("b", { request: "shop.orders.OrderPlaced" });
    route("open", { request: { subject: "shop.orders.OrderPlaced", allowUnknownFields: true } });
    route("avro", { request: { subject: "shop.orders.OrderPlaced", dialect: "avro-json" } });
    route("buffered", {
      request: "shop.orders.OrderPlaced",
      response: "shop.orders.OrderAccepted",
    });
    route("report", { response: { subject: "shop.orders.OrderAccepted", mode: "report" } });
    route("enforce", { response: { subject: "shop.orders.OrderAccepted", mode: "enforce" } });
    const plugins = Template.synth(stack).resources("kong_plugin");
    const config = (name: string) => {
      const [id] = Object.keys(plugins).filter((k) => k.includes(`_${name}_pre-function`));
      return JSON.parse(String(plugins[id].config_json)) as PreFunction;
    };
    const [a, b, open, avro, buffered] = ["a", "b", "open", "avro", "buffered"].map(
      (name) => config(name).access[0],
    );
    expect(a).toBe(b);
    expect(new Set([a, open, avro, buffered]).size).toBe(4);
    expect(open).toContain("unknown fields allowed");
    expect(avro).toContain("dialect avro-json");
    expect(buffered).toContain("enable_buffering");
    expect(config("report").header_filter[0]).toContain("(report)");
    expect(config("enforce").header_filter[0]).toContain("(enforce)");
  });

  it("refuses a subject the environment does not pin, naming the pinned ones", () => {
    const { orders } = fixture();
    expect(() =>
      orders.addRoute("r", { paths: ["/r"], validate: { request: "shop.orders.Missing" } }),
    ).toThrow(
      "route r validates shop.orders.Missing, which environment dev does not pin; expected one of: shop.orders.OrderPlaced, shop.orders.OrderAccepted.",
    );
  });

  it("refuses a subject whose top-level type no JSON body can have", () => {
    const contracts = contractsOf({ "shop.orders.Note": { version: 1, schema: "string" } });
    const { gateway } = gatewayFixture({ contracts });
    const orders = gateway.addService("orders", { url: "http://o" });
    expect(() =>
      orders.addRoute("r", { paths: ["/r"], validate: { request: "shop.orders.Note" } }),
    ).toThrow(
      "route r validates shop.orders.Note version 1: the top-level type is string, but a request or response body can only be validated against a record, a map or an array (Kong decodes JSON objects and arrays only).",
    );
  });

  it("refuses validation in an environment without contracts", () => {
    const { gateway } = gatewayFixture();
    const orders = gateway.addService("orders", { url: "http://o" });
    expect(() =>
      orders.addRoute("r", { paths: ["/r"], validate: { request: "shop.orders.OrderPlaced" } }),
    ).toThrow(
      "route r validates shop.orders.OrderPlaced, but environment dev has no contracts; expected Environment.load or a contracts source.",
    );
  });

  it("refuses an empty validate block and an unknown engine", () => {
    const { orders } = fixture();
    expect(() => orders.addRoute("r", { paths: ["/r"], validate: {} })).toThrow(
      "route r validate names neither request nor response; expected at least one.",
    );
    expect(() =>
      orders.addRoute("s", {
        paths: ["/s"],
        validate: { request: "shop.orders.OrderPlaced", engine: "openapi" as never },
      }),
    ).toThrow(
      'route s validation engine "openapi" is not supported; expected one of: lua, request-validator.',
    );
  });
});

describe("the request body limit on a route", () => {
  const accessChunk = (validate: RouteValidation): string => {
    const { stack, orders } = fixture();
    orders.addRoute("create-order", { methods: ["POST"], paths: ["/orders"], validate });
    const [config] = pluginConfigs(
      Template.synth(stack),
      "pre-function",
    ) as unknown as PreFunction[];
    return config.access[0];
  };

  it("is 1 MiB unless the route sets it", () => {
    expect(accessChunk({ request: "shop.orders.OrderPlaced" })).toContain(
      "local MAX_BODY = 1048576\n",
    );
    expect(
      accessChunk({ request: "shop.orders.OrderPlaced", maxBodyBytes: 16 * 1024 * 1024 }),
    ).toContain("local MAX_BODY = 16777216\n");
  });

  it("refuses a limit that is not a whole number of bytes from 1 to 128 MiB", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 128 * 1024 * 1024 + 1]) {
      const { orders } = fixture();
      expect(() =>
        orders.addRoute("r", {
          paths: ["/r"],
          validate: { request: "shop.orders.OrderPlaced", maxBodyBytes: bad },
        }),
      ).toThrow(
        `route r validate maxBodyBytes ${String(bad)} is invalid; expected a whole number of bytes from 1 to 134217728.`,
      );
    }
  });

  it("refuses a limit where no Lua validator reads the request", () => {
    const message =
      'route r validate sets maxBodyBytes without Lua request validation; expected it only beside request with engine "lua".';
    expect(() =>
      fixture().orders.addRoute("r", {
        paths: ["/r"],
        validate: { response: "shop.orders.OrderAccepted", maxBodyBytes: 1024 },
      }),
    ).toThrow(message);
    expect(() =>
      fixture().orders.addRoute("r", {
        paths: ["/r"],
        validate: {
          request: "shop.orders.OrderPlaced",
          engine: "request-validator",
          maxBodyBytes: 1024,
        },
      }),
    ).toThrow(message);
  });
});

describe("request validation on a route without bodies", () => {
  it.each([[["GET"]], [["GET", "HEAD", "OPTIONS"]], [["DELETE"]]] as const)(
    "is refused at synth for %j: Kong would answer 400 to every request",
    (methods) => {
      const { orders } = fixture();
      expect(
        userErrorOf(() =>
          orders.addRoute("r", {
            methods,
            paths: ["/r"],
            validate: { request: "shop.orders.OrderPlaced" },
          }),
        ).message,
      ).toBe(
        `Route r validates request bodies but accepts only ${methods.join(", ")}, which carry none; expected a method that takes a body (POST, PUT or PATCH) or no request validation.`,
      );
      expect(
        userErrorOf(() =>
          fixture().orders.addRoute("r", {
            methods,
            paths: ["/r"],
            validate: { request: "shop.orders.OrderPlaced" },
          }),
        ),
      ).toMatchObject({ constructPath: "dev/kong/orders/r" });
    },
  );

  it("is allowed beside a method that takes a body", () => {
    const { orders } = fixture();
    expect(() =>
      orders.addRoute("r", {
        methods: ["GET", "POST"],
        paths: ["/r"],
        validate: { request: "shop.orders.OrderPlaced" },
      }),
    ).not.toThrow();
  });
});

describe("binary request bodies", () => {
  const v1 = parseSchema(orderPlacedV1);
  const v2 = parseSchema(orderPlacedV2);
  const header = (schema: unknown) =>
    Buffer.concat([Buffer.from([0xc3, 0x01]), Buffer.from(fp(schema), "hex")]);
  const v2Body = Buffer.from([2, 0x61, 4, 0]); // orderId "a", quantity 2, note null
  const v1Body = Buffer.from([2, 0x61, 4]);

  function accessChunk(contracts = pins(orderPlacedV2, 2)): string {
    const { stack, orders } = fixture(contracts);
    orders.addRoute("create-order", {
      methods: ["POST"],
      paths: ["/orders"],
      validate: {
        request: {
          subject: "shop.orders.OrderPlaced",
          encodings: ["json", "avro-binary", "avro-single-object"],
        },
      },
    });
    const [config] = pluginConfigs(
      Template.synth(stack),
      "pre-function",
    ) as unknown as PreFunction[];
    return config.access[0];
  }

  const statusOf = (source: string, body: Buffer, contentType: string) =>
    runLuaCases([{ chunk: { source }, body, contentType }])[0].exit?.status ?? 200;

  it("walks avro/binary and single-object bodies against the pinned version", () => {
    const source = accessChunk();
    expect(statusOf(source, v2Body, "avro/binary")).toBe(200);
    expect(statusOf(source, v1Body, "avro/binary")).toBe(400);
    const single = "application/vnd.apache.avro+binary";
    expect(statusOf(source, Buffer.concat([header(orderPlacedV2), v2Body]), single)).toBe(200);
    expect(statusOf(source, Buffer.concat([header(orderPlacedV1), v1Body]), single)).toBe(400);
  });

  it("accepts single-object bodies of the earlier versions the contract lists", () => {
    const base = pins(orderPlacedV2, 2);
    const contracts = {
      ...base,
      pinned: (subject: string) => {
        const pinned = base.pinned(subject);
        return pinned && subject === "shop.orders.OrderPlaced"
          ? { ...pinned, schema: v2, earlier: [{ fingerprint: fp(orderPlacedV1), schema: v1 }] }
          : pinned;
      },
    };
    const source = accessChunk(contracts);
    const single = "application/vnd.apache.avro+binary";
    expect(statusOf(source, Buffer.concat([header(orderPlacedV1), v1Body]), single)).toBe(200);
    expect(statusOf(source, Buffer.concat([header(orderPlacedV1), v2Body]), single)).toBe(400);
  });

  it("refuses empty or repeated encodings, and binary ones with request-validator", () => {
    const attempt = (request: unknown, engine?: "request-validator") => {
      const { orders } = fixture();
      return userErrorOf(() =>
        orders.addRoute("r", {
          methods: ["POST"],
          paths: ["/r"],
          validate: { request: request as never, engine },
        }),
      ).message;
    };
    const subject = "shop.orders.OrderPlaced";
    expect(attempt({ subject, encodings: [] })).toMatch(/encodings is empty; expected some of/);
    expect(attempt({ subject, encodings: ["json", "json"] })).toMatch(/repeats/);
    expect(attempt({ subject, encodings: ["avro-binary"] }, "request-validator")).toMatch(
      /expected engine "lua"/,
    );
  });
});
