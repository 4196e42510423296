// Tests of the Space-to-record keyboard rule.
import { describe, expect, it } from "vitest";
import { isRecordToggle } from "./keys";

const space = { key: " ", repeat: false, ctrlKey: false, metaKey: false, altKey: false };

describe("isRecordToggle", () => {
  it("toggles on a plain Space with nothing focused", () => {
    expect(isRecordToggle(space, null, false)).toBe(true);
    expect(isRecordToggle(space, "DIV", false)).toBe(true);
  });
  it("ignores held keys, modifiers and other keys", () => {
    expect(isRecordToggle({ ...space, repeat: true }, null, false)).toBe(false);
    expect(isRecordToggle({ ...space, ctrlKey: true }, null, false)).toBe(false);
    expect(isRecordToggle({ ...space, key: "Enter" }, null, false)).toBe(false);
  });
  it("leaves Space to focused controls and text fields", () => {
    expect(isRecordToggle(space, "BUTTON", false)).toBe(false);
    expect(isRecordToggle(space, "input", false)).toBe(false);
    expect(isRecordToggle(space, "DIV", true)).toBe(false);
  });
});
