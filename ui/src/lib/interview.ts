// Words the Interview screen shows about where the round stands.
import type { StageView } from "./bindings";

/** The bar-raiser evidence scale, for the self-rating buttons. */
export const RATINGS = [
  { value: 1, label: "No evidence" },
  { value: 2, label: "Partial" },
  { value: 3, label: "Full, minor gaps" },
  { value: 4, label: "Exemplar" },
];

/** "Question 2 of 3", "Question 2 of 3 · follow-up 1 of up to 5", "… · attempt 2". */
export function promptLabel(stage: Extract<StageView, { stage: "answer" }>, nQuestions: number): string {
  let label = `Question ${stage.question_idx + 1} of ${nQuestions}`;
  if (stage.depth > 0) label += ` · follow-up ${stage.depth} of up to 5`;
  if (stage.attempt > 1) label += ` · attempt ${stage.attempt}`;
  return label;
}
