import { generateKeyPairSync } from "node:crypto";
import { Testing } from "cdktf";
import { Certificate, Environment, Gateway, KongStack, Secret } from "../../src/constructs";
import { SHOP_CERTIFICATE } from "../support/certificate";
import { gatewayFixture, Template } from "../support/template";
import { userErrorOf, validationErrorOf } from "../support/user-error";

const privateKey = Secret.fromVariable("shop_tls_key");

describe("gateway.addCertificate", () => {
  it("writes a kong_certificate with its SNIs and the key from a sensitive variable", () => {
    const { stack, gateway } = gatewayFixture();
    const certificate = gateway.addCertificate("shop", {
      certificate: SHOP_CERTIFICATE,
      privateKey,
      snis: ["shop.example", "*.shop.example"],
    });
    expect(certificate).toBeInstanceOf(Certificate);
    const template = Template.synth(stack);
    expect(template.findResources("kong_certificate")).toEqual([
      {
        certificate: SHOP_CERTIFICATE,
        private_key: "${var.shop_tls_key}",
        snis: ["shop.example", "*.shop.example"],
        tags: ["managed-by:avro-kong", "environment:dev", "certificate:shop"],
      },
    ]);
    expect(template.json.variable).toMatchObject({ shop_tls_key: { sensitive: true } });
  });

  it("refuses a private key given as the certificate, and text that is no certificate", () => {
    const { gateway } = gatewayFixture();
    const key = generateKeyPairSync("ec", { namedCurve: "prime256v1" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(
      validationErrorOf(() => gateway.addCertificate("key", { certificate: key, privateKey })),
    ).toMatchObject({
      constructPath: "dev/kong/key",
      message:
        'Certificate key certificate is a private key; expected the certificate\'s PEM ("-----BEGIN CERTIFICATE-----"), with the key as privateKey, a Secret.',
    });
    const broken = SHOP_CERTIFICATE.replace(/[A-Za-z]{8}\n/, "AAAAAAAA\n");
    expect(
      validationErrorOf(() =>
        gateway.addCertificate("broken", { certificate: broken, privateKey }),
      ),
    ).toMatchObject({
      constructPath: "dev/kong/broken",
      message:
        'Certificate broken certificate does not parse as a PEM X.509 certificate; expected "-----BEGIN CERTIFICATE-----" text.',
    });
  });

  it("takes the private key only as a Secret", () => {
    const { gateway } = gatewayFixture();
    const literal = "-----BEGIN PRIVATE KEY-----" as unknown as Secret;
    expect(
      validationErrorOf(() =>
        gateway.addCertificate("shop", { certificate: SHOP_CERTIFICATE, privateKey: literal }),
      ),
    ).toMatchObject({
      constructPath: "dev/kong/shop",
      message:
        "Certificate shop privateKey is a literal string; expected a Secret (Secret.fromVariable or Secret.fromVault), never a literal credential.",
    });
  });

  it("holds each SNI once per environment, across certificates and stacks", () => {
    const { gateway } = gatewayFixture();
    gateway.addCertificate("a", {
      certificate: SHOP_CERTIFICATE,
      privateKey,
      snis: ["shop.example"],
    });
    expect(
      userErrorOf(() =>
        gateway.addCertificate("b", {
          certificate: SHOP_CERTIFICATE,
          privateKey,
          snis: ["shop.example"],
        }),
      ).message,
    ).toBe(
      'Certificate SNI "shop.example" is used twice (certificates a and b); expected each server name on one certificate.',
    );
    const app = Testing.app();
    const environment = new Environment({ name: "dev" });
    const shared = new Gateway(new KongStack(app, "dev", { environment }), "kong", { environment });
    const team = new Gateway(
      new KongStack(app, "dev-orders", { environment, team: "orders" }),
      "kong",
      {
        environment,
      },
    );
    shared.addCertificate("a", {
      certificate: SHOP_CERTIFICATE,
      privateKey,
      snis: ["shop.example"],
    });
    expect(
      userErrorOf(() =>
        team.addCertificate("a", {
          certificate: SHOP_CERTIFICATE,
          privateKey,
          snis: ["shop.example"],
        }),
      ).message,
    ).toMatch(/^Certificate SNI "shop.example" is declared in stacks dev and dev-orders/);
  });

  it("is presented to an https upstream as a service's client certificate, and refused over http", () => {
    const { stack, gateway } = gatewayFixture();
    const clientCertificate = gateway.addCertificate("orders-client", {
      certificate: SHOP_CERTIFICATE,
      privateKey,
    });
    gateway.addService("orders", { url: "https://orders.internal", clientCertificate });
    const [service] = Template.synth(stack).findResources("kong_service", { name: "orders" });
    expect(String(service.client_certificate_id)).toMatch(/^\$\{kong_certificate\..*\.id\}$/);
    expect(
      userErrorOf(() =>
        gateway.addService("plain", { url: "http://plain.internal", clientCertificate }),
      ).message,
    ).toBe(
      "Service plain presents client certificate orders-client over http; expected an https, wss or tls service, as Kong allows a client certificate only there.",
    );
  });
});
