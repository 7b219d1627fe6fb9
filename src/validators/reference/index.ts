export { validatePayload, isValidPayload, MAX_REPORTED_ERRORS } from "./validate";
export { describeValue, jsonKind } from "./describe";
export { validatePayloadText } from "./text";
