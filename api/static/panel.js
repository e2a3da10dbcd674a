/* 政策問答: the citation panel, a dialog beside the chat (a sheet over it on phones).
 *
 * It shows the cited lines with the quote highlighted. A cited table row is shown as labelled
 * fields (主辦, 協辦, 年度目標, 辦理等級 …, named by the table's own header) with the quoted cell
 * highlighted; the original line is one click away. Focus moves into the dialog when it opens, and
 * Esc or the close button returns it to the marker it came from.
 */
"use strict";

const CitationPanel = (() => {
  const { $, el, escapeHtml, api, errorMessage, linesLabel } = Common;
  const els = {
    panel: $("#panel"), title: $("#panel-title"), meta: $("#panel-meta"), quote: $("#panel-quote"),
    toggle: $("#panel-toggle"), fields: $("#panel-fields"), lines: $("#panel-lines"), close: $("#panel-close"),
  };
  let opener = null;
  let showing = "fields";

  function showTabs(html) {
    return html.replace(/\t/g, '<span class="cell-sep">\t</span>');
  }

  function highlight(text, quote) {
    const at = quote ? text.indexOf(quote) : -1;
    if (at < 0) return showTabs(escapeHtml(text));
    return showTabs(escapeHtml(text.slice(0, at))) + `<mark>${showTabs(escapeHtml(quote))}</mark>`
      + showTabs(escapeHtml(text.slice(at + quote.length)));
  }

  /* The part of the quote on this line: a multi-line quote (a KPI's name to its value) spans lines. */
  function partOn(text, quote) {
    if (text.includes(quote)) return quote;
    return quote.split("\n").map((p) => p.trim()).filter(Boolean).find((p) => text.includes(p)) || null;
  }

  function renderLines(span, citation) {
    els.lines.replaceChildren(...span.lines.map((line) => {
      const part = line.cited ? partOn(line.text, citation.quote) : null;
      return el("li", { class: line.cited ? "cited" : "", value: String(line.number), "data-line": String(line.number) },
        el("span", { class: "line-no", text: String(line.number), "aria-hidden": "true" }),
        el("span", { class: "line-text", html: highlight(line.text, part),
          "aria-label": `第${line.number}行${line.location ? `（${line.location}）` : ""}` }));
    }));
  }

  function renderFields(row, citation) {
    els.fields.replaceChildren();
    for (const cell of row.cells) {
      if (!cell.text) continue;
      const part = partOn(cell.text, citation.quote);
      els.fields.append(el("div", { class: part ? "field quoted" : "field" },
        el("dt", { text: cell.label || "（未命名欄）" }),
        el("dd", { html: part ? highlight(cell.text, part) : escapeHtml(cell.text) })));
    }
  }

  function show(view) {
    showing = view;
    const fields = view === "fields" && !els.toggle.hidden;
    els.fields.hidden = !fields;
    els.lines.hidden = fields;
    els.toggle.textContent = fields ? "顯示原文" : "顯示欄位";
    els.toggle.setAttribute("aria-pressed", String(!fields));
  }

  async function open(citation, from) {
    opener = from || opener;
    els.panel.hidden = false;
    document.body.classList.add("panel-open");
    els.title.textContent = `出處${citation.id}：${citation.title}`;
    els.meta.textContent = `${citation.file}．${linesLabel(citation)}`;
    els.quote.textContent = `引文：「${citation.quote}」`;
    els.toggle.hidden = true;
    els.fields.hidden = true;
    els.lines.hidden = false;
    els.lines.replaceChildren(el("li", { class: "loading", text: "載入原文…" }));
    els.panel.focus({ preventScroll: true });
    const params = new URLSearchParams({ from: citation.line, to: citation.end_line || citation.line, context: 3 });
    const reply = await api(`/api/documents/${encodeURIComponent(citation.file)}/lines?${params}`);
    if (!reply.ok) {
      els.lines.replaceChildren(el("li", { class: "loading", text: await errorMessage(reply) }));
      return;
    }
    const span = await reply.json();
    renderLines(span, citation);
    const row = span.lines.find((line) => line.cited && line.cells);
    if (row && citation.line === citation.end_line) {
      renderFields(row, citation);
      els.toggle.hidden = false;
    }
    show("fields");
    const target = $(".quoted", els.fields) || $("mark", els.lines) || $(".cited", els.lines);
    if (target && !target.closest("[hidden]")) target.scrollIntoView({ block: "center" });
  }

  function close() {
    if (els.panel.hidden) return;
    els.panel.hidden = true;
    document.body.classList.remove("panel-open");
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  }

  els.close.addEventListener("click", close);
  els.toggle.addEventListener("click", () => show(showing === "fields" ? "lines" : "fields"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !els.panel.hidden && !document.querySelector("dialog[open]")) {
      event.preventDefault();
      close();
    }
  });

  return { open, close };
})();
