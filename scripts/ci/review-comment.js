"use strict";
// Posts the plan review that the "Pull request" workflow uploaded as one pull-request comment,
// edited in place on later pushes. It runs in .github/workflows/pull-request-comment.yml, from
// the default branch, with a token that may write comments; everything in the artifact was made
// by the pull request's code, so it is read as untrusted data: regular files of bounded size,
// a pull-request number of digits only, a review posted only while that pull request's head is
// the commit the review ran on, and no way for its text to pass for the bot's own marker.
const fs = require("fs");
const path = require("path");
const { Buffer } = require("buffer");

const MARKER = "<!-- avro-kong-review -->";
/** GitHub refuses a comment longer than this many characters. */
const COMMENT_LIMIT = 65536;
const REVIEW_LIMIT = 1024 * 1024;
const NUMBER_LIMIT = 32;
const BOT_LOGIN = "github-actions[bot]";

/**
 * The text of `name` in `dir`, or a reason it is not taken: it must be a regular file (no
 * symlink, FIFO or device) of at most `limit` bytes. Opened without following links and checked
 * on the open descriptor, so nothing can swap it between the check and the read.
 */
function readArtifactFile(dir, name, limit) {
  const file = path.join(dir, name);
  let fd;
  try {
    fd = fs.openSync(
      file,
      fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK,
    );
  } catch (error) {
    return { error: `${name} cannot be opened (${error.code || "error"})` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: `${name} is not a regular file` };
    if (stat.size > limit) return { error: `${name} is larger than ${limit} bytes` };
    const buffer = Buffer.alloc(limit + 1);
    const length = fs.readSync(fd, buffer, 0, limit + 1, 0);
    if (length > limit) return { error: `${name} is larger than ${limit} bytes` };
    return { text: buffer.subarray(0, length).toString("utf8") };
  } finally {
    fs.closeSync(fd);
  }
}

/** The pull-request number the artifact names: decimal digits only, nothing else. */
function parsePullNumber(text) {
  const trimmed = text.trim();
  if (!/^[1-9][0-9]{0,9}$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** The review with any copy of the marker (or of its start) made harmless, to be quoted safely. */
function neutralise(text) {
  return text.split("<!-- avro-kong-review").join("&lt;!-- avro-kong-review");
}

/**
 * The comment's body: the marker, then the review (its own leading marker dropped, any other
 * copy neutralised), cut so that the whole stays within GitHub's limit.
 */
function commentBody(review, limit = COMMENT_LIMIT) {
  const text = neutralise(review.startsWith(MARKER) ? review.slice(MARKER.length) : review);
  const head = `${MARKER}\n`;
  const whole = head + text.replace(/^\n/, "");
  if (whole.length <= limit) return whole;
  const note =
    "\n\n… (cut: the review is longer than a comment holds; the workflow run has it all)\n";
  let end = limit - note.length;
  // Never leave half of a surrogate pair at the cut.
  const code = whole.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return whole.slice(0, end) + note;
}

/** The bot's own review comment: written by the bot AND starting with the marker. */
function findOwnComment(comments, login = BOT_LOGIN) {
  return comments.find(
    (c) =>
      c.user &&
      c.user.login === login &&
      c.user.type === "Bot" &&
      typeof c.body === "string" &&
      c.body.startsWith(MARKER),
  );
}

/**
 * Whether the pull request the artifact names is still at the commit the run reviewed (a
 * pull request's own run can name any number; only the head SHA ties the two together).
 */
async function stillAtReviewedCommit({ github, context, dir }) {
  const run = context.payload.workflow_run;
  const number = readArtifactFile(dir, "pr-number", NUMBER_LIMIT);
  if (number.error) return { ok: false, reason: `The review artifact's ${number.error}.` };
  const pullNumber = parsePullNumber(number.text);
  if (pullNumber === undefined)
    return { ok: false, reason: "The review artifact names no pull request." };
  const { owner, repo } = context.repo;
  const { data: pull } = await github.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  if (pull.head.sha !== run.head_sha) {
    return {
      ok: false,
      reason: `Pull request #${pullNumber} is no longer at ${run.head_sha}, the commit reviewed.`,
    };
  }
  return { ok: true, pullNumber };
}

/** Posts (or updates) the comment; returns whether it did, and why, in one sentence. */
async function post({ github, context, dir }) {
  const current = await stillAtReviewedCommit({ github, context, dir });
  if (!current.ok) return { posted: false, reason: `${current.reason} Not posted.` };
  const { pullNumber } = current;
  const review = readArtifactFile(dir, "review.md", REVIEW_LIMIT);
  if (review.error) return { posted: false, reason: `The review artifact's ${review.error}.` };
  const body = commentBody(review.text);
  const { owner, repo } = context.repo;
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: pullNumber,
    per_page: 100,
  });
  const mine = findOwnComment(comments);
  if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
  else await github.rest.issues.createComment({ owner, repo, issue_number: pullNumber, body });
  return { posted: true, reason: `Review ${mine ? "updated" : "posted"} on #${pullNumber}.` };
}

module.exports = {
  MARKER,
  COMMENT_LIMIT,
  BOT_LOGIN,
  readArtifactFile,
  parsePullNumber,
  neutralise,
  commentBody,
  findOwnComment,
  stillAtReviewedCommit,
  post,
};
