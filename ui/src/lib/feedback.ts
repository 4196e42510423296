// The "what is there, what is missing" checklist shown after an answer. Each
// item's status, label and detail are the engine's (`Analysis.checklist`,
// decided and worded in Rust); this module only picks the mark that shows a
// status, so it holds no threshold and no wording of its own.
import type { Analysis, CheckItem, CheckStatus } from "./bindings";

/** The symbol beside an item: passed, missing, or not asked of this answer. */
export const STATUS_MARK: Record<CheckStatus, string> = {
  pass: "✓",
  missing: "✗",
  not_applicable: "–",
};

/** The items to list: those that do not apply to this answer are left out. */
export function checklist(a: Analysis): CheckItem[] {
  return a.checklist.filter((item) => item.status !== "not_applicable");
}
