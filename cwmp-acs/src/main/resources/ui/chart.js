import { svg } from './dom.js';

/** A bar chart of [{minute, informs}] in plain SVG, scaled to its box. */
export function informsChart(points) {
  const W = 640, H = 180, L = 36, B = 22, T = 10;
  const max = Math.max(1, ...points.map((p) => p.informs));
  const top = niceCeil(max);
  const bw = (W - L - 4) / points.length;
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': 'Informs per minute, last hour' });
  for (let i = 0; i <= 4; i++) {
    const y = T + (H - T - B) * (1 - i / 4);
    g.append(svg('line', { x1: L, x2: W, y1: y, y2: y, class: 'grid' }));
    g.append(svg('text', { x: L - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, Math.round((top * i) / 4)));
  }
  points.forEach((p, i) => {
    const hgt = ((H - T - B) * p.informs) / top;
    const x = L + 2 + i * bw;
    const bar = svg('rect', { x: x + 0.5, y: H - B - hgt, width: Math.max(1, bw - 1.5), height: hgt, rx: 1.5, class: 'bar' },
      svg('title', {}, `${new Date(p.minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: ${p.informs} Inform${p.informs === 1 ? '' : 's'}`));
    g.append(bar);
    if (i % 10 === 0 || i === points.length - 1) {
      g.append(svg('text', { x: x + bw / 2, y: H - 6, class: 'axis', 'text-anchor': 'middle' },
        new Date(p.minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
    }
  });
  return g;
}

function niceCeil(n) {
  const steps = [1, 2, 4, 5, 10];
  const mag = 10 ** Math.floor(Math.log10(n));
  for (const s of steps) if (s * mag >= n) return Math.max(4, s * mag);
  return 10 * mag;
}
