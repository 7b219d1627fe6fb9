import { X509Certificate } from "node:crypto";
import { Construct } from "constructs";
import { ValidationError } from "../common";
import { certificate as kongCertificate } from "../provider";
import { assertName, assertUnique, kindOf } from "./checks";
import { gatewayOf } from "./gateway-scope";
import { expectSecret, resolveSecret, type Secret } from "./secret";
import { terraformLiterals } from "./terraform-literals";

export interface CertificateOptions {
  /** The certificate (and any intermediates) in PEM: public, checked at synth. */
  readonly certificate: string;
  /** Its private key, only ever as a Secret (a sensitive variable or a vault reference). */
  readonly privateKey: Secret;
  /** The server names Kong presents it for; each at most once per environment. @default none */
  readonly snis?: readonly string[];
  /** Tags after the ownership tags. @default none */
  readonly tags?: readonly string[];
}

const PRIVATE_KEY_PEM = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/;
const SNI_PATTERN =
  /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.\*)?$/;

/**
 * A `kong_certificate` with its SNIs (the provider models them as the certificate's `snis` list):
 * served to clients for those names, or presented to upstreams as a service's client certificate.
 */
export class Certificate extends Construct {
  readonly name: string;
  readonly snis: readonly string[];
  readonly resource: kongCertificate.Certificate;

  constructor(scope: Construct, id: string, options: CertificateOptions) {
    // As in aws-cdk: the certificate joins the tree first, so that every refusal carries its path.
    assertName(scope, "Certificate name", id);
    const gateway = gatewayOf(scope);
    super(scope, id);
    const where = `Certificate ${id}`;
    checkCertificatePem(this, where, options.certificate);
    const privateKey = expectSecret(this, `${where} privateKey`, options.privateKey);
    const snis = [...(options.snis ?? [])];
    assertUnique(this, `${where} snis`, snis);
    for (const sni of snis) {
      if (!SNI_PATTERN.test(sni))
        throw new ValidationError(
          `${where} SNI "${sni}" is not a host name; expected e.g. api.example.com or *.example.com.`,
          this,
        );
    }
    gateway._names.claimSnis(id, snis);
    this.name = id;
    this.snis = snis;
    this.resource = new kongCertificate.Certificate(
      this,
      "certificate",
      terraformLiterals(this, where, {
        certificate: options.certificate,
        privateKey: resolveSecret(this, privateKey, `${where} privateKey`),
        snis: snis.length ? snis : undefined,
        tags: gateway.tags([`certificate:${id}`, ...(options.tags ?? [])]),
      }),
    );
  }

  /** Kong's id of this certificate, resolved at apply time. */
  get certificateId(): string {
    return this.resource.id;
  }
}

/** Parses the PEM as an X.509 certificate: a private key, or text that does not parse, is refused. */
function checkCertificatePem(certificate: Certificate, where: string, pem: unknown): void {
  if (typeof pem !== "string")
    throw new ValidationError(
      `${where} certificate is ${kindOf(pem)}; expected PEM text.`,
      certificate,
    );
  if (PRIVATE_KEY_PEM.test(pem))
    throw new ValidationError(
      `${where} certificate is a private key; expected the certificate's PEM ("-----BEGIN CERTIFICATE-----"), with the key as privateKey, a Secret.`,
      certificate,
    );
  try {
    new X509Certificate(pem);
  } catch {
    throw new ValidationError(
      `${where} certificate does not parse as a PEM X.509 certificate; expected "-----BEGIN CERTIFICATE-----" text.`,
      certificate,
    );
  }
}
