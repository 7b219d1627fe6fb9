import type { PrimitiveType } from "./model";

export const PRIMITIVE_TYPES: readonly PrimitiveType[] = [
  "null",
  "boolean",
  "int",
  "long",
  "float",
  "double",
  "bytes",
  "string",
];

export function isPrimitiveType(name: string): name is PrimitiveType {
  return (PRIMITIVE_TYPES as readonly string[]).includes(name);
}

const NAME_PART = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A simple name (record, enum, field name, enum symbol): `[A-Za-z_][A-Za-z0-9_]*`. */
export function isValidSimpleName(name: string): boolean {
  return NAME_PART.test(name);
}

/** A full name or namespace: simple names joined by dots; the empty namespace is allowed. */
export function isValidFullName(name: string): boolean {
  return name.split(".").every((part) => NAME_PART.test(part));
}

export function isValidNamespace(namespace: string): boolean {
  return namespace === "" || isValidFullName(namespace);
}

/** The namespace part of a full name ("" when it has none). */
export function namespaceOf(fullName: string): string {
  const dot = fullName.lastIndexOf(".");
  return dot < 0 ? "" : fullName.slice(0, dot);
}

/** A name as written, made full against the namespace in effect (dotted names are already full). */
export function qualify(name: string, namespace: string): string {
  return name.includes(".") || namespace === "" ? name : `${namespace}.${name}`;
}
