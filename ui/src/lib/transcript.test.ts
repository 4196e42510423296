// Tests of the transcript pieces: filler and STAR marks, word timing
// alignment and the playback lookups the Replay screen relies on.
import { describe, expect, it } from "vitest";
import { alignWords, pieces, textWords, timeOfSpan, wordAfterKey, wordIndexAt, type Run } from "./transcript";

const filler = (word: string, start: number, end: number): Run => ({
  start,
  end,
  star: null,
  filler: word,
  filler_rule: "hesitation",
});
const star = (part: Run["star"], start: number, end: number, word: string | null = null): Run => ({
  start,
  end,
  star: part,
  filler: word,
  filler_rule: word === null ? null : "hesitation",
});

describe("pieces", () => {
  it("marks a filler without its trailing comma", () => {
    const text = "Um, I fixed it";
    const out = pieces(text, [filler("um", 0, 2)]);
    expect(out.map((p) => [p.text, p.filler])).toEqual([
      ["Um", "um"],
      [",", null],
      [" ", null],
      ["I", null],
      [" ", null],
      ["fixed", null],
      [" ", null],
      ["it", null],
    ]);
    expect(out[0].fillerRule).toBe("hesitation");
    expect(out[1].fillerRule).toBeNull();
    expect(out[0].wordIdx).toBe(0);
    expect(out[1].wordIdx).toBe(0);
    expect(out[2].wordIdx).toBeNull();
  });

  it("marks a two-word filler on both words", () => {
    const text = "it was, you know, slow";
    const marked = pieces(text, [filler("you know", 8, 16)]).filter((p) => p.filler);
    expect(marked.map((p) => p.text).join("")).toBe("you know");
  });

  it("colours STAR parts and leaves the rest plain", () => {
    const text = "We were slow. I cached it. Load fell 40%.";
    const runs: Run[] = [
      star("situation", 0, 13),
      star("action", 14, 26),
      star("result", 27, 41),
    ];
    const out = pieces(text, runs);
    const text_of = (part: string) =>
      out
        .filter((p) => p.star === part)
        .map((p) => p.text)
        .join("");
    expect(text_of("situation")).toBe("We were slow.");
    expect(text_of("action")).toBe("I cached it.");
    expect(text_of("result")).toBe("Load fell 40%.");
    expect(out.find((p) => p.text === " " && p.start === 13)?.star).toBeNull();
  });

  it("marks where each STAR part starts, for its label, once even when a filler splits the part", () => {
    const text = "We were slow. I, um, cached it.";
    const runs: Run[] = [
      star("situation", 0, 13),
      star("action", 14, 17),
      star("action", 17, 19, "um"),
      star("action", 19, 31),
    ];
    const out = pieces(text, runs);
    const starts = out.filter((p) => p.starStart);
    expect(starts.map((p) => [p.star, p.text])).toEqual([
      ["situation", "We"],
      ["action", "I,"],
    ]);
    expect(out.find((p) => p.filler === "um")?.star).toBe("action");
  });

  it("gives each word exactly one focusable piece, even when a mark splits it", () => {
    const text = "Um, ok";
    const out = pieces(text, [filler("um", 0, 2)]);
    expect(out.filter((p) => p.wordStart).map((p) => [p.text, p.wordIdx])).toEqual([
      ["Um", 0],
      ["ok", 1],
    ]);
  });

  it("counts characters as code points, like the Rust spans", () => {
    const text = "😀 um ok";
    const out = pieces(text, [filler("um", 2, 4)]);
    expect(out.find((p) => p.filler)?.text).toBe("um");
  });

  it("reassembles the text exactly", () => {
    const text = "  So, basically   I led it. ";
    expect(pieces(text, [filler("so", 2, 4)]).map((p) => p.text).join("")).toBe(text);
  });
});

describe("alignWords", () => {
  it("matches words ignoring case and punctuation", () => {
    const times = alignWords("Um, I led it.", [
      { word: "um", start: 0, end: 0.3 },
      { word: "I", start: 0.4, end: 0.5 },
      { word: "led", start: 0.5, end: 0.8 },
      { word: "it", start: 0.8, end: 1.0 },
    ]);
    expect(times).toEqual([
      { start: 0, end: 0.3 },
      { start: 0.4, end: 0.5 },
      { start: 0.5, end: 0.8 },
      { start: 0.8, end: 1.0 },
    ]);
  });

  it("joins a word Whisper split into pieces", () => {
    const times = alignWords("the checkout page", [
      { word: "the", start: 0, end: 0.2 },
      { word: "check", start: 0.2, end: 0.4 },
      { word: "out", start: 0.4, end: 0.6 },
      { word: "page", start: 0.6, end: 0.9 },
    ]);
    expect(times[1]).toEqual({ start: 0.2, end: 0.6 });
    expect(times[2]).toEqual({ start: 0.6, end: 0.9 });
  });

  it("interpolates words the transcriber's list lacks", () => {
    const times = alignWords("a b c d", [
      { word: "a", start: 0, end: 1 },
      { word: "d", start: 3, end: 4 },
    ]);
    expect(times).toHaveLength(4);
    expect(times[1].start).toBeCloseTo(1);
    expect(times[2].start).toBeCloseTo(2);
    expect(times[3]).toEqual({ start: 3, end: 4 });
  });
});

describe("playback lookups", () => {
  const times = [
    { start: 0, end: 0.5 },
    { start: 0.5, end: 1 },
    { start: 1.2, end: 2 },
  ];
  it("finds the word being spoken", () => {
    expect(wordIndexAt(times, -0.1)).toBe(-1);
    expect(wordIndexAt(times, 0)).toBe(0);
    expect(wordIndexAt(times, 0.7)).toBe(1);
    expect(wordIndexAt(times, 1.1)).toBe(1);
    expect(wordIndexAt(times, 5)).toBe(2);
  });

  it("finds when a finding's quote is spoken", () => {
    const text = "we cut it by half";
    const words = textWords(text);
    expect(words.map((w) => w.word)).toEqual(["we", "cut", "it", "by", "half"]);
    const t5 = words.map((_, i) => ({ start: i, end: i + 1 }));
    expect(timeOfSpan(text, t5, { start: 10, end: 17 })).toBe(3);
    expect(timeOfSpan(text, [], { start: 0, end: 2 })).toBeNull();
  });
});

describe("wordAfterKey", () => {
  it("steps with the arrows and stops at the ends", () => {
    expect(wordAfterKey("ArrowRight", 2, 5)).toBe(3);
    expect(wordAfterKey("ArrowLeft", 2, 5)).toBe(1);
    expect(wordAfterKey("ArrowRight", 4, 5)).toBe(4);
    expect(wordAfterKey("ArrowLeft", 0, 5)).toBe(0);
  });

  it("jumps with Home and End", () => {
    expect(wordAfterKey("Home", 3, 5)).toBe(0);
    expect(wordAfterKey("End", 0, 5)).toBe(4);
  });

  it("leaves other keys (Enter, Space, Tab) to the browser", () => {
    expect(wordAfterKey("Enter", 1, 5)).toBeNull();
    expect(wordAfterKey(" ", 1, 5)).toBeNull();
    expect(wordAfterKey("Tab", 1, 5)).toBeNull();
    expect(wordAfterKey("ArrowRight", 0, 0)).toBeNull();
  });
});
