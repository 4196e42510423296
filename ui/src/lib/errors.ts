// Turns whatever a command threw into what the user reads: what happened and
// what to do. Commands throw `CommandError` ({kind, message}, where the
// message comes from the crate that failed and already says what went
// wrong); the framework itself throws plain strings (an unknown command, a
// denied permission), which are bugs, shown as such.
import type { CommandError, ErrorKind } from "./bindings";

export interface Shown {
  kind: ErrorKind | "unexpected";
  title: string;
  message: string;
  /** What the user can do about it. */
  action: string;
}

const ADVICE: Record<ErrorKind, { title: string; action: string }> = {
  voice: {
    title: "The interviewer cannot speak",
    action: "The questions are shown as text. Install a speech service (on Linux: speech-dispatcher), or mute the interviewer under Settings → Interviewer.",
  },
  microphone: {
    title: "The microphone is not available",
    action: "Plug in or unmute a microphone, then pick it under Settings → Microphone and try again.",
  },
  model_missing: {
    title: "The speech model is missing or not usable",
    action:
      "Download a model (tiny.en is quickest), or add a Whisper model file (ggml-*.bin) under Settings → Speech model.",
  },
  transcription: {
    title: "Transcription failed",
    action: "Try again; if it keeps failing, choose another speech model under Settings.",
  },
  download: {
    title: "The model download failed",
    action: "Check the network connection and try again; the download resumes where it stopped.",
  },
  disk: {
    title: "Could not write to the disk",
    action: "Free some disk space or check the data folder's permissions, then try again.",
  },
  storage: {
    title: "Your practice history could not be read or saved",
    action: "Close other copies of Bar Raiser and try again; your recordings stay in the data folder.",
  },
  not_found: {
    title: "That is no longer there",
    action: "It may have been deleted; go back to History.",
  },
  invalid_state: {
    title: "That cannot be done right now",
    action: "Follow the prompt on screen, or start a new round.",
  },
  invalid_input: {
    title: "That choice is not valid",
    action: "Check the highlighted choices and try again.",
  },
};

function isCommandError(e: unknown): e is CommandError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as CommandError).message === "string" &&
    typeof (e as CommandError).kind === "string" &&
    (e as CommandError).kind in ADVICE
  );
}

export function describe(e: unknown): Shown {
  if (isCommandError(e)) {
    return { kind: e.kind, message: e.message, ...ADVICE[e.kind] };
  }
  const message = e instanceof Error ? e.message : typeof e === "string" ? e : JSON.stringify(e);
  return {
    kind: "unexpected",
    title: "Something went wrong inside Bar Raiser",
    message,
    action: "Try again. If it happens again, restart the app; your saved rounds are safe.",
  };
}
