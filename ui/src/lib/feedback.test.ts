// Tests of the answer checklist: it shows the engine's verdicts as they come.
import { describe, expect, it } from "vitest";
import type { Analysis, Check as CheckDto } from "./bindings";
import { checklist } from "./feedback";

function analysis(checks: CheckDto[], overrides: Partial<Analysis> = {}): Analysis {
  return {
    fillers: { total: 12, by_word: [], per_minute: 1.5, spans: [] },
    first_person: { i: 6, we: 2, i_share: 0.75 },
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
    checklist: checks,
    ...overrides,
  };
}

describe("checklist", () => {
  it("shows each item in the engine's order with the engine's verdict", () => {
    const checks = checklist(
      analysis([
        { item: "situation", ok: true, reason: null },
        { item: "result", ok: false, reason: null },
        { item: "few_fillers", ok: false, reason: "12 fillers (9.0 per 100 words)" },
      ]),
    );
    expect(checks.map((c) => [c.label, c.ok])).toEqual([
      ["Situation", true],
      ["Result", false],
      ["Few fillers", false],
    ]);
    expect(checks[1].detail).toBe("Say how it ended.");
  });

  it("decides nothing itself: a low rate per minute still fails when the engine says so", () => {
    const [fillers] = checklist(analysis([{ item: "few_fillers", ok: false, reason: null }]));
    expect(fillers.ok).toBe(false);
    expect(fillers.detail).toBe("12 fillers, 1.5 per minute.");
  });

  it("fails “I, not we” on the engine's word even when “I” is most of the pronouns", () => {
    const [own] = checklist(analysis([{ item: "own_action", ok: false, reason: "All 3 action verbs follow “we”" }]));
    expect(own.ok).toBe(false);
    expect(own.detail).toBe("“I” 6×, “we” 2×.");
  });

  it("words a failed item with the engine's reason when it gave one", () => {
    const [length] = checklist(
      analysis([{ item: "length", ok: false, reason: "About 0.2 minutes, under the 1.5-minute norm" }]),
    );
    expect(length.detail).toBe("About 0.2 minutes, under the 1.5-minute norm");
  });
});
