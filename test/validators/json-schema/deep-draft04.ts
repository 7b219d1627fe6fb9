import { Worker } from "worker_threads";
import type { JsonSchemaDocument } from "../../../src/validators";

/**
 * ajv compiles a document by recursion, a few frames per level of `$ref`s and nested keywords:
 * the documents of the deepest schemas the loader accepts exhaust Node's default stack inside
 * ajv itself (a 333-record chain does). Such documents are validated in a worker thread with a
 * larger stack; the validator is the same ajv-draft-04.
 */
const WORKER = `
const { parentPort, workerData } = require("worker_threads");
const Ajv = require(workerData.ajv);
const validate = new Ajv({ ownProperties: true, strict: true }).compile(workerData.document);
parentPort.postMessage(workerData.payloads.map((text) => validate(JSON.parse(text))));
`;

/** Whether each payload (JSON text) is valid against the document, in ajv-draft-04. */
export function validateDeepDocument(
  document: JsonSchemaDocument,
  payloads: readonly string[],
): Promise<boolean[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { ajv: require.resolve("ajv-draft-04"), document, payloads },
      resourceLimits: { stackSizeMb: 16 },
    });
    worker.once("message", (verdicts: boolean[]) => {
      resolve(verdicts);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}
