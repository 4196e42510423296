// Geometry for the Progress screen's plain-SVG line charts: maps data
// points into a box and picks round axis ticks. No drawing happens here, so
// the arithmetic is tested without a DOM.

export interface Box {
  width: number;
  height: number;
  /** Room left for axis labels. */
  padLeft: number;
  padBottom: number;
  padTop: number;
  padRight: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Evenly spaced, round tick values covering [min, max] (about `count`). */
export function ticks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    out.push(Number(v.toFixed(10)));
  }
  return out;
}

/** The y-range to draw: the data's range widened to include `floor`/`ceil` when given. */
export function domain(values: number[], floor?: number, ceil?: number): [number, number] {
  const finite = values.filter(Number.isFinite);
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  if (floor !== undefined) lo = Math.min(lo, floor);
  if (ceil !== undefined) hi = Math.max(hi, ceil);
  if (lo === hi) hi = lo + 1;
  return [lo, hi];
}

/**
 * Places values (one per round, in order; null = no data that round) in the
 * box: x spreads the rounds evenly, y maps [lo, hi] bottom to top. Missing
 * values are skipped, so a line joins the rounds that have data.
 */
export function place(values: (number | null)[], box: Box, [lo, hi]: [number, number]): (Point & { idx: number })[] {
  const innerW = box.width - box.padLeft - box.padRight;
  const innerH = box.height - box.padTop - box.padBottom;
  const n = values.length;
  const out: (Point & { idx: number })[] = [];
  values.forEach((v, idx) => {
    if (v === null || !Number.isFinite(v)) return;
    const x = box.padLeft + (n === 1 ? innerW / 2 : (innerW * idx) / (n - 1));
    const y = box.padTop + innerH - ((v - lo) / (hi - lo)) * innerH;
    out.push({ x, y, idx });
  });
  return out;
}

/** The y pixel of a value in the box. */
export function yOf(value: number, box: Box, [lo, hi]: [number, number]): number {
  const innerH = box.height - box.padTop - box.padBottom;
  return box.padTop + innerH - ((value - lo) / (hi - lo)) * innerH;
}

/** An SVG path through the points ("M x y L x y ..."). */
export function path(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(" ");
}
