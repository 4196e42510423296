// Tests of the answer checklist.
import { describe, expect, it } from "vitest";
import type { Analysis } from "./bindings";
import { checklist } from "./feedback";

function analysis(overrides: Partial<Analysis> = {}): Analysis {
  return {
    fillers: { total: 0, by_word: [], per_minute: null, spans: [] },
    first_person: { i: 0, we: 0, i_share: null },
    star: { situation: null, task: null, action: null, result: null },
    result_quantified: false,
    hypothetical: false,
    specificity: {
      word_count: 10,
      numbers: [],
      named_entities: [],
      duration_s: null,
      words_per_minute: null,
      long_pauses: [],
      length: "too_short",
    },
    score: { value: 1, findings: [] },
    followups: [],
    ...overrides,
  };
}

const byLabel = (checks: ReturnType<typeof checklist>) =>
  Object.fromEntries(checks.map((c) => [c.label, c.ok]));

describe("checklist", () => {
  it("flags every STAR part, the number and ownership when missing", () => {
    const c = byLabel(checklist(analysis(), true));
    expect(c["Situation"]).toBe(false);
    expect(c["Result"]).toBe(false);
    expect(c["A number in the Result"]).toBe(false);
    expect(c["“I”, not “we”"]).toBe(false);
    expect(c["Few fillers"]).toBe(true);
    expect(c["1.5–3 minutes long"]).toBe(false);
  });

  it("passes a complete, owned, quantified answer", () => {
    const span = { start: 0, end: 5 };
    const c = byLabel(
      checklist(
        analysis({
          star: { situation: span, task: span, action: span, result: span },
          result_quantified: true,
          first_person: { i: 6, we: 2, i_share: 0.75 },
        }),
        true,
      ),
    );
    expect(Object.values(c).filter((ok) => !ok)).toEqual([false]);
    expect(c["1.5–3 minutes long"]).toBe(false);
  });

  it("judges fillers per minute when the length is known", () => {
    const many = analysis({ fillers: { total: 12, by_word: [], per_minute: 9.5, spans: [] } });
    const check = checklist(many, false).find((x) => x.label === "Few fillers");
    expect(check?.ok).toBe(false);
    expect(check?.detail).toBe("12 fillers, 9.5 per minute.");
  });

  it("does not judge the length of a follow-up answer", () => {
    expect(checklist(analysis(), false).some((c) => c.label.includes("minutes"))).toBe(false);
  });
});
