// The "what is missing" checklist shown after an answer. Whether each item
// passes is the engine's verdict (`Analysis.checklist`, decided in Rust);
// this module only words it for the screen, so it holds no threshold.
import type { Analysis, CheckItem } from "./bindings";

export interface Check {
  label: string;
  ok: boolean;
  detail: string;
}

const LABELS: Record<CheckItem, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
  result_measured: "A number in the Result",
  own_action: "“I”, not “we”",
  few_fillers: "Few fillers",
  length: "1.5–3 minutes long",
};

/** What to do about an item that fails, when the engine gave no reason. */
const ADVICE: Record<CheckItem, string> = {
  situation: "Set the scene in a sentence or two.",
  task: "Say what you were responsible for.",
  action: "Say what you did, step by step.",
  result: "Say how it ended.",
  result_measured: "Name the metric, before and after.",
  own_action: "Say what you did, in the first person.",
  few_fillers: "Pause instead of filling the silence.",
  length: "Aim for one and a half to three minutes.",
};

/** The counts behind an item, shown whether it passes or not. */
function counts(item: CheckItem, a: Analysis): string | null {
  switch (item) {
    case "own_action":
      return `“I” ${a.first_person.i}×, “we” ${a.first_person.we}×.`;
    case "few_fillers":
      return a.fillers.per_minute !== null
        ? `${a.fillers.total} fillers, ${a.fillers.per_minute.toFixed(1)} per minute.`
        : `${a.fillers.total} fillers.`;
    default:
      return null;
  }
}

export function checklist(a: Analysis): Check[] {
  return a.checklist.map((check) => ({
    label: LABELS[check.item],
    ok: check.ok,
    detail: counts(check.item, a) ?? (check.ok ? "Done." : (check.reason ?? ADVICE[check.item])),
  }));
}
