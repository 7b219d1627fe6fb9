/**
 * `avro-kong import deck`: a decK state file (what `deck gateway dump --with-id` writes) turned
 * into a TypeScript module of constructs, the Terraform imports that adopt the running entities,
 * the variables its secrets become, and everything that could not be carried over exactly.
 * Pure: text in, text and lists out; the command writes the file.
 */
import { UserError } from "../common";
import { readDeckFile } from "./deck";
import { generateModule } from "./generate";
import type { ImportReport } from "./report";

export { readDeckFile } from "./deck";
export { formatReport } from "./format";
export type { ImportReport } from "./report";

export interface ImportOptions {
  /** The `<Name>` of `declare<Name>`. @default from the file's name, e.g. `kong.yaml` → `Kong` */
  readonly name?: string;
}

/** Reads decK text (`file` names it in messages) and generates the module and its report. */
export function importDeck(text: string, file: string, options: ImportOptions = {}): ImportReport {
  const name = moduleName(options.name ?? baseName(file), options.name !== undefined);
  return generateModule(readDeckFile(text, file), name);
}

function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.(ya?ml|json)$/i, "");
}

/** `kong-prod` → `KongProd`; a given --name must already be such a name. */
function moduleName(raw: string, given: boolean): string {
  const pascal = raw
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
  if (given && !/^[A-Za-z][A-Za-z0-9]*$/.test(raw))
    throw new UserError(
      `--name ${JSON.stringify(raw.slice(0, 80))} is not a name for declare<Name>; expected letters and digits, starting with a letter, e.g. Shop.`,
    );
  if (!/^[A-Z]/.test(pascal)) return `Kong${pascal}`;
  return pascal;
}
