import { providerSchema as kongProviderSchemaJson } from "../provider";

/** A Terraform type as `terraform providers schema -json` prints it. */
export type TerraformType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", TerraformType]
  | readonly ["object", Readonly<Record<string, TerraformType>>, (readonly string[])?]
  | readonly ["tuple", readonly TerraformType[]];

/** One attribute of a block. */
export interface SchemaAttribute {
  readonly type?: TerraformType;
  /** Protocol-6 nested attributes (an object, or a collection of objects). */
  readonly nested_type?: {
    readonly attributes: Readonly<Record<string, SchemaAttribute>>;
    readonly nesting_mode: "single" | "list" | "set" | "map";
  };
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
}

/** A nested block type. */
export interface SchemaBlockType {
  readonly nesting_mode: "single" | "group" | "list" | "set" | "map";
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

/** A block: attributes and nested block types. */
export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<Record<string, SchemaBlockType>>;
}

/** The schema of one provider. */
export interface SingleProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas?: Readonly<Record<string, { readonly block: SchemaBlock }>>;
  readonly data_source_schemas?: Readonly<Record<string, { readonly block: SchemaBlock }>>;
}

/** The output of `terraform providers schema -json`. */
export interface ProviderSchema {
  readonly format_version: string;
  /** By provider address, e.g. `registry.terraform.io/kevholditch/kong`. */
  readonly provider_schemas: Readonly<Record<string, SingleProviderSchema>>;
  /** By provider address, e.g. `{"registry.terraform.io/kevholditch/kong": "6.5.1"}`. */
  readonly provider_versions?: Readonly<Record<string, string>>;
}

/** The schema of `kevholditch/kong` 6.5.1 committed in the project. */
export const kongProviderSchema = kongProviderSchemaJson as unknown as ProviderSchema;
