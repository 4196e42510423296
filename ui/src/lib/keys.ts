// Keyboard rules of the Interview screen: Space starts and stops an answer,
// unless the user is typing or has a control focused (where Space already
// means "press this"), and never on a key repeat (holding Space must not
// toggle the recording on and off).

export interface KeyLike {
  key: string;
  repeat: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const CONTROLS = new Set(["INPUT", "TEXTAREA", "SELECT", "BUTTON", "A", "AUDIO"]);

/** Whether this keydown should start or stop the recording. */
export function isRecordToggle(event: KeyLike, focusedTag: string | null, editable: boolean): boolean {
  if (event.key !== " " || event.repeat) return false;
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  if (editable) return false;
  return focusedTag === null || !CONTROLS.has(focusedTag.toUpperCase());
}
