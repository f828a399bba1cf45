"""The layout check's measurements, taken in the browser from what is drawn: overlapping chart
texts, truncated card texts, text too small for a shared screen, and values on bars too faint
for their bar. Each returns a list of findings, each a sentence naming the texts it is about;
an empty list is a page that reads. The pure helpers (contrast, boxes) are in JS so that a
finding is measured where the reader sees it; the tests in test_layout.py compose them.
"""

from __future__ import annotations

# Shared JS: visibility, boxes, colours and WCAG contrast.
COMMON = r"""
const shown = el => {
  if (!el.isConnected) return false;
  const box = el.getBoundingClientRect();
  if (box.width <= 0 || box.height <= 0) return false;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden' || parseFloat(style.opacity) === 0) return false;
  }
  return true;
};
const parse = css => {
  const m = /rgba?\(([^)]+)\)/.exec(css || '');
  if (!m) return null;
  const v = m[1].split(/[ ,/]+/).filter(Boolean).map(parseFloat);
  return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
};
const over = (top, back) => top[3] >= 1 ? top : [0, 1, 2].map(i => top[i] * top[3] + back[i] * (1 - top[3])).concat(1);
const lum = c => {
  const l = c.slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
};
const contrast = (a, b) => { const [h, l] = [lum(a), lum(b)].sort((x, y) => y - x); return (h + 0.05) / (l + 0.05); };
// The opaque colour behind an element: the first background that is not transparent.
const backdrop = el => {
  let colour = [0, 0, 0, 0];
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c && c[3] > 0) { colour = c; if (c[3] >= 1) break; }
  }
  const app = parse(getComputedStyle(document.querySelector('[data-testid="stApp"]') || document.body).backgroundColor) || [255, 255, 255, 1];
  return over(colour, over(app, [255, 255, 255, 1]));
};
const chartName = (chart, i) => {
  const title = chart.querySelector('.gtitle');
  return title && title.textContent.trim() ? `"${title.textContent.trim()}"` : `chart ${i + 1}`;
};
"""

# Every text a chart draws: tick labels, axis titles, legend texts, annotations, bar and tile
# texts, colour bar labels. Hover labels and the toolbar are not drawn until asked for.
CHART_TEXTS = COMMON + r"""
const texts = chart => [...chart.querySelectorAll('svg.main-svg text')]
  .filter(t => !t.closest('.hoverlayer') && t.textContent.trim() && shown(t));
"""

OVERLAPS = "() => {" + CHART_TEXTS + r"""
  const findings = [];
  [...document.querySelectorAll('.js-plotly-plot')].filter(shown).forEach((chart, i) => {
    const boxes = texts(chart).map(t => [t.textContent.trim(), t.getBoundingClientRect()]);
    for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
      const [ta, ra] = boxes[a], [tb, rb] = boxes[b];
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > 1 && h > 1) findings.push(`${chartName(chart, i)}: "${ta}" overlaps "${tb}" (${Math.round(w)}x${Math.round(h)} px)`);
    }
  });
  return findings;
}"""

# A card's text is truncated when it is wider than its box (cut or ended with an ellipsis) or
# when a word is broken across two lines ("contribution / s").
TRUNCATED = "() => {" + COMMON + r"""
  const findings = [];
  const cards = document.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricLabel"]');
  for (const card of cards) {
    if (!shown(card)) continue;
    const text = card.innerText.trim();
    for (const el of [card, ...card.querySelectorAll('*')]) {
      if (!shown(el) || !el.innerText || !el.innerText.trim()) continue;
      const style = getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible' || style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) {
        findings.push(`card text "${text}" is cut (${el.scrollWidth} px in ${el.clientWidth} px)`); break;
      }
    }
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/[^\s\u00a0\u202f]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1 && !/[\u3000-\u9fff\uff00-\uffef]/.test(m[0])) findings.push(`card text "${text}" breaks the word "${m[0]}" across lines`);
      }
    }
  }
  return findings;
}"""

# Every visible text on the page (HTML text nodes and chart SVG texts) and its font size.
SMALL_TEXT = "min => {" + COMMON + r"""
  const findings = [], seen = new Set();
  const root = document.querySelector('[data-testid="stMain"]') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement, text = node.textContent.trim();
    if (!text || !el || el.closest('.hoverlayer, .modebar-container, [data-testid="stTooltipContent"], script, style')) continue;
    if (!shown(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    const key = text + size;
    if (size < min - 0.01 && !seen.has(key)) { seen.add(key); findings.push(`"${text.slice(0, 60)}" is ${size} px`); }
  }
  return findings;
}"""

# A value on a bar against the bar behind it. A hatched bar's fill is a pattern: the value must
# read on both its stripes and its background (transparent: the plot's background). A value
# drawn outside its bar is measured against the plot's background. In presenter mode a trace
# that writes values must write one on every bar (`every_bar`).
BAR_VALUES = "every_bar => {" + CHART_TEXTS + r"""
  const findings = [];
  [...document.querySelectorAll('.js-plotly-plot')].filter(shown).forEach((chart, i) => {
    const svg = chart.querySelector('svg.main-svg');
    const plotBg = over(parse(getComputedStyle(chart.querySelector('rect.bg') || svg).fill) || [0, 0, 0, 0], backdrop(svg));
    const name = chartName(chart, i);
    chart.querySelectorAll('.barlayer .trace').forEach(trace => {
      const points = [...trace.querySelectorAll('.point')];
      const withText = points.filter(p => p.querySelector('text') && p.querySelector('text').textContent.trim());
      if (every_bar) {
        // a value is an upright bar's when a text of the chart is centred over the bar's width, above
        // its base (a year's tick label under it does not count); a lying bar's when it is centred
        // across the bar's height, from its base on (a name written above the bar does not count)
        const lying = ((trace.__data__ || [])[0] || {}).trace?.orientation === 'h';
        const boxes = texts(chart).map(t => t.getBoundingClientRect());
        points.forEach(p => {
          const bar = p.querySelector('path');
          if (!bar || !shown(bar)) return;
          const b = bar.getBoundingClientRect();
          const over = lying
            ? r => r.y + r.height / 2 >= b.top && r.y + r.height / 2 <= b.bottom && r.left >= b.left - 1
            : r => r.x + r.width / 2 >= b.left && r.x + r.width / 2 <= b.right && r.bottom <= b.bottom + 1;
          if (b.height > 0.5 && b.width > 0.5 && !boxes.some(over))
            findings.push(`${name}: a bar at ${lying ? 'y' : 'x'}=${Math.round(lying ? b.y : b.x)} px carries no value`);
        });
      }
      withText.forEach(p => {
        const text = p.querySelector('text'), bar = p.querySelector('path');
        if (!shown(text)) return;
        const colour = over(parse(getComputedStyle(text).fill) || [0, 0, 0, 1], plotBg);
        const t = text.getBoundingClientRect(), b = bar.getBoundingClientRect();
        const cx = t.x + t.width / 2, cy = t.y + t.height / 2;
        const inside = cx >= b.left && cx <= b.right && cy >= b.top && cy <= b.bottom;
        let fills = [plotBg];
        if (inside) {
          const fill = getComputedStyle(bar).fill;
          const pattern = /url\("?#([^")]+)"?\)/.exec(fill);
          if (pattern) {
            const node = document.getElementById(pattern[1]);
            const rect = node && node.querySelector('rect');
            const back = rect ? over(parse(getComputedStyle(rect).fill) || [0, 0, 0, 0], plotBg) : plotBg;
            const marks = node ? [...node.querySelectorAll('path, circle')] : [];
            fills = [back].concat(marks.map(m => {
              const s = getComputedStyle(m);
              const c = parse(s.stroke !== 'none' ? s.stroke : s.fill);
              return c ? over(c, back) : back;
            }));
          } else {
            fills = [over(parse(fill) || [0, 0, 0, 0], plotBg)];
          }
        }
        const worst = Math.min(...fills.map(f => contrast(colour, f)));
        if (worst < 3) findings.push(`${name}: value "${text.textContent.trim()}" has contrast ${worst.toFixed(2)}:1 on its ${inside ? 'bar' : 'background'}`);
      });
    });
  });
  return findings;
}"""

# The bottom of every chart, for charts that must sit above the fold.
CHART_BOTTOMS = "() => [...document.querySelectorAll('.js-plotly-plot')].map(c => c.getBoundingClientRect().bottom + window.scrollY)"


def overlapping_texts(page) -> list[str]:
    return page.evaluate(OVERLAPS)


def truncated_cards(page) -> list[str]:
    return page.evaluate(TRUNCATED)


def small_texts(page, minimum: float = 16) -> list[str]:
    return page.evaluate(SMALL_TEXT, minimum)


def faint_bar_values(page, every_bar: bool = False) -> list[str]:
    return page.evaluate(BAR_VALUES, every_bar)


# Names a chart must draw: each of `names` written whole in one text of the chart titled `title`
# (a tick label, a bar's or tile's text, an annotation), shown and inside the chart's frame.
# Spaces and line breaks are ignored ("Universities,<br>research" is drawn "Universities,research").
# A treemap left out the name of every tile too small for it, and a name cut by the chart's edge
# is not read either.
UNNAMED = "([title, names]) => {" + CHART_TEXTS + r"""
  const squeeze = s => s.replace(/[\s\u00a0\u202f]+/g, '');
  const charts = [...document.querySelectorAll('.js-plotly-plot')].filter(shown)
    .filter(c => c.querySelector('.gtitle') && squeeze(c.querySelector('.gtitle').textContent) === squeeze(title));
  if (charts.length !== 1) return [`${charts.length} charts titled "${title}" on the page`];
  const chart = charts[0], frame = chart.getBoundingClientRect();
  const whole = r => r.left >= frame.left - 1 && r.right <= frame.right + 1 && r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1;
  const drawn = texts(chart).filter(t => whole(t.getBoundingClientRect())).map(t => squeeze(t.textContent));
  return names.filter(name => !drawn.some(text => text.includes(squeeze(name))))
              .map(name => `"${title}" does not show the name "${name}" whole`);
}"""


def unnamed(page, title: str, names: list[str]) -> list[str]:
    """The `names` that the chart titled `title` does not draw whole and visible."""
    return page.evaluate(UNNAMED, [title, list(names)])


# A colour bar's title, its bar and its tick labels, each clear of the others and inside the
# chart's frame (the map in presenter type printed its title over the top tick).
COLOUR_BARS = "() => {" + CHART_TEXTS + r"""
  const findings = [];
  const crossing = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
                             && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  [...document.querySelectorAll('.js-plotly-plot')].filter(shown).forEach((chart, i) => {
    const frame = chart.getBoundingClientRect(), name = chartName(chart, i);
    chart.querySelectorAll('g.colorbar').forEach(bar => {
      const fill = bar.querySelector('.cbfills');
      const title = [...bar.querySelectorAll('.cbtitle text')].filter(t => t.textContent.trim() && shown(t));
      const ticks = [...bar.querySelectorAll('.cbaxis text')].filter(t => t.textContent.trim() && shown(t));
      if (!fill || !ticks.length) { findings.push(`${name}: a colour bar without its bar or ticks`); return; }
      const parts = [['the bar', fill.getBoundingClientRect()],
                     ...title.map(t => [`title "${t.textContent.trim()}"`, t.getBoundingClientRect()]),
                     ...ticks.map(t => [`tick "${t.textContent.trim()}"`, t.getBoundingClientRect()])];
      for (const [what, box] of parts) {
        if (box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1)
          findings.push(`${name}: the colour bar's ${what} is cut by the chart's edge`);
      }
      for (let a = 0; a < parts.length; a++) for (let b = a + 1; b < parts.length; b++) {
        const [wa, ra] = parts[a], [wb, rb] = parts[b];
        if (crossing(ra, rb)) findings.push(`${name}: the colour bar's ${wa} overlaps its ${wb}`);
      }
    });
  });
  return findings;
}"""


def colour_bar_clashes(page) -> list[str]:
    return page.evaluate(COLOUR_BARS)
