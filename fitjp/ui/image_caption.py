"""A chart saved as PNG keeps its caption. Plotly's camera button saves the figure alone: its
title, but not the lines under it that say which filters, data date and source it shows. A
chart taken into a report without them cannot be traced to its source.

So, page-wide: a click on a chart's camera button gives the saved image a copy of the chart's
layout with its caption written under the plot, in a strip added below it. The chart on the
screen is not touched: the copy, and the taller size, are handed to Plotly only for the time
of the click (its snapshot copies them at once) and the chart's own are put back.

figures.chart writes each chart's captions in a container keyed `caption_<chart key>`: that is
how the script finds them. The script writes no "<" followed by a letter or "/": Streamlit's
HTML sanitiser drops a script whose text has one.
"""

CAPTION_KEY = "caption_{key}"

IMAGE_CAPTION_SCRIPT = r"""<script>
if (!window.fitjpImageCaption) {
  window.fitjpImageCaption = true;
  const LINE = 17, FONT = 12, PAD = 12;

  // The caption's text, from the container keyed after the chart's own key.
  function captionOf(chart) {
    const keyed = chart.closest('[class*="st-key-"]');
    const key = keyed && [...keyed.classList].find((name) => name.startsWith("st-key-"));
    const box = key && document.querySelector(".st-key-caption_" + key.slice("st-key-".length));
    return box ? box.innerText.trim() : "";
  }

  // Lines that fit `width` pixels as the figure's font draws them: broken between words, or
  // between any two characters of Japanese, which has no spaces.
  function wrapped(text, width, font) {
    const pen = document.createElement("canvas").getContext("2d");
    pen.font = FONT + "px " + font;
    const lines = [];
    for (const paragraph of text.split(/\n+/)) {
      let line = "";
      for (const piece of paragraph.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+|\s+/g) || []) {
        if (line.trim() && pen.measureText(line + piece).width > width) { lines.push(line.trim()); line = piece.trim(); }
        else line += piece;
      }
      if (line.trim()) lines.push(line.trim());
    }
    return lines;
  }

  function escaped(text) {
    return text.replace(/&/g, "&amp;").replace(/\u003c/g, "&lt;").replace(/>/g, "&gt;");
  }

  function layoutWithCaption(chart, text) {
    // _size: the margins as drawn, after a legend or an axis title pushed them out
    const full = chart._fullLayout, margin = full._size;
    const lines = wrapped(text, full.width - 2 * PAD, full.font.family);
    const strip = lines.length * LINE + 2 * PAD;
    const note = {text: lines.map(escaped).join("\u003cbr>"), showarrow: false, align: "left",
                  xref: "paper", yref: "paper", x: 0, xanchor: "left", xshift: PAD - margin.l,
                  y: 0, yanchor: "top", yshift: -margin.b - PAD, font: {size: FONT}};
    const height = full.height + strip, extra = {};
    if (full.showlegend && full.legend.yref === "container") {  // a legend held to the bottom edge stays above the strip
      extra.legend = Object.assign({}, chart.layout.legend, {y: (full.legend.y * full.height + strip) / height});
    }
    return Object.assign({}, chart.layout, extra, {
      width: full.width, height: height,
      margin: Object.assign({}, chart.layout.margin, {l: margin.l, r: margin.r, t: margin.t, b: margin.b + strip}),
      annotations: (chart.layout.annotations || []).concat([note]),
    });
  }

  // Capturing: this runs before the camera button's own handler, which copies the layout.
  document.addEventListener("click", (event) => {
    const button = event.target.closest('.modebar-btn[data-title^="Download plot"]');
    const chart = button && button.closest(".js-plotly-plot");
    const text = chart && captionOf(chart);
    if (!text) return;
    // The snapshot takes its size from the button's options, and its layout from the chart.
    const own = chart.layout, ownOptions = chart._context.toImageButtonOptions;
    chart.layout = layoutWithCaption(chart, text);
    chart._context.toImageButtonOptions = Object.assign({}, ownOptions,
      {width: chart.layout.width, height: chart.layout.height});
    chart.dataset.savedCaption = text;
    setTimeout(() => { chart.layout = own; chart._context.toImageButtonOptions = ownOptions; }, 0);
  }, true);
}
</script>"""
