// Tests of which webviews play recordings through a blob URL.
import { expect, it } from "vitest";
import { needsBlob } from "./playback";

it("takes the blob detour only in WebKitGTK", () => {
  const gtk = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15";
  const mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
  const win = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Edg/120.0";
  const android = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile";
  expect(needsBlob(gtk)).toBe(true);
  expect(needsBlob(mac)).toBe(false);
  expect(needsBlob(win)).toBe(false);
  expect(needsBlob(android)).toBe(false);
});
