import { Construct } from "constructs";

/** A module whose report the API report's own test knows by heart. */

export interface Options {
  readonly size?: number;
  readonly name: string;
}

export type Mode = "a" | "b";

export class Widget extends Construct {
  static readonly KIND = "widget";
  readonly options: Options;
  private readonly secret = 1;
  constructor(scope: Construct, id: string, options: Options) {
    super(scope, id);
    this.options = options;
    void this.secret;
  }
  /** @internal An internal hook, underscore-prefixed: not in the report. */
  _hook(): void {}
  resize(size: number): Widget {
    return new Widget(this, `${size}`, { ...this.options, size });
  }
}

export function widgets(mode: Mode): readonly Widget[] {
  return mode === "a" ? [] : [];
}

export const DEFAULT_MODE: Mode = "a";
