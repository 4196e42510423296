// Maps a linear level (0..1) onto the meter: -60 dBFS is empty, 0 dBFS full.
// A linear bar would sit near zero for normal speech.

const FLOOR_DB = -60;

export function meterFraction(linear: number | null | undefined): number {
  if (linear === null || linear === undefined || !(linear > 0)) return 0;
  const db = 20 * Math.log10(linear);
  return Math.max(0, Math.min(1, (db - FLOOR_DB) / -FLOOR_DB));
}
