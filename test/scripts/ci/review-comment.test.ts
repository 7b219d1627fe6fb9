import { execFileSync, spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { createRequire } from "module";
import { tmpdir } from "os";
import { join } from "path";

interface Comment {
  id: number;
  body?: string;
  user?: { login: string; type: string };
}
interface Poster {
  MARKER: string;
  COMMENT_LIMIT: number;
  readArtifactFile(dir: string, name: string, limit: number): { text?: string; error?: string };
  parsePullNumber(text: string): number | undefined;
  commentBody(review: string, limit?: number): string;
  findOwnComment(comments: Comment[]): Comment | undefined;
  post(options: {
    github: unknown;
    context: unknown;
    dir: string;
  }): Promise<{ posted: boolean; reason: string }>;
}

const SCRIPTS = join(__dirname, "..", "..", "..", "scripts", "ci");
const poster = createRequire(__filename)(join(SCRIPTS, "review-comment.js")) as Poster;
const { MARKER } = poster;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "review-artifact-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the review artifact, read as untrusted data", () => {
  it("is read when it is a regular file within its limit", () => {
    writeFileSync(join(dir, "review.md"), "hello");
    expect(poster.readArtifactFile(dir, "review.md", 5)).toEqual({ text: "hello" });
    expect(poster.readArtifactFile(dir, "review.md", 4)).toEqual({
      error: "review.md is larger than 4 bytes",
    });
  });

  it("is refused when it is a symlink, a FIFO or a device, without waiting on it", () => {
    writeFileSync(join(dir, "secret"), "token");
    symlinkSync(join(dir, "secret"), join(dir, "link"));
    symlinkSync("/dev/zero", join(dir, "zero"));
    execFileSync("mkfifo", [join(dir, "fifo")]);
    expect(poster.readArtifactFile(dir, "link", 100).error).toBe("link cannot be opened (ELOOP)");
    expect(poster.readArtifactFile(dir, "zero", 100).error).toBe("zero cannot be opened (ELOOP)");
    expect(poster.readArtifactFile(dir, "fifo", 100).error).toBe("fifo is not a regular file");
    mkdirSync(join(dir, "folder"));
    expect(poster.readArtifactFile(dir, "folder", 100).error).toBe("folder is not a regular file");
  });

  it("names a pull request by decimal digits only", () => {
    expect(poster.parsePullNumber("42\n")).toBe(42);
    for (const text of ["", "0", "-1", "4e2", "0x2a", "42; rm", "1".repeat(11), "٤٢"]) {
      expect(poster.parsePullNumber(text)).toBeUndefined();
    }
  });
});

describe("the comment body", () => {
  it("starts with the marker once; a marker inside the review is neutralised", () => {
    const body = poster.commentBody(`${MARKER}\n# Review\n${MARKER} <!-- avro-kong-review-x -->\n`);
    expect(body.startsWith(`${MARKER}\n# Review\n`)).toBe(true);
    expect(body.split(MARKER)).toHaveLength(2);
    expect(body).not.toContain("<!-- avro-kong-review-x");
  });

  it("stays within GitHub's 65,536 characters and says it was cut", () => {
    const body = poster.commentBody("x".repeat(100000));
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body).toMatch(/cut: the review is longer than a comment holds/);
    expect(poster.commentBody("short").length).toBeLessThan(100);
  });

  it("never cuts a character in half", () => {
    const body = poster.commentBody("😀".repeat(40000), 1000);
    expect(body.length).toBeLessThanOrEqual(1000);
    expect(Buffer.from(body, "utf8").toString("utf8")).toBe(body);
  });
});

describe("the bot's own comment", () => {
  const bot = { login: "github-actions[bot]", type: "Bot" };
  it("is found by its author and its marker, not by either alone", () => {
    const comments: Comment[] = [
      { id: 1, body: `${MARKER} from a person`, user: { login: "mallory", type: "User" } },
      { id: 2, body: "another bot comment", user: bot },
      { id: 3, body: `${MARKER} from another bot`, user: { login: "other[bot]", type: "Bot" } },
      { id: 4, body: `${MARKER}\nours`, user: bot },
    ];
    expect(poster.findOwnComment(comments)?.id).toBe(4);
    expect(poster.findOwnComment(comments.slice(0, 3))).toBeUndefined();
  });
});

describe("posting", () => {
  const calls: string[] = [];
  const github = (headSha: string, comments: Comment[]) => ({
    rest: {
      pulls: { get: () => Promise.resolve({ data: { head: { sha: headSha } } }) },
      issues: {
        listComments: "listComments",
        updateComment: (a: { comment_id: number }) => calls.push(`update ${a.comment_id}`),
        createComment: (a: { issue_number: number }) => calls.push(`create on ${a.issue_number}`),
      },
    },
    paginate: () => Promise.resolve(comments),
  });
  const context = {
    repo: { owner: "o", repo: "r" },
    payload: { workflow_run: { head_sha: "abc" } },
  };
  beforeEach(() => {
    calls.length = 0;
    writeFileSync(join(dir, "pr-number"), "7\n");
    writeFileSync(join(dir, "review.md"), `${MARKER}\nreview`);
  });

  it("creates the comment, or edits the bot's own", async () => {
    expect(await poster.post({ github: github("abc", []), context, dir })).toEqual({
      posted: true,
      reason: "Review posted on #7.",
    });
    const ours = {
      id: 9,
      body: `${MARKER}\nold`,
      user: { login: "github-actions[bot]", type: "Bot" },
    };
    await poster.post({ github: github("abc", [ours]), context, dir });
    expect(calls).toEqual(["create on 7", "update 9"]);
  });

  it("drops the review when the pull request it names is at another commit", async () => {
    const result = await poster.post({ github: github("def", []), context, dir });
    expect(result).toEqual({
      posted: false,
      reason: "Pull request #7 is no longer at abc, the commit reviewed. Not posted.",
    });
    expect(calls).toEqual([]);
  });

  it("drops an artifact that names no pull request", async () => {
    writeFileSync(join(dir, "pr-number"), "7 8");
    expect((await poster.post({ github: github("abc", []), context, dir })).reason).toBe(
      "The review artifact names no pull request. Not posted.",
    );
  });
});

describe("stacks-of-environment.js on a pull request's stacks", () => {
  const run = (outdir: string) =>
    spawnSync(process.execPath, [join(SCRIPTS, "stacks-of-environment.js"), "dev", outdir], {
      encoding: "utf8",
      timeout: 5000,
    });

  it("lists an environment's stacks", () => {
    mkdirSync(join(dir, "stacks", "dev"), { recursive: true });
    writeFileSync(join(dir, "stacks", "dev", "cdk.tf.json"), "{}");
    writeFileSync(
      join(dir, "manifest.json"),
      JSON.stringify({
        stacks: {
          dev: { synthesizedStackPath: "stacks/dev/cdk.tf.json", workingDirectory: "stacks/dev" },
        },
      }),
    );
    expect(run(dir)).toMatchObject({ status: 0, stdout: `${join(dir, "stacks", "dev")}\n` });
  });

  it("refuses paths out of the stacks and files that are not regular", () => {
    writeFileSync(
      join(dir, "manifest.json"),
      JSON.stringify({ stacks: { dev: { synthesizedStackPath: "../../etc/passwd" } } }),
    );
    expect(run(dir)).toMatchObject({
      status: 2,
      stderr: `../../etc/passwd is not inside ${dir}.\n`,
    });
    rmSync(join(dir, "manifest.json"));
    symlinkSync("/dev/zero", join(dir, "manifest.json"));
    expect(run(dir)).toMatchObject({
      status: 2,
      stderr: `${join(dir, "manifest.json")}: manifest.json cannot be opened (ELOOP).\n`,
    });
  });
});
