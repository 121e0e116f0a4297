import { esc } from '../report/html-escape';
import type { TrendPoint } from './fleet-document';

/**
 * A participant's trend as a small inline SVG (no network, allowed by the matrix's CSP): requirements passed
 * per audit, oldest left, the latest marked with a dot; a drop is drawn red. One audit only: a dot.
 * The title lists every point, for a reader who hovers or uses a screen reader.
 */
const W = 84;
const H = 22;
const PAD = 3;

export function renderSparkline(points: readonly TrendPoint[]): string {
  if (points.length === 0) return '';
  const max = Math.max(1, ...points.map((p) => p.passed));
  const x = (i: number) => (points.length === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (points.length - 1));
  const y = (v: number) => H - PAD - (v * (H - 2 * PAD)) / max;
  const coords = points.map((p, i) => `${x(i).toFixed(1)},${y(p.passed).toFixed(1)}`);
  const last = points.at(-1)!;
  const dropped = points.length > 1 && last.passed < points.at(-2)!.passed;
  const title = `requirements passed per audit: ${points.map((p) => `${p.audit} ${p.passed}`).join(', ')}`;
  return [
    `<svg class="trend" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}" data-points="${points.map((p) => p.passed).join(',')}">`,
    `<title>${esc(title)}</title>`,
    points.length > 1 ? `<polyline fill="none" stroke="#555" stroke-width="1.5" points="${coords.join(' ')}"/>` : '',
    `<circle cx="${x(points.length - 1).toFixed(1)}" cy="${y(last.passed).toFixed(1)}" r="2.5" fill="${dropped ? '#c62828' : '#2e7d32'}"/>`,
    '</svg>',
  ].join('');
}
