// The one way the screens talk to the shell: the generated, typed
// `commands`, plus a helper to open a typed stream (a Tauri Channel).
import { Channel } from "@tauri-apps/api/core";

export { commands } from "./bindings";

/** A channel whose messages go to `onMessage`. */
export function stream<T>(onMessage: (message: T) => void): Channel<T> {
  const channel = new Channel<T>();
  channel.onmessage = onMessage;
  return channel;
}
