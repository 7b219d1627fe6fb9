import type { RoleDefinition } from "avro-kong";

/** The one mapping from the identity provider's (Okta) groups to the shop's roles. */
export const roles: Readonly<Record<string, RoleDefinition>> = {
  "orders-writer": { idpGroups: ["Shop-Orders-Writers"], description: "place and cancel orders" },
  "orders-reader": {
    idpGroups: ["Shop-Orders-Readers", "Shop-Support"],
    description: "read orders",
  },
  "payments-writer": { idpGroups: ["Shop-Checkout"], description: "request payments" },
  "payments-callback": { idpGroups: ["Shop-PSP-Partners"], description: "report payment outcomes" },
  "customers-writer": {
    idpGroups: ["Shop-Customer-Service", "Shop-Storefront"],
    description: "register and update customers",
  },
  "customers-reader": { idpGroups: ["Shop-Support"], description: "read customer profiles" },
  "catalog-editor": {
    idpGroups: ["Shop-Merchandising"],
    description: "edit categories and products",
  },
  "catalog-reader": {
    idpGroups: ["Shop-Storefront", "Shop-Partners"],
    description: "read the catalog",
  },
};
