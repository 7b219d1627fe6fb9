import { isObject } from "../common";
import { MAX_JSON_DEPTH } from "./json-text";
import { isNamed, type AvroSchema, type NamedSchema } from "./model";

/**
 * How deep a schema nests written out as one JSON document with every type it uses from other
 * files (shared types) in place, and the named types along its deepest path, outermost first.
 */
export interface SchemaDepth {
  readonly depth: number;
  readonly through: readonly NamedSchema[];
}

/** A named type's depth as written where it is defined, and the next named type on its deepest path. */
interface NamedDepth {
  readonly depth: number;
  readonly next?: NamedSchema;
}

/**
 * Depths of named types already measured, so that a type defined in another file counts as a
 * leaf of known depth: measuring a file then walks that file only, and a chain of shared types
 * costs one walk per file.
 */
export type DepthMemo = WeakMap<NamedSchema, NamedDepth>;

/** An open node of the walk: its children, how many are done, and the deepest one so far. */
interface Frame {
  readonly node: AvroSchema;
  readonly children: readonly AvroSchema[];
  at: number;
  deepest: number;
  next?: NamedSchema;
}

/**
 * The JSON depth of the schema written out: a record counts 3 above its fields' types (the
 * record object, the "fields" array, the field object) and above their defaults' own nesting,
 * an array, map or union 1, an enum 2, a fixed or a logical primitive 1. A named type counts in
 * full at its first occurrence, in document order as the parser defines it, and as a name (0)
 * afterwards, as canonical form and every other walker write it; a type in `memo` counts its
 * measured depth there. So a schema in one file measures at most that file's JSON depth, and
 * the walkers never nest deeper than this. Iterative: no schema can exhaust the call stack.
 * Every named type walked is added to `memo`.
 */
export function writtenDepth(schema: AvroSchema, memo: DepthMemo = new WeakMap()): SchemaDepth {
  const seen = new Set<NamedSchema>();
  const stack: Frame[] = [];
  /** The depth of a node that needs no walk, or undefined after opening a frame for it. */
  const enter = (node: AvroSchema): { depth: number; named?: NamedSchema } | undefined => {
    if (isNamed(node)) {
      if (seen.has(node)) return { depth: 0 }; // written by name
      seen.add(node);
      const measured = memo.get(node);
      if (measured !== undefined) return { depth: measured.depth, named: node };
    }
    switch (node.kind) {
      case "primitive":
        return { depth: node.logicalType ? 1 : 0 };
      case "enum":
      case "fixed": {
        const depth = node.kind === "enum" || node.aliases.length > 0 ? 2 : 1;
        memo.set(node, { depth });
        return { depth, named: node };
      }
      case "record":
        stack.push({
          node,
          children: node.fields.map((f) => f.type),
          at: 0,
          // A default nests inside the field object as the type does; aliases are an array there.
          deepest: Math.max(
            0,
            ...node.fields.map((f) => Math.max(jsonDepth(f.default), f.aliases.length > 0 ? 1 : 0)),
          ),
        });
        return undefined;
      case "array":
        stack.push({ node, children: [node.items], at: 0, deepest: 0 });
        return undefined;
      case "map":
        stack.push({ node, children: [node.values], at: 0, deepest: 0 });
        return undefined;
      case "union":
        stack.push({ node, children: node.branches, at: 0, deepest: 0 });
        return undefined;
    }
  };
  let result = enter(schema);
  while (result === undefined) {
    const frame = stack[stack.length - 1];
    let done: { depth: number; named?: NamedSchema } | undefined;
    if (frame.at < frame.children.length) {
      done = enter(frame.children[frame.at++]);
      if (done === undefined) continue; // a frame was opened for the child
    } else {
      stack.pop();
      const depth = ownLevels(frame.node) + frame.deepest;
      const named = isNamed(frame.node) ? frame.node : undefined;
      if (named) memo.set(named, { depth, next: frame.next });
      done = { depth, named: named ?? frame.next };
      if (stack.length === 0) result = done;
    }
    const parent = stack[stack.length - 1];
    if (parent !== undefined && done.depth > parent.deepest) {
      parent.deepest = done.depth;
      parent.next = done.named;
    }
  }
  const through: NamedSchema[] = [];
  for (let t = result.named; t !== undefined; t = memo.get(t)?.next) through.push(t);
  return { depth: result.depth, through };
}

/**
 * The problem with a schema deeper than one file may be written, or undefined. `shared` tells
 * which named types come from other files: they make the path the message names.
 */
export function depthProblem(
  schema: AvroSchema,
  memo: DepthMemo,
  shared: (type: NamedSchema) => boolean,
): { readonly pointer: ""; readonly message: string } | undefined {
  const { depth, through } = writtenDepth(schema, memo);
  if (depth <= MAX_JSON_DEPTH) return undefined;
  const names = through.filter((t) => t !== schema && shared(t)).map((t) => t.name);
  const path =
    names.length <= 5
      ? names.join(" → ")
      : `${names.slice(0, 3).join(" → ")} → … → ${names[names.length - 1]}, ${names.length.toLocaleString("en-US")} shared types`;
  return {
    pointer: "",
    message:
      `written out with its shared types in place, this schema would nest ` +
      `${depth.toLocaleString("en-US")} levels deep${names.length > 0 ? ` (through ${path})` : ""}, ` +
      `more than the ${MAX_JSON_DEPTH.toLocaleString("en-US")} levels one file may have.`,
  };
}

/** Levels a node adds above its deepest child. */
function ownLevels(node: AvroSchema): number {
  // A record's empty "fields" array still nests; otherwise a field object holds the type.
  if (node.kind === "record") return node.fields.length === 0 ? 2 : 3;
  return 1; // array, map, union
}

/** How deep arrays and objects nest in a JSON value (a default), without recursion. */
function jsonDepth(value: unknown): number {
  let deepest = 0;
  const open: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = open.pop(); item !== undefined; item = open.pop()) {
    const inner = Array.isArray(item.value)
      ? (item.value as unknown[])
      : isObject(item.value)
        ? Object.values(item.value)
        : undefined;
    if (inner === undefined) continue;
    deepest = Math.max(deepest, item.depth + 1);
    for (const v of inner) open.push({ value: v, depth: item.depth + 1 });
  }
  return deepest;
}
