import type { AvroSchema, RecordSchema } from "../../avro";

function children(schema: AvroSchema): readonly AvroSchema[] {
  switch (schema.kind) {
    case "record":
      return schema.fields.map((f) => f.type);
    case "array":
      return [schema.items];
    case "map":
      return [schema.values];
    case "union":
      return schema.branches;
    default:
      return [];
  }
}

/**
 * Records that can contain themselves: only they need the depth guard. They are the records in
 * a cycle of the schema graph, found as its strongly connected components (Tarjan's algorithm,
 * with an explicit stack): linear in the schema and free of recursion, whatever its depth.
 */
export function recursiveRecords(root: AvroSchema): Set<RecordSchema> {
  const index = new Map<AvroSchema, number>();
  const low = new Map<AvroSchema, number>();
  const open: AvroSchema[] = [];
  const onOpen = new Set<AvroSchema>();
  const work: Array<{ node: AvroSchema; next: readonly AvroSchema[]; at: number }> = [];
  const cyclic = new Set<RecordSchema>();
  const enter = (node: AvroSchema): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    open.push(node);
    onOpen.add(node);
    work.push({ node, next: children(node), at: 0 });
  };
  enter(root);
  while (work.length > 0) {
    const frame = work[work.length - 1];
    if (frame.at < frame.next.length) {
      const child = frame.next[frame.at++];
      if (!index.has(child)) enter(child);
      else if (onOpen.has(child))
        low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
      continue;
    }
    work.pop();
    const { node } = frame;
    const parent = work[work.length - 1];
    if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(node)!));
    if (low.get(node) !== index.get(node)) continue;
    const component: AvroSchema[] = [];
    let member: AvroSchema;
    do {
      member = open.pop()!;
      onOpen.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || frame.next.includes(node)) {
      for (const m of component) if (m.kind === "record") cyclic.add(m);
    }
  }
  return cyclic;
}
