// Charts drawn here as SVG: nothing is loaded from elsewhere.
import { el, svg } from './dom.js';

/** A line chart of series [{name, cls, points: [{x, y}]}]; y from 0 to at least <floor>, so that all zeros lie flat at the bottom. */
export function lineChart(title, series, format, testid, floor) {
  const [w, h, left, right, top, bottom] = [320, 150, 46, 10, 10, 22];
  const all = series.flatMap(s => s.points);
  const xs = all.map(p => p.x);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const yMax = Math.max(...all.map(p => p.y), floor) * 1.15;
  const X = x => left + (x1 === x0 ? (w - left - right) / 2 : (x - x0) / (x1 - x0) * (w - left - right));
  const Y = y => top + (1 - y / yMax) * (h - top - bottom);
  const last = series.map(s => `${s.name} ${s.points.length ? format(s.points[s.points.length - 1].y) : 'no data'}`).join(', ');
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': `${title}: latest ${last}` });
  chart.append(svg('title', {}, `${title}: latest ${last}`));
  chart.append(svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: h - bottom }));
  chart.append(svg('line', { class: 'axis', x1: left, y1: h - bottom, x2: w - right, y2: h - bottom }));
  chart.append(svg('text', { class: 'label', x: left - 4, y: top + 8, 'text-anchor': 'end' }, format(yMax / 1.15)));
  chart.append(svg('text', { class: 'label', x: left - 4, y: h - bottom, 'text-anchor': 'end' }, format(0)));
  if (all.length) {
    chart.append(svg('text', { class: 'label', x: left, y: h - 6 }, String(series[0].xLabel ? series[0].xLabel(x0) : x0)));
    chart.append(svg('text', { class: 'label', x: w - right, y: h - 6, 'text-anchor': 'end' }, String(series[0].xLabel ? series[0].xLabel(x1) : x1)));
  }
  for (const s of series) {
    if (!s.points.length) continue;
    chart.append(svg('polyline', { class: s.cls, points: s.points.map(p => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(' ') }));
    const end = s.points[s.points.length - 1];
    chart.append(svg('circle', { class: 'dot-' + s.cls, cx: X(end.x).toFixed(1), cy: Y(end.y).toFixed(1), r: 3 }));
  }
  const legend = el('div', { class: 'legend' }, series.map(s => el('span', { class: s.cls }, s.name)));
  return el('figure', { 'data-testid': testid, 'data-points': String(Math.max(0, ...series.map(s => s.points.length))) },
    el('figcaption', {}, title), chart, legend);
}

/** A bar chart of values [{x, y}]. */
export function barChart(title, values, format, xLabel, testid) {
  const [w, h, left, right, top, bottom] = [320, 150, 46, 10, 10, 22];
  const yMax = Math.max(...values.map(v => v.y), 1) * 1.15;
  const slot = (w - left - right) / Math.max(values.length, 1);
  const label = `${title}: ${values.map(v => `${xLabel(v.x)} ${format(v.y)}`).join(', ')}`;
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': label });
  chart.append(svg('title', {}, label));
  chart.append(svg('line', { class: 'axis', x1: left, y1: h - bottom, x2: w - right, y2: h - bottom }));
  chart.append(svg('text', { class: 'label', x: left - 4, y: top + 8, 'text-anchor': 'end' }, format(yMax / 1.15)));
  values.forEach((v, i) => {
    const height = v.y / yMax * (h - top - bottom);
    chart.append(svg('rect', { class: 'bar', x: (left + i * slot + slot * 0.15).toFixed(1), y: (h - bottom - height).toFixed(1), width: (slot * 0.7).toFixed(1), height: height.toFixed(1) }));
  });
  if (values.length) {
    chart.append(svg('text', { class: 'label', x: left, y: h - 6 }, xLabel(values[0].x)));
    chart.append(svg('text', { class: 'label', x: w - right, y: h - 6, 'text-anchor': 'end' }, xLabel(values[values.length - 1].x)));
  }
  return el('figure', { 'data-testid': testid, 'data-points': String(values.length) }, el('figcaption', {}, title), chart);
}
