// Where an <audio> element gets an answer's recording from.
//
// The shell serves recordings on the `recording://` scheme with Range
// support, which WKWebView and WebView2 stream and seek from directly.
// WebKitGTK (Linux) cannot play media from any custom scheme (its GStreamer
// backend fails with MEDIA_ERR_SRC_NOT_SUPPORTED), so there the file is
// fetched through the same scheme and played from a `blob:` URL, which
// seeks in memory. A three-minute answer is about 6 MB.
import { convertFileSrc } from "@tauri-apps/api/core";

/** Whether this webview is WebKitGTK, which needs the blob detour. */
export function needsBlob(userAgent: string): boolean {
  return /\bLinux\b/.test(userAgent) && !/\bAndroid\b/.test(userAgent);
}

/** A URL the <audio> element can play and seek; release it with `releaseSource`. */
export async function recordingSource(path: string, userAgent: string = navigator.userAgent): Promise<string> {
  const url = convertFileSrc(path, "recording");
  if (!needsBlob(userAgent)) return url;
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`the recording ${path} could not be read (HTTP ${response.status}); it may have been deleted`);
  }
  return URL.createObjectURL(await response.blob());
}

export function releaseSource(src: string): void {
  if (src.startsWith("blob:")) URL.revokeObjectURL(src);
}
