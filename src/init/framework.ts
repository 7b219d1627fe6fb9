/** What differs between a project on CDK for Terraform and one on CDK Terrain. */
export interface Framework {
  readonly name: "cdktf" | "cdktn";
  /** The command line's name, as `npx <cli> synth` runs it. */
  readonly cli: string;
  /** The Node.js major version the workflows run. */
  readonly nodeVersion: number;
  /** The development dependencies a project on it needs, besides TypeScript. */
  readonly devDependencies: Readonly<Record<string, string>>;
  /** `engines.node` of the project, when the framework's CLI needs more than avro-kong. */
  readonly engines?: string;
}

export const FRAMEWORKS: Readonly<Record<Framework["name"], Framework>> = {
  cdktf: {
    name: "cdktf",
    cli: "cdktf",
    nodeVersion: 20,
    devDependencies: { cdktf: "0.21.0", "cdktf-cli": "0.21.0", constructs: "10.4.2" },
  },
  // CDK Terrain under the name cdktf: code that imports "cdktf", avro-kong's included, runs on
  // it unchanged. cdktn 0.24 takes constructs >= 10.6 < 10.8; its CLI needs Node.js >= 22.19.
  cdktn: {
    name: "cdktn",
    cli: "cdktn",
    nodeVersion: 22,
    devDependencies: { cdktf: "npm:cdktn@0.24.0", "cdktn-cli": "0.24.0", constructs: "10.7.2" },
    engines: ">=22.19",
  },
};

export const FRAMEWORK_NAMES = Object.keys(FRAMEWORKS) as Framework["name"][];
