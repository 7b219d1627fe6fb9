/** What `avro-kong import deck` produced and everything a team must know about it. */
export interface ImportReport {
  /** The TypeScript module's text. */
  readonly module: string;
  /** `declare<Name>`, the function the module exports. */
  readonly functionName: string;
  /** `<name>Roles`, the roles (ACL groups) the module exports for the Gateway's props. */
  readonly rolesName: string;
  /** Every entity the first plan adopts: construct path below the gateway, and Kong's import id. */
  readonly imports: readonly ImportedEntity[];
  /** Every entity the file gives no `id`: the first plan creates it (no import block), beside the running one. */
  readonly created: readonly CreatedEntity[];
  /** The sensitive variables to set before the first plan: name, entity and field, never values. */
  readonly variables: readonly SecretVariable[];
  /** Entities of the file the module does not declare, each with the reason. */
  readonly notImported: readonly Omission[];
  /** Attributes the synthesized stack will hold differently from the file, each with the reason. */
  readonly differences: readonly Difference[];
  /** Kong names the constructs could not hold, and what the module calls them. */
  readonly names: readonly NameMappingEntry[];
  /** Guardrails the declared estate would break, and where. */
  readonly guardrails: readonly GuardrailFinding[];
}

export interface ImportedEntity {
  readonly entity: string;
  readonly path: string;
  readonly resourceType: string;
  readonly id: string;
}

export interface CreatedEntity {
  readonly entity: string;
  readonly path: string;
  readonly resourceType: string;
}

export interface SecretVariable {
  readonly name: string;
  readonly entity: string;
  readonly field: string;
}

export interface Omission {
  readonly entity: string;
  readonly place: string;
  readonly reason: string;
}

export interface Difference {
  readonly entity: string;
  /** The attribute, as the file names it (`regex_priority`, `config.per_consumer`, `tags`). */
  readonly field: string;
  readonly reason: string;
}

export interface NameMappingEntry {
  readonly entity: string;
  readonly from: string;
  readonly to: string;
}

export interface GuardrailFinding {
  readonly route: string;
  readonly rule: string;
  readonly problem: string;
  /** `every environment` or `production environments` (https-only). */
  readonly where: string;
}
