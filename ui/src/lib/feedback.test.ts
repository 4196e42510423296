// Tests of the answer checklist: it shows the engine's verdicts as they come.
import { describe, expect, it } from "vitest";
import type { Analysis, CheckItem } from "./bindings";
import { STATUS_MARK, checklist } from "./feedback";

function analysis(checks: CheckItem[]): Analysis {
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
    marks: [],
  };
}

const item = (check: CheckItem["check"], status: CheckItem["status"], detail: string): CheckItem => ({
  check,
  status,
  rule: "unrecorded",
  label: check,
  detail,
});

describe("checklist", () => {
  it("lists the engine's items in its order, with its words and verdicts", () => {
    const items = checklist(
      analysis([
        item("situation", "pass", "Set the scene."),
        item("result", "missing", "Say how it ended."),
        item("few_fillers", "missing", "12 fillers, 9.0 per 100 words."),
      ]),
    );
    expect(items.map((c) => [c.check, c.status, c.detail])).toEqual([
      ["situation", "pass", "Set the scene."],
      ["result", "missing", "Say how it ended."],
      ["few_fillers", "missing", "12 fillers, 9.0 per 100 words."],
    ]);
  });

  it("leaves out what does not apply to this answer", () => {
    const items = checklist(
      analysis([item("lesson", "not_applicable", "No setback."), item("action", "pass", "Done.")]),
    );
    expect(items.map((c) => c.check)).toEqual(["action"]);
  });

  it("has a distinct mark for every status", () => {
    const marks = Object.values(STATUS_MARK);
    expect(new Set(marks).size).toBe(marks.length);
  });
});
