import type { Gateway } from "../src/constructs";

/** The shop's APIs, the same in every environment; only the environment's settings differ. */
export function declareShopApi(gateway: Gateway): void {
  const orders = gateway.addService("orders", {
    upstream: {
      targets: [
        { target: "orders-1.shop.internal:8080" },
        { target: "orders-2.shop.internal:8080" },
      ],
    },
  });
  orders.addRoute("create-order", { methods: ["POST"], paths: ["/orders"] });
  orders.addRoute("get-order", { methods: ["GET"], paths: ["~/orders/[0-9a-f-]+$"] });

  const payments = gateway.addService("payments", { url: "http://payments.shop.internal:8080" });
  payments.addRoute("request-payment", { methods: ["POST"], paths: ["/payments"] });

  const customers = gateway.addService("customers", { url: "http://customers.shop.internal:8080" });
  customers.addRoute("register-customer", { methods: ["POST"], paths: ["/customers"] });
}
