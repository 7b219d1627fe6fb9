import type { App } from "cdktf";
import { UserError, ValidationError } from "../common";
import type { SynthesisProblem } from "./problem";

/** The parts of an app that failed to build, by app: `runApp` reports them after the others. */
const failedParts = new WeakMap<App, SynthesisProblem[]>();

/**
 * Builds each part of `app` (an environment and its stacks) on its own: a mistake (`UserError`)
 * while building one part, such as its unreadable pins file, fails that part only, as one
 * problem named after it, and whatever that part had added to the app is taken out again; the
 * other parts are built and synthesized (`runApp` then writes them and exits 1). A hotfix to
 * prod does not wait for dev's broken pin. Anything other than a `UserError` is a bug and stops
 * the whole app.
 */
export function buildEach(app: App, parts: readonly string[], build: (part: string) => void): void {
  for (const part of parts) {
    const before = new Set(app.node.children.map((c) => c.node.id));
    try {
      build(part);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      for (const child of app.node.children)
        if (!before.has(child.node.id)) app.node.tryRemoveChild(child.node.id);
      const path = error instanceof ValidationError ? error.constructPath : part;
      failedParts.set(app, [...partsFailed(app), { path, message: error.message }]);
    }
  }
}

/** The problems of the parts of `app` that `buildEach` could not build, in building order. */
export function partsFailed(app: App): readonly SynthesisProblem[] {
  return failedParts.get(app) ?? [];
}
