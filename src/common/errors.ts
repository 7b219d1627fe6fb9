/**
 * A mistake in the user's input (a schema, a payload, a pin file, a construct prop).
 * The command line prints `message` as one sentence and exits 2; it never prints a stack.
 */
export class UserError extends Error {
  /** Repository-relative file the mistake is in, when there is one. */
  readonly file?: string;
  /** JSON Pointer (RFC 6901) inside that file, when known. */
  readonly pointer?: string;

  constructor(message: string, location: { file?: string; pointer?: string } = {}) {
    super(message);
    this.name = "UserError";
    this.file = location.file;
    this.pointer = location.pointer;
  }
}

/** Escapes one reference token of a JSON Pointer (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Appends reference tokens to a JSON Pointer. */
export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  return base + tokens.map((t) => "/" + escapePointerToken(t)).join("");
}

/** What a `ValidationError` needs of a construct: its path in the tree. */
interface ConstructLike {
  readonly node: { readonly path: string };
}

/**
 * A user mistake found in a construct (a prop, a guardrail, a plugin): like aws-cdk's
 * `ValidationError(message, scope)`, it carries the construct's path, and is reported as
 * `path: message`, one sentence without a stack.
 */
export class ValidationError extends UserError {
  readonly constructPath: string;

  constructor(message: string, scope: ConstructLike) {
    super(message);
    this.name = "ValidationError";
    this.constructPath = scope.node.path;
  }
}
