// Words the Interview screen shows about where the round stands.
import type { FollowUpKind, StageView } from "./bindings";

/** The bar-raiser evidence scale, for the self-rating buttons. */
export const RATINGS = [
  { value: 1, label: "No evidence" },
  { value: 2, label: "Partial" },
  { value: 3, label: "Full, minor gaps" },
  { value: 4, label: "Exemplar" },
];

/**
 * "Question 2 of 3", "Question 2 of 3 · follow-up 1 of up to 5", "… · attempt 2";
 * `maxFollowups` is the engine's limit (`RoundView.max_followups`).
 */
export function promptLabel(
  stage: Extract<StageView, { stage: "answer" }>,
  nQuestions: number,
  maxFollowups: number,
): string {
  let label = `Question ${stage.question_idx + 1} of ${nQuestions}`;
  if (stage.depth > 0) label += ` · follow-up ${stage.depth} of up to ${maxFollowups}`;
  if (stage.attempt > 1) label += ` · attempt ${stage.attempt}`;
  return label;
}

const FOLLOWUP_HINTS: Record<Exclude<FollowUpKind, "none">, string> = {
  ask_situation: "Set the scene in a sentence or two: where, when, what was at stake.",
  ask_personal_action: "Say what you did yourself, starting with “I”.",
  ask_result: "Say how it ended, with a number if you can.",
  ask_metric: "Name the metric, its value before and after, and how you measured it.",
  ask_why_decision: "Give the reason, and the alternatives you weighed.",
  ask_lesson: "Say what you learned and what you do differently since.",
};

/** The coaching hint Practice mode shows under a prompt; null in Loop mode. */
export function hintFor(stage: Extract<StageView, { stage: "answer" }>, practice: boolean): string | null {
  if (!practice) return null;
  if (stage.depth === 0) {
    return "Situation, Task, Action, Result: keep the Situation short, say “I”, and end with a measured result.";
  }
  const kind = stage.followup_kind;
  return kind && kind !== "none" ? FOLLOWUP_HINTS[kind] : "Answer the question directly, then give the evidence.";
}

/**
 * What a hands-free round does by itself once the round reaches `stage`:
 * listen for the answer to a prompt, or decline the self-rating (it needs a
 * click, and hands-free means none; the score is shown all the same).
 */
export function handsFreeStep(stage: StageView): "listen" | "decline_rating" | null {
  if (stage.stage === "answer") return "listen";
  if (stage.stage === "self_rating") return "decline_rating";
  return null;
}

/** Which prompt of the round `stage` asks, so each is read aloud once; null when none is asked. */
export function promptKey(stage: StageView): string | null {
  if (stage.stage !== "answer") return null;
  return `${stage.question_idx}/${stage.depth}/${stage.attempt}`;
}
