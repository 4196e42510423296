// Tests of the chart geometry used by the Progress screen.
import { describe, expect, it } from "vitest";
import { domain, path, place, ticks, yOf, type Box } from "./charts";

const box: Box = { width: 120, height: 70, padLeft: 20, padRight: 0, padTop: 10, padBottom: 10 };

describe("charts", () => {
  it("picks round ticks", () => {
    expect(ticks(1, 4, 3)).toEqual([1, 2, 3, 4]);
    expect(ticks(0, 10, 4)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(ticks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks(0, 0.9, 3)).toEqual([0, 0.5]);
    expect(ticks(2, 2)).toEqual([2]);
  });
  it("widens the domain to the fixed scale and never collapses it", () => {
    expect(domain([2, 3], 1, 4)).toEqual([1, 4]);
    expect(domain([5, 5])).toEqual([5, 6]);
    expect(domain([])).toEqual([0, 1]);
  });
  it("spreads rounds over the width and skips rounds without data", () => {
    const pts = place([1, null, 4], box, [1, 4]);
    expect(pts).toEqual([
      { x: 20, y: 60, idx: 0 },
      { x: 120, y: 10, idx: 2 },
    ]);
    expect(path(pts)).toBe("M20.0 60.0 L120.0 10.0");
    expect(place([3], box, [1, 4])[0].x).toBe(70);
    expect(yOf(2.5, box, [1, 4])).toBe(35);
  });
});
