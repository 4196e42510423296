// Which screen is shown. One reactive value instead of a router library:
// a desktop window has no URL bar, and every screen is reached from the
// navigation or from another screen's button.
import type { Id } from "./bindings";

export type Route =
  | { name: "start" }
  | { name: "interview" }
  | { name: "summary"; roundId: Id }
  | { name: "history" }
  | { name: "replay"; roundId: Id }
  | { name: "progress" }
  | { name: "settings" };

export const nav = $state<{ route: Route }>({ route: { name: "start" } });

export function go(route: Route): void {
  nav.route = route;
}
