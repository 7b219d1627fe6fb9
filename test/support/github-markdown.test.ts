import { githubPage, renderGithubMarkdown } from "./github-markdown";

describe("Markdown rendered as GitHub renders a comment", () => {
  it("has GFM tables, with the column alignment GitHub writes as align", () => {
    expect(renderGithubMarkdown("| a | b |\n|---|--:|\n| 1 | 2 |\n")).toBe(
      '<table>\n<thead>\n<tr>\n<th>a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td>1</td>\n<td align="right">2</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });

  it("keeps raw <details>, and Markdown inside it after a blank line", () => {
    expect(
      renderGithubMarkdown("<details open><summary>s</summary>\n\n- **x**\n\n</details>\n"),
    ).toBe(
      "<details open><summary>s</summary>\n<ul>\n<li><strong>x</strong></li>\n</ul>\n</details>\n",
    );
  });

  it("drops what GitHub's sanitizer drops: scripts, handlers, styles, javascript: links", () => {
    const html = renderGithubMarkdown(
      '<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(1)" style="width:1px">\n\n' +
        '<a href="javascript:alert(1)">a</a> <iframe src="https://example.invalid"></iframe>\n',
    );
    expect(html).toBe('\n<img src="x.png" />\n<p><a>a</a> </p>\n');
  });

  it("shows a forged heading or a newline as GitHub does: a heading and a line break", () => {
    expect(renderGithubMarkdown("a\nb\n\n### ✅ x\n")).toBe("<p>a<br />\nb</p>\n<h3>✅ x</h3>\n");
  });

  it("makes a page that needs no network: the stylesheet is inlined, nothing is fetched", () => {
    const page = githubPage("t", ["<p>x</p>"]);
    expect(page).toContain('<article class="markdown-body"><p>x</p></article>');
    expect(page).toContain(".markdown-body");
    expect(page).not.toMatch(/<link|@import|url\(\s*["']?https?:/);
  });
});
