// Every command the shell registers (and so grants in its capability file,
// which a Rust test keeps equal to the registered list) must be used by some
// screen: the app grants the UI exactly what it uses.
import { expect, it } from "vitest";
import { commands } from "./bindings";

const sources = import.meta.glob(["../**/*.svelte", "../**/*.ts", "!../**/*.test.ts", "!./bindings.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

it("uses every registered command somewhere in the UI", () => {
  const code = Object.values(sources).join("\n");
  expect(Object.keys(sources).length).toBeGreaterThan(10);
  const unused = Object.keys(commands).filter((name) => !code.includes(`commands.${name}`));
  expect(unused).toEqual([]);
});
