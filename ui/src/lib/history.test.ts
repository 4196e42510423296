// Tests of the History search.
import { expect, it } from "vitest";
import type { RoundListItem } from "./bindings";
import { matchesQuery } from "./history";

const round: RoundListItem = {
  id: 1,
  started_at_ms: Date.UTC(2026, 10, 26, 12, 0),
  status: "ended_early",
  mode: "loop",
  role: "tpm",
  principles: [
    { slug: "dive-deep", name: "Dive Deep" },
    { slug: "ownership", name: "Ownership" },
  ],
  questions: [
    "Tell me about a time you traced a metric that looked wrong to its root cause.",
    "Describe a problem outside your remit that you fixed anyway.",
  ],
  n_questions: 3,
  main_answers: 2,
  followups_answered: 4,
  mean_score: 2.5,
  mean_self_rating: null,
};

it("matches every word of the query, in any order and case", () => {
  expect(matchesQuery(round, "")).toBe(true);
  expect(matchesQuery(round, "dive")).toBe(true);
  expect(matchesQuery(round, "OWNERSHIP loop")).toBe(true);
  expect(matchesQuery(round, "ended early")).toBe(true);
  expect(matchesQuery(round, "frugality")).toBe(false);
  expect(matchesQuery(round, "root cause metric")).toBe(true);
  expect(matchesQuery(round, "remit loop")).toBe(true);
  expect(matchesQuery(round, "remit practice")).toBe(false);
  expect(matchesQuery(round, "dive practice")).toBe(false);
});
