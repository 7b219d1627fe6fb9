#!/usr/bin/env node
// `npm run render-reviews [-- OUTDIR]`: the routine and the risky sample review (the ones
// test/review/rendering.test.ts checks) rendered as GitHub renders a comment and photographed by
// Debian's headless Chromium, into docs/images/ (the README shows them) or OUTDIR. Emoji need a
// colour emoji font (Debian's fonts-noto-color-emoji); without one they show as boxes.
"use strict";
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require("fs");
const { tmpdir } = require("os");
const path = require("path");

process.env.CHECKPOINT_DISABLE = "1";
require("../test/support/register-ts.js");
const samples = require("../test/review/sample-reviews.ts");
const { renderMarkdown } = require("../src/review/index.ts");
const { githubPage, renderGithubMarkdown } = require("../test/support/github-markdown.ts");
const { screenshot } = require("../test/support/chromium.ts");

/** Each picture: its file, the review, and the window (the top of the comment at that size). */
const PICTURES = [
  { file: "review-routine.png", review: samples.routineReview, width: 1150, height: 960 },
  { file: "review-risky.png", review: samples.riskyReview, width: 1150, height: 1240 },
];

const outdir = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "docs", "images"));
mkdirSync(outdir, { recursive: true });
const scratch = mkdtempSync(path.join(tmpdir(), "avro-kong-render-reviews-"));
try {
  for (const { file, review, width, height } of PICTURES) {
    const page = path.join(scratch, `${file}.html`);
    writeFileSync(page, githubPage(file, [renderGithubMarkdown(renderMarkdown(review()))]));
    screenshot(page, path.join(outdir, file), width, height);
    console.log(path.join(outdir, file));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
