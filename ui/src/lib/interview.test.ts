// Tests of the Interview screen's progress label.
import { expect, it } from "vitest";
import { promptLabel } from "./interview";

it("says which question, follow-up and attempt is being asked", () => {
  const base = { stage: "answer" as const, text: "q", followup_kind: null };
  expect(promptLabel({ ...base, question_idx: 0, depth: 0, attempt: 1 }, 3)).toBe("Question 1 of 3");
  expect(promptLabel({ ...base, question_idx: 1, depth: 2, attempt: 1 }, 3)).toBe(
    "Question 2 of 3 · follow-up 2 of up to 5",
  );
  expect(promptLabel({ ...base, question_idx: 2, depth: 0, attempt: 2 }, 3)).toBe("Question 3 of 3 · attempt 2");
});
