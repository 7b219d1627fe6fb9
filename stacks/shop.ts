import { Credential, Duration, Identity, Logging, Secret, type Gateway } from "avro-kong";

const staffToken = Identity.jwt({ maxTokenLifetime: Duration.minutes(15) });
const partnerKey = Identity.keyAuth();
const collector = Logging.http({
  endpoint: Secret.fromVariable("log_collector_url", "HTTP log collector URL (may carry a token)"),
});

/**
 * The shop's APIs, by the team that owns them: the same in every environment; only the
 * environment's pins and settings differ. Each team's APIs are one stack per environment.
 */
export const teams: Readonly<Record<string, (gateway: Gateway) => void>> = {
  orders: (gateway) => {
    declareOrders(gateway);
    declarePayments(gateway);
  },
  customers: declareCustomers,
  catalog: declareCatalog,
};

function declareOrders(gateway: Gateway): void {
  const orders = gateway.addService("orders", {
    upstream: {
      targets: [
        { target: "orders-1.shop.internal:8080" },
        { target: "orders-2.shop.internal:8080" },
      ],
    },
    identity: staffToken,
    rateLimit: { perMinute: 1200 },
    logging: collector,
  });
  orders.addRoute("create-order", {
    methods: ["POST"],
    paths: ["/orders"],
    stripPath: false,
    roles: ["orders-writer"],
    rateLimit: { perMinute: 600 },
    validate: {
      // Avro clients may send the binary encoding (avro/binary) or single-object bodies.
      request: {
        subject: "shop.orders.OrderPlaced",
        encodings: ["json", "avro-binary", "avro-single-object"],
      },
      response: { subject: "shop.orders.OrderAccepted", mode: "report" },
    },
  });
  orders.addRoute("get-order", {
    methods: ["GET"],
    paths: ["~/orders/[0-9a-f-]{36}$"],
    stripPath: false,
    roles: ["orders-reader", "orders-writer"],
    validate: { response: "shop.orders.OrderAccepted" },
  });
  orders.addRoute("cancel-order", {
    methods: ["POST"],
    paths: ["~/orders/[0-9a-f-]{36}/cancellation$"],
    stripPath: false,
    roles: ["orders-writer"],
    rateLimit: { perMinute: 60 },
    validate: { request: "shop.orders.OrderCancelled" },
  });
}

function declarePayments(gateway: Gateway): void {
  const payments = gateway.addService("payments", {
    url: "http://payments.shop.internal:8080",
    identity: partnerKey,
    rateLimit: { perSecond: 50 },
    logging: collector,
  });
  payments.addRoute("request-payment", {
    methods: ["POST"],
    paths: ["/payments"],
    stripPath: false,
    roles: ["payments-writer"],
    validate: {
      request: "shop.payments.PaymentRequested",
      response: { subject: "shop.payments.PaymentAuthorized", mode: "enforce" },
    },
  });
  payments.addRoute("report-authorization", {
    methods: ["POST"],
    paths: ["/payments/authorizations"],
    stripPath: false,
    roles: ["payments-callback"],
    validate: { request: "shop.payments.PaymentAuthorized" },
  });
  payments.addRoute("get-payment", {
    methods: ["GET"],
    paths: ["~/payments/[0-9a-f-]{36}$"],
    stripPath: false,
    roles: ["payments-writer"],
  });
}

function declareCustomers(gateway: Gateway): void {
  const customers = gateway.addService("customers", {
    url: "http://customers.shop.internal:8080",
    identity: staffToken,
    rateLimit: { perMinute: 300 },
    logging: Logging.file(),
  });
  customers.addRoute("register-customer", {
    methods: ["POST"],
    paths: ["/customers"],
    stripPath: false,
    roles: ["customers-writer"],
    validate: {
      request: { subject: "shop.customers.CustomerRegistered", allowUnknownFields: false },
    },
  });
  customers.addRoute("update-customer", {
    methods: ["PATCH"],
    paths: ["~/customers/[0-9a-f-]{36}$"],
    stripPath: false,
    roles: ["customers-writer"],
    validate: { request: "shop.customers.CustomerUpdated" },
  });
  customers.addRoute("get-customer", {
    methods: ["GET"],
    paths: ["~/customers/[0-9a-f-]{36}$"],
    stripPath: false,
    roles: ["customers-reader"],
    validate: { response: { subject: "shop.customers.CustomerRegistered", mode: "report" } },
  });
}

function declareCatalog(gateway: Gateway): void {
  const catalog = gateway.addService("catalog", {
    url: "http://catalog.shop.internal:8080",
    rateLimit: { perMinute: 3000, limitBy: "ip" },
    logging: Logging.file(),
  });
  catalog.addRoute("put-category", {
    methods: ["PUT"],
    paths: ["/catalog/categories"],
    identity: staffToken,
    roles: ["catalog-editor"],
    rateLimit: { perMinute: 60 },
    validate: { request: "shop.catalog.Category" },
  });
  catalog.addRoute("put-product", {
    methods: ["PUT"],
    paths: ["/catalog/products"],
    identity: staffToken,
    roles: ["catalog-editor"],
    rateLimit: { perMinute: 120 },
    validate: { request: "shop.catalog.Product" },
  });
  catalog.addRoute("list-products", {
    methods: ["GET"],
    paths: ["/catalog/products"],
    identity: partnerKey,
    roles: ["catalog-reader"],
    validate: { response: "shop.catalog.Product" },
  });
}

/** The API clients, environment-wide: they live in the environment's shared stack. */
export function declareConsumers(gateway: Gateway): void {
  gateway.addConsumer("storefront", {
    roles: ["orders-writer", "orders-reader", "customers-writer", "catalog-reader"],
    credentials: [
      Credential.jwt({
        algorithm: "HS256",
        key: "storefront",
        secret: Secret.fromVariable("storefront_jwt_secret"),
      }),
      Credential.keyAuth({ key: Secret.fromVault("{vault://env/storefront-api-key}") }),
    ],
  });
  gateway.addConsumer("backoffice", {
    roles: ["orders-reader", "customers-reader", "catalog-editor"],
    credentials: [
      Credential.jwt({
        algorithm: "RS256",
        key: "backoffice",
        publicKey: Secret.fromVariable("backoffice_jwt_public_key"),
      }),
    ],
  });
  gateway.addConsumer("checkout", {
    roles: ["payments-writer"],
    credentials: [Credential.keyAuth({ key: Secret.fromVault("{vault://env/checkout-api-key}") })],
  });
  gateway.addConsumer("psp-partner", {
    roles: ["payments-callback"],
    credentials: [Credential.keyAuth({ key: Secret.fromVariable("psp_partner_api_key") })],
    rateLimit: { perMinute: 120 },
  });
}
