// Tests of the Interview screen's progress label, hints and hands-free steps.
import { expect, it } from "vitest";
import { handsFreeStep, hintFor, promptKey, promptLabel } from "./interview";

it("says which question, follow-up and attempt is being asked", () => {
  const base = { stage: "answer" as const, text: "q", followup_kind: null };
  expect(promptLabel({ ...base, question_idx: 0, depth: 0, attempt: 1 }, 3, 5)).toBe("Question 1 of 3");
  expect(promptLabel({ ...base, question_idx: 1, depth: 2, attempt: 1 }, 3, 5)).toBe(
    "Question 2 of 3 · follow-up 2 of up to 5",
  );
  expect(promptLabel({ ...base, question_idx: 1, depth: 1, attempt: 1 }, 3, 4)).toBe(
    "Question 2 of 3 · follow-up 1 of up to 4",
  );
  expect(promptLabel({ ...base, question_idx: 2, depth: 0, attempt: 2 }, 3, 5)).toBe("Question 3 of 3 · attempt 2");
});

it("coaches in Practice mode only, with a hint fitted to the follow-up", () => {
  const main = { stage: "answer" as const, text: "q", followup_kind: null, question_idx: 0, depth: 0, attempt: 1 };
  expect(hintFor(main, true)).toMatch(/Situation, Task, Action, Result/);
  expect(hintFor(main, false)).toBeNull();
  const metric = { ...main, depth: 1, followup_kind: "ask_metric" as const };
  expect(hintFor(metric, true)).toMatch(/metric/);
  const plain = { ...main, depth: 2, followup_kind: "none" as const };
  expect(hintFor(plain, true)).toMatch(/directly/);
});

it("runs a hands-free round on: listens to prompts, declines ratings, stops at the end", () => {
  const prompt = { stage: "answer" as const, text: "q", followup_kind: null, question_idx: 0, depth: 1, attempt: 1 };
  expect(handsFreeStep(prompt)).toBe("listen");
  expect(handsFreeStep({ stage: "self_rating", turn_idx: 0 })).toBe("decline_rating");
  expect(handsFreeStep({ stage: "finished", ended_early: false })).toBeNull();
});

it("tells prompts apart so each is read aloud once, retries included", () => {
  const prompt = { stage: "answer" as const, text: "q", followup_kind: null, question_idx: 1, depth: 2, attempt: 1 };
  expect(promptKey(prompt)).toBe("1/2/1");
  expect(promptKey({ ...prompt, attempt: 2 })).not.toBe(promptKey(prompt));
  expect(promptKey({ stage: "self_rating", turn_idx: 0 })).toBeNull();
});
