import { existsSync } from "fs";
import { dirname, join, resolve } from "path";

/** What marks a project's root: cdktf runs there, and promotion reads its order from there. */
const ROOT_MARKERS = ["cdktf.json", join("stacks", "promotion.json")];

/**
 * The project root for a command run in `cwd`: the nearest folder, `cwd` or one above it, that
 * holds `cdktf.json` or `stacks/promotion.json`, as git finds its repository from any folder
 * inside it. Without one, `cwd` itself (a folder of schemas alone is a registry too).
 */
export function findProjectRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (ROOT_MARKERS.some((marker) => existsSync(join(dir, marker)))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}
