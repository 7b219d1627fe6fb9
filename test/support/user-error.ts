import { UserError, ValidationError } from "../../src/common";

/** The UserError `run` throws; fails the test when it throws anything else, or nothing. */
export function userErrorOf(run: () => unknown): UserError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  if (thrown instanceof UserError) return thrown;
  throw new Error(
    thrown === undefined
      ? "expected a UserError, but nothing was thrown"
      : `expected a UserError, got ${thrown instanceof Error ? thrown.stack : String(thrown)}`,
  );
}

/** The ValidationError `run` throws: a construct's refusal, which carries the construct's path. */
export function validationErrorOf(run: () => unknown): ValidationError {
  const error = userErrorOf(run);
  if (error instanceof ValidationError) return error;
  throw new Error(`expected a ValidationError, got a UserError without a path: ${error.message}`);
}
