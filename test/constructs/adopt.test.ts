import { Testing } from "cdktf";
import { adoptExisting } from "../../src/constructs";
import { gatewayFixture } from "../support/template";
import { validationErrorOf } from "../support/user-error";

describe("adoptExisting", () => {
  it("writes a Terraform import block for the resource at each path, without asking Terraform anything", () => {
    const { stack, gateway } = gatewayFixture();
    gateway.addService("orders", { url: "http://orders.internal:8080" });
    adoptExisting(gateway, { "orders/service": "svc-id" });
    const json = JSON.parse(Testing.synth(stack)) as {
      import: unknown[];
      resource: { kong_service: object };
    };
    const [logical] = Object.keys(json.resource.kong_service);
    expect(json.import).toEqual([{ to: `kong_service.${logical}`, id: "svc-id" }]);
  });

  it("refuses a path that names no resource", () => {
    const { gateway } = gatewayFixture();
    gateway.addService("orders", { url: "http://orders.internal:8080" });
    expect(validationErrorOf(() => adoptExisting(gateway, { orders: "svc-id" }))).toMatchObject({
      constructPath: "dev/kong",
      message:
        "adoptExisting: orders is not a Kong resource of this stack; expected a path that avro-kong import wrote.",
    });
  });
});
