// Tests of how failures are explained to the user.
import { expect, it } from "vitest";
import { describe as explain } from "./errors";

it("explains a command error with its message and what to do", () => {
  const shown = explain({ kind: "microphone", message: "no microphone found" });
  expect(shown.kind).toBe("microphone");
  expect(shown.title).toBe("The microphone is not available");
  expect(shown.message).toBe("no microphone found");
  expect(shown.action).toMatch(/Settings/);
});

it("treats framework failures and thrown errors as unexpected, keeping their text", () => {
  expect(explain("Command start_round not allowed by ACL").kind).toBe("unexpected");
  expect(explain("Command start_round not allowed by ACL").message).toMatch(/not allowed/);
  expect(explain(new Error("boom")).message).toBe("boom");
  expect(explain({ kind: "weird", message: "x" }).kind).toBe("unexpected");
});
