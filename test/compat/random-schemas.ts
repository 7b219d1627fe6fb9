/**
 * Seeded random Avro schemas, and small edits of them, for comparing verdicts with another
 * implementation. No namespaces and no logical types: there the two are meant to differ.
 */

type Json = unknown;
type Obj = Record<string, unknown>;

export class RandomSchemas {
  private state: number;

  constructor(seed: number) {
    this.state = seed;
  }

  private next(): number {
    this.state = (this.state * 1103515245 + 12345) % 2147483648;
    return this.state / 2147483648;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** A schema up to `depth` levels deep over a small set of names, so that names recur. */
  schema(depth: number, defined = new Set<string>(), unionAllowed = true): Json {
    const r = this.next();
    if (depth <= 0 || r < 0.35) return this.pick(PRIMITIVES);
    if (r < 0.45) return { type: "array", items: this.schema(depth - 1, defined) };
    if (r < 0.52) return { type: "map", values: this.schema(depth - 1, defined) };
    if (r < 0.65 && unionAllowed) return this.union(depth, defined);
    if (r < 0.75) return this.named("enum", ["E1", "E2"], defined, (name) => this.enumOf(name));
    if (r < 0.82)
      return this.named("fixed", ["F1", "F2"], defined, (name) => ({
        type: "fixed",
        name,
        size: this.pick([2, 4]),
      }));
    return this.named("record", ["R1", "R2", "R3"], defined, (name) =>
      this.recordOf(name, depth, defined),
    );
  }

  private named(
    _kind: string,
    names: readonly string[],
    defined: Set<string>,
    make: (name: string) => Json,
  ): Json {
    const name = this.pick(names);
    if (defined.has(name)) return name;
    defined.add(name);
    return make(name);
  }

  private union(depth: number, defined: Set<string>): Json {
    const branches: Json[] = [];
    const keys = new Set<string>();
    for (let i = 1 + Math.floor(this.next() * 3); i > 0; i--) {
      const branch = this.schema(depth - 1, defined, false);
      const key =
        typeof branch === "string" ? branch : String((branch as Obj).name ?? (branch as Obj).type);
      if (keys.has(key)) continue;
      keys.add(key);
      branches.push(branch);
    }
    return branches;
  }

  private enumOf(name: string): Json {
    const symbols = ["A", "B", "C"].filter(() => this.next() < 0.7);
    if (symbols.length === 0) symbols.push("A");
    return this.next() < 0.3
      ? { type: "enum", name, symbols, default: symbols[0] }
      : { type: "enum", name, symbols };
  }

  private recordOf(name: string, depth: number, defined: Set<string>): Json {
    const fields: Obj[] = [];
    for (const field of ["a", "b", "c"]) {
      if (this.next() < 0.4) continue;
      const type = this.schema(depth - 1, defined);
      const first = Array.isArray(type) ? type[0] : type;
      const withDefault = this.next() < 0.3 && typeof first === "string" && first in DEFAULTS;
      fields.push(
        withDefault
          ? { name: field, type, default: DEFAULTS[first as string] }
          : { name: field, type },
      );
    }
    return { type: "record", name, fields };
  }

  /** The schema with one or two edits a schema author might make between versions. */
  edit(schema: Json): Json {
    const root: Obj = { v: structuredClone(schema) };
    const slots: Array<[Obj | Json[], string | number]> = [];
    const walk = (holder: Obj | Json[], key: string | number): void => {
      slots.push([holder, key]);
      const v = (holder as Obj)[key as string];
      if (Array.isArray(v)) v.forEach((_b, i) => walk(v, i));
      else if (typeof v === "object" && v !== null) {
        const o = v as Obj;
        if (o.items !== undefined) walk(o, "items");
        if (o.values !== undefined) walk(o, "values");
        if (Array.isArray(o.fields)) (o.fields as Obj[]).forEach((f) => walk(f, "type"));
      }
    };
    walk(root, "v");
    for (let n = 1 + Math.floor(this.next() * 2); n > 0; n--) {
      const [holder, key] = this.pick(slots);
      this.editSlot(holder as Obj, key as string, n);
    }
    return root.v;
  }

  private editSlot(holder: Obj, key: string, n: number): void {
    const v = holder[key];
    if (typeof v === "string" && v in OTHER_PRIMITIVE && this.next() < 0.7)
      holder[key] = this.pick(OTHER_PRIMITIVE[v]);
    else if (typeof v === "string") holder[key] = ["null", v];
    else if (Array.isArray(v)) {
      if (v.length > 1 && this.next() < 0.5) v.splice(Math.floor(this.next() * v.length), 1);
      else if (!v.includes("null")) v.unshift("null");
    } else if (typeof v === "object" && v !== null) {
      const o = v as Obj;
      if (o.type === "enum") this.editEnum(o);
      else if (o.type === "fixed") o.size = o.size === 2 ? 4 : 2;
      else if (o.type === "record") this.editRecord(o.fields as Obj[], n);
      else holder[key] = ["null", v];
    }
  }

  private editEnum(o: Obj): void {
    const symbols = o.symbols as string[];
    if (this.next() < 0.5 && symbols.length > 1) {
      const removed = symbols.pop();
      if (o.default === removed) delete o.default;
    } else if (!symbols.includes("D")) symbols.push("D");
    if (this.next() < 0.3) o.default = symbols[0];
  }

  private editRecord(fields: Obj[], n: number): void {
    const r = this.next();
    if (r < 0.3 && fields.length > 0) fields.splice(Math.floor(this.next() * fields.length), 1);
    else if (r < 0.6)
      fields.push(
        this.next() < 0.5
          ? { name: `n${n}`, type: "int", default: 0 }
          : { name: `n${n}`, type: "int" },
      );
    else if (fields.length > 0) {
      const field = this.pick(fields);
      field.aliases = [field.name];
      field.name = `${String(field.name)}_renamed`;
    }
  }

  coin(): boolean {
    return this.next() < 0.5;
  }
}

const PRIMITIVES = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];
const DEFAULTS: Readonly<Record<string, unknown>> = {
  null: null,
  boolean: true,
  int: 1,
  long: 1,
  float: 1,
  double: 1,
  bytes: "",
  string: "",
};
const OTHER_PRIMITIVE: Readonly<Record<string, readonly string[]>> = {
  int: ["long", "float", "double"],
  long: ["int", "float", "double"],
  float: ["int", "double"],
  double: ["float"],
  string: ["bytes"],
  bytes: ["string"],
  null: ["boolean"],
  boolean: ["null"],
};
