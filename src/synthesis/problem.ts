/** One error found in the construct tree: an error annotation or a failed validation. */
export interface SynthesisProblem {
  /** The construct's path, e.g. `prod/kong/orders/get-order`. */
  readonly path: string;
  readonly message: string;
}
