// Turns an answer's text and analysis into the pieces the transcript view
// renders: each piece knows whether it is a filler, which STAR part it
// belongs to, and which spoken word (with its time) it is part of, so the
// view can mark fillers, colour STAR, follow playback and seek on click.
//
// Spans from the Rust side count Unicode scalar values, not UTF-16 units, so
// everything here indexes `Array.from(text)` rather than the string itself.

import type { MarkedRun, RuleId, StarPartKind } from "./bindings";

export interface Span {
  start: number;
  end: number;
}

export type StarPart = StarPartKind;
export const STAR_PARTS: StarPart[] = ["situation", "task", "action", "result"];

/**
 * A stretch of the text with one marking, as the engine laid it out
 * (`Analysis.marks`): the STAR part it belongs to, the filler it is and the
 * rule that matched the filler. Runs are ordered and never overlap; text
 * outside them is unmarked.
 */
export type Run = MarkedRun;

export interface Piece {
  text: string;
  start: number;
  end: number;
  /** Index of the whitespace-separated word this piece belongs to; null for spaces. */
  wordIdx: number | null;
  /** The canonical filler ("um", "you know") when the piece is one. */
  filler: string | null;
  /** The rule that matched the filler, shown on hover. */
  fillerRule: RuleId | null;
  star: StarPart | null;
  /** The piece opens its STAR part, so the part's label goes before it. */
  starStart: boolean;
  /** The piece is the first of its word: the one that takes keyboard focus. */
  wordStart: boolean;
}

/** What a STAR part is called where it starts, so it is marked by more than colour. */
export const STAR_LABELS: Record<StarPart, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
};

export interface WordTime {
  start: number;
  end: number;
}

/** The whitespace-separated words of `text` with their character spans. */
export function textWords(text: string): { word: string; span: Span }[] {
  const chars = Array.from(text);
  const words: { word: string; span: Span }[] = [];
  let start = -1;
  for (let i = 0; i <= chars.length; i++) {
    const space = i === chars.length || /\s/u.test(chars[i]);
    if (!space && start < 0) start = i;
    if (space && start >= 0) {
      words.push({ word: chars.slice(start, i).join(""), span: { start, end: i } });
      start = -1;
    }
  }
  return words;
}

/**
 * Splits `text` at every word boundary and every boundary of the engine's
 * marked runs. Which STAR part or filler a piece belongs to is the run's:
 * overlaps were settled in Rust, so nothing is decided here.
 */
export function pieces(text: string, runs: Run[]): Piece[] {
  const chars = Array.from(text);
  const words = textWords(text);
  const bounds = new Set<number>([0, chars.length]);
  const clamp = (n: number) => Math.max(0, Math.min(chars.length, n));
  for (const w of words) {
    bounds.add(w.span.start);
    bounds.add(w.span.end);
  }
  for (const r of runs) {
    bounds.add(clamp(r.start));
    bounds.add(clamp(r.end));
  }
  // A run opens its STAR part unless the run before it, touching it, is of
  // the same part (a filler inside the Action splits it into three runs).
  const opens = runs.map(
    (r, i) => r.star !== null && !(i > 0 && runs[i - 1].end === r.start && runs[i - 1].star === r.star),
  );
  const sorted = [...bounds].sort((a, b) => a - b);
  const out: Piece[] = [];
  let wordCursor = 0;
  let runCursor = 0;
  for (let k = 0; k + 1 < sorted.length; k++) {
    const start = sorted[k];
    const end = sorted[k + 1];
    if (start === end) continue;
    while (wordCursor < words.length && words[wordCursor].span.end <= start) wordCursor++;
    while (runCursor < runs.length && runs[runCursor].end <= start) runCursor++;
    const word = words[wordCursor];
    const inWord = word !== undefined && word.span.start <= start && end <= word.span.end;
    const run = runs[runCursor];
    const inRun = run !== undefined && run.start <= start && end <= run.end;
    out.push({
      text: chars.slice(start, end).join(""),
      start,
      end,
      wordIdx: inWord ? wordCursor : null,
      filler: inRun ? run.filler : null,
      fillerRule: inRun ? run.filler_rule : null,
      star: inRun ? run.star : null,
      starStart: inRun && opens[runCursor] && run.start === start,
      wordStart: inWord && word.span.start === start,
    });
  }
  return out;
}

/** Lowercase letters and digits only, so "Um," and "um" compare equal. */
export function normalize(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * Gives every word of the text a time by matching it against the
 * transcriber's timed words in order. Whisper may split a word into pieces
 * ("check" + "out"), so consecutive timed words are joined until they spell
 * the text word; words that match nothing get times interpolated from their
 * neighbours, so every word stays clickable.
 */
export function alignWords(
  text: string,
  timed: { word: string; start: number; end: number }[],
): WordTime[] {
  const words = textWords(text).map((w) => normalize(w.word));
  const found: (WordTime | null)[] = words.map(() => null);
  const LOOKAHEAD = 4;
  let j = 0;
  for (let i = 0; i < words.length && j < timed.length; i++) {
    const want = words[i];
    if (want === "") continue;
    for (let k = j; k < Math.min(timed.length, j + LOOKAHEAD); k++) {
      let joined = "";
      let m = k;
      while (m < timed.length && joined.length < want.length) {
        joined += normalize(timed[m].word);
        if (joined === want) break;
        m++;
      }
      if (joined === want && m < timed.length) {
        found[i] = { start: timed[k].start, end: timed[m].end };
        j = m + 1;
        break;
      }
    }
  }
  return interpolate(found, timed.length > 0 ? timed[timed.length - 1].end : 0);
}

function interpolate(found: (WordTime | null)[], total: number): WordTime[] {
  const out: WordTime[] = [];
  let i = 0;
  while (i < found.length) {
    const known = found[i];
    if (known) {
      out.push(known);
      i++;
      continue;
    }
    let gapEnd = i;
    while (gapEnd < found.length && !found[gapEnd]) gapEnd++;
    const from = out.length > 0 ? out[out.length - 1].end : 0;
    const next = found[gapEnd];
    const to = next ? next.start : Math.max(total, from);
    const step = (to - from) / (gapEnd - i);
    for (let k = 0; k < gapEnd - i; k++) {
      out.push({ start: from + step * k, end: from + step * (k + 1) });
    }
    i = gapEnd;
  }
  return out;
}

/** The word being spoken at `t` seconds: the last word starting at or before `t`; -1 before the first. */
export function wordIndexAt(times: WordTime[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid].start <= t) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

/** When the first word overlapping `span` is spoken, to play a finding's evidence. */
export function timeOfSpan(text: string, times: WordTime[], span: Span): number | null {
  const words = textWords(text);
  const idx = words.findIndex((w) => w.span.end > span.start && w.span.start < span.end);
  if (idx < 0 || idx >= times.length) return null;
  return times[idx].start;
}

/**
 * The word a key moves the focus to in a transcript of `nWords` words, or
 * null when the key is not a move: arrows step one word, Home and End jump
 * to the ends. The transcript is one tab stop; inside it the arrows move
 * (a tab stop per word would make the page unusable by keyboard).
 */
export function wordAfterKey(key: string, current: number, nWords: number): number | null {
  if (nWords === 0) return null;
  const clampWord = (idx: number) => Math.max(0, Math.min(nWords - 1, idx));
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
      return clampWord(current + 1);
    case "ArrowLeft":
    case "ArrowUp":
      return clampWord(current - 1);
    case "Home":
      return 0;
    case "End":
      return nWords - 1;
    default:
      return null;
  }
}
