import type { TerraformType } from "./provider-schema";

/** A Terraform type in HCL syntax: `string`, `list(string)`, `object({a=number})`. */
export function typeToString(type: TerraformType): string {
  if (typeof type === "string") return type;
  switch (type[0]) {
    case "list":
    case "set":
    case "map":
      return `${type[0]}(${typeToString(type[1])})`;
    case "object":
      return `object({${Object.entries(type[1])
        .map(([k, v]) => `${k}=${typeToString(v)}`)
        .join(", ")}})`;
    case "tuple":
      return `tuple([${type[1].map(typeToString).join(", ")}])`;
  }
}
