/* 政策問答: an answer's chart, drawn with Vega-Lite through vega-embed (vendored in /static/vendor/).
 *
 * The response's `chart` carries the plotted rows (`data`) and a Vega-Lite spec without data; the
 * page joins the two, draws SVG (so the chart scales and has an accessible name), and offers the
 * picture as PNG or SVG. Expressions are interpreted (`ast: true`), never compiled with eval, so the
 * page works under a strict Content-Security-Policy.
 */
"use strict";

const PolicyCharts = (() => {
  const { el, download, downloadUrl } = Common;
  const FONT = '"Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", sans-serif';
  const NARROW_PX = 520;  // below this width (phones) long category labels are cut, the tooltip keeps them whole

  function config(width) {
    const narrow = width < NARROW_PX;
    return {
      font: FONT,
      axis: { labelFontSize: 12, titleFontSize: 12, labelColor: "#1d2733", titleColor: "#1d2733" },
      axisY: { labelLimit: narrow ? 110 : 260 },
      legend: { labelFontSize: 12, titleFontSize: 12, labelColor: "#1d2733", labelLimit: narrow ? 300 : 400 },
      header: { labelFontSize: 12, labelColor: "#1d2733", labelLimit: narrow ? 150 : 240 },
      range: { category: ["#1f4e79", "#d9822b", "#0f7b6c", "#8e44ad", "#b42318", "#5b6775"] },
      view: { stroke: null },
    };
  }

  function fileStem(title) {
    return String(title).replace(/[\\/:*?"<>|\s]+/g, "").slice(0, 40) || "chart";
  }

  /* A <figure> for `chart`; drawing is asynchronous and `figure.dataset.rendered` says when it is done. */
  function render(chart) {
    const target = el("div", { class: "chart-canvas", tabindex: "0", role: "region", "aria-label": `圖表：${chart.title}` });
    const png = el("button", { type: "button", class: "secondary small", text: "下載 PNG", disabled: true,
      "aria-label": `下載 PNG：${chart.title}` });
    const svg = el("button", { type: "button", class: "secondary small", text: "下載 SVG", disabled: true,
      "aria-label": `下載 SVG：${chart.title}` });
    const figure = el("figure", { class: "chart", "data-kind": chart.kind },
      el("figcaption", {}, el("strong", { text: chart.title }), el("span", { class: "chart-description", text: chart.description })),
      target, el("div", { class: "actions" }, png, svg));
    const spec = { ...chart.spec, description: chart.description, data: { values: chart.data },
      autosize: { type: "fit-x", contains: "padding" } };
    requestAnimationFrame(async () => {
      if (target.clientWidth < NARROW_PX && spec.columns) spec.columns = 1;  // panels one under another on a phone
      try {
        const result = await vegaEmbed(target, spec, { renderer: "svg", actions: false, ast: true,
          config: config(target.clientWidth) });
        const drawn = target.querySelector("svg");
        if (drawn) {  // one picture with one name; the numbers are in the answer's table
          drawn.setAttribute("role", "img");
          drawn.setAttribute("aria-label", chart.description);
        }
        const stem = fileStem(chart.title);
        png.addEventListener("click", async () => downloadUrl(`${stem}.png`, await result.view.toImageURL("png", 2)));
        svg.addEventListener("click", async () => download(`${stem}.svg`, await result.view.toSVG(), "image/svg+xml"));
        png.disabled = svg.disabled = false;
        figure.dataset.rendered = "true";
      } catch (error) {
        target.replaceChildren(el("p", { class: "chart-error", text: `圖表無法繪製（${error.message}）` }));
        figure.dataset.rendered = "failed";
      }
    });
    return figure;
  }

  return { render };
})();
