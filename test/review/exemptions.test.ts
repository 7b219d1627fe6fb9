import { renderMarkdown } from "../../src/review";
import { riskyReview } from "./sample-reviews";

/**
 * A guardrail exemption is never silent: the review shows it, with its reason, among the
 * guardrails of the environment whose synth reported it.
 */
describe("review: guardrail exemptions", () => {
  const review = riskyReview();
  const exemptions = review.guardrails.filter((g) => g.message.includes("is exempt from"));

  it("lists each exemption with its route, rule, environment and reason", () => {
    expect(exemptions).toContainEqual(
      expect.objectContaining({
        environment: "prod",
        message:
          'Route browse is exempt from guardrail "identity" in prod: public catalog for search engines (otherwise: no identity plugin on the route or its service).',
      }),
    );
    expect(exemptions).toContainEqual(
      expect.objectContaining({
        environment: "prod",
        message: expect.stringMatching(
          /^Route \S+ is exempt from guardrail "request-validation" in prod: the provider signs the body; the service checks it \(otherwise: /,
        ),
      }),
    );
  });

  it("shows it in the comment", () => {
    expect(renderMarkdown(review)).toContain("the provider signs the body; the service checks it");
  });
});
