// Searching the History list: every word of the query must appear in the
// round's date, principles, questions, mode, role or status.
import type { RoundListItem, RoundStatusDto } from "./bindings";
import { dateTime } from "./format";

export const STATUS_LABEL: Record<RoundStatusDto, string> = {
  open: "unfinished",
  completed: "completed",
  ended_early: "ended early",
  abandoned: "closed unfinished",
};

export function searchText(r: RoundListItem): string {
  return [
    dateTime(r.started_at_ms),
    ...r.principles.map((p) => p.name),
    ...r.questions,
    r.mode,
    r.role,
    STATUS_LABEL[r.status],
  ]
    .join(" ")
    .toLowerCase();
}

export function matchesQuery(r: RoundListItem, query: string): boolean {
  const haystack = searchText(r);
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== "")
    .every((w) => haystack.includes(w));
}
