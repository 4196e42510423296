// The "what is missing" checklist shown after an answer, derived from the
// analysis alone so it can be tested without a screen.
import type { Analysis } from "./bindings";

export interface Check {
  label: string;
  ok: boolean;
  detail: string;
}

/** A filler rate above this per minute is noticeable to an interviewer. */
export const FILLERS_PER_MINUTE_LIMIT = 4;

export function checklist(a: Analysis, isMainAnswer: boolean): Check[] {
  const star = a.star;
  const fp = a.first_person;
  const checks: Check[] = [
    { label: "Situation", ok: star.situation !== null, detail: "Set the scene in a sentence or two." },
    { label: "Task", ok: star.task !== null, detail: "Say what you were responsible for." },
    { label: "Action", ok: star.action !== null, detail: "Say what you did, step by step." },
    { label: "Result", ok: star.result !== null, detail: "Say how it ended." },
    {
      label: "A number in the Result",
      ok: a.result_quantified,
      detail: a.result_quantified ? "The result is measured." : "Name the metric, before and after.",
    },
  ];
  const iShare = fp.i_share;
  checks.push({
    label: "“I”, not “we”",
    ok: iShare !== null && iShare >= 0.5,
    detail:
      iShare === null
        ? "Say what you did, in the first person."
        : `“I” ${fp.i}×, “we” ${fp.we}×.`,
  });
  const perMinute = a.fillers.per_minute;
  const fewFillers =
    perMinute !== null ? perMinute <= FILLERS_PER_MINUTE_LIMIT : a.fillers.total <= 3;
  checks.push({
    label: "Few fillers",
    ok: fewFillers,
    detail:
      perMinute !== null
        ? `${a.fillers.total} fillers, ${perMinute.toFixed(1)} per minute.`
        : `${a.fillers.total} fillers.`,
  });
  if (isMainAnswer) {
    const length = a.specificity.length;
    checks.push({
      label: "1.5–3 minutes long",
      ok: length === "within_norm",
      detail:
        length === "too_short"
          ? "Too short to carry a full story."
          : length === "too_long"
            ? "Too long; interviewers cut in after three minutes."
            : "A good length.",
    });
  }
  return checks;
}
