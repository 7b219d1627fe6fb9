export { validatePayload, isValidPayload, MAX_REPORTED_ERRORS } from "./validate";
export { validatePayloadText } from "./text";
