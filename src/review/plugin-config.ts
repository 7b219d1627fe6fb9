import { readJsonText } from "../avro";
import type { Json } from "./model";

/**
 * A plugin's `config_json` as the review reads it: by the strict JSON reader, so that a config
 * nested too deep, or with a key repeated (Kong keeps the last, and a reviewer would be shown one
 * value while another hides), is not taken apart. Undefined when it cannot be read that way;
 * it is then shown only as a whole.
 */
export function parsePluginConfig(text: string): Json | undefined {
  const read = readJsonText(text);
  return "problem" in read ? undefined : (read.value as Json);
}
