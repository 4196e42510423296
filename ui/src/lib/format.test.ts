// Tests of the display formatting helpers.
import { describe, expect, it } from "vitest";
import { bytes, duration, oneDecimal, percent, plural } from "./format";

describe("format", () => {
  it("formats durations as m:ss or h:mm:ss", () => {
    expect(duration(7.9)).toBe("0:07");
    expect(duration(155)).toBe("2:35");
    expect(duration(3723)).toBe("1:02:03");
    expect(duration(null)).toBe("–");
    expect(duration(Number.NaN)).toBe("–");
  });
  it("formats shares and decimals, with a dash for unknown", () => {
    expect(percent(0.4234)).toBe("42%");
    expect(percent(null)).toBe("–");
    expect(oneDecimal(2.345)).toBe("2.3");
    expect(oneDecimal(undefined)).toBe("–");
  });
  it("formats sizes", () => {
    expect(bytes(77_700_000)).toBe("78 MB");
    expect(bytes(1_500_000_000)).toBe("1.5 GB");
    expect(bytes(300)).toBe("1 kB");
  });
  it("pluralizes counts", () => {
    expect(plural(1, "answer")).toBe("1 answer");
    expect(plural(0, "answer")).toBe("0 answers");
  });
});
