// Tests of the level meter's decibel scale.
import { expect, it } from "vitest";
import { meterFraction } from "./level";

it("maps silence to empty, full scale to full and -30 dBFS to half", () => {
  expect(meterFraction(0)).toBe(0);
  expect(meterFraction(null)).toBe(0);
  expect(meterFraction(1)).toBe(1);
  expect(meterFraction(2)).toBe(1);
  expect(meterFraction(10 ** (-30 / 20))).toBeCloseTo(0.5);
  expect(meterFraction(1e-5)).toBe(0);
});
