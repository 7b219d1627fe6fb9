import {
  DefaultTokenResolver,
  StringConcat,
  Tokenization,
  TerraformProvider,
  TerraformResource,
  TerraformVariable,
  type TerraformElement,
  type TerraformStack,
} from "cdktf";
import { isObject } from "../common";
import { CREDENTIAL_RESOURCE_TYPES, isKongEntityType } from "./resource-types";

type Json = Record<string, unknown>;

// The resolver cdktf synthesizes with: references become `${var.name}`, `${kong_consumer.x.id}`.
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Merges one element's Terraform JSON into `into`: blocks by name, provider lists appended. */
function merge(into: Json, part: Json): void {
  for (const [key, value] of Object.entries(part)) {
    const existing = into[key];
    if (Array.isArray(existing) && Array.isArray(value)) existing.push(...(value as unknown[]));
    else if (isObject(existing) && isObject(value)) merge(existing, value);
    else into[key] = value;
  }
}

/**
 * The parts of a stack that can hold a credential, as Terraform will see them: the providers,
 * the variables, and the Kong entities, each on its own, never the whole stack. Those with
 * credential attributes are resolved; the others (routes, services, upstreams, …) are read as
 * written, since only their literal strings (names, tags, `custom_id`) can hold a credential and
 * resolving every one would cost a good part of synth. A resource `isChecked` says was judged
 * already (a plugin whose config is the one checked when it was created) is left out; one
 * written through an escape hatch, or changed or overridden since, is in. The caller decides
 * what counts as checked, so this folder knows nothing of the constructs.
 */
export function credentialView(
  stack: TerraformStack,
  isChecked: (resource: TerraformResource) => boolean = () => false,
): Json {
  const view: Json = {};
  const credentialTypes = new Set(CREDENTIAL_RESOURCE_TYPES);
  const add = (element: TerraformElement, resolve = true) => {
    const json = element.toTerraform();
    merge(
      view,
      (resolve ? Tokenization.resolve(json, { scope: stack, resolver: RESOLVER }) : json) as Json,
    );
  };
  for (const node of stack.node.findAll()) {
    if (node instanceof TerraformVariable || node instanceof TerraformProvider) add(node);
    else if (node instanceof TerraformResource && isKongEntityType(node.terraformResourceType)) {
      if (!isChecked(node)) add(node, credentialTypes.has(node.terraformResourceType));
    }
  }
  return view;
}
