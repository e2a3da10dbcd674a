/* 政策問答: the chat page. Plain JavaScript, no build step, no external resources.
 *
 * The server keeps no conversation: every question is sent with the earlier turns (history).
 * Answers stream as Server-Sent Events (delta pieces, then a final event with the full response),
 * are rendered from their Markdown, and every [n] marker opens the cited lines in the side panel.
 */
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);

const els = {
  log: $("#log"), welcome: $("#welcome"), form: $("#composer"), question: $("#question"),
  draft: $("#draft"), send: $("#send"), clear: $("#clear"), status: $("#status"),
  historyNote: $("#history-note"), panel: $("#panel"), panelTitle: $("#panel-title"),
  panelMeta: $("#panel-meta"), panelQuote: $("#panel-quote"), panelLines: $("#panel-lines"),
  panelClose: $("#panel-close"), keyDialog: $("#key-dialog"), keyInput: $("#key-input"),
};

const state = {
  history: [],          // [{question, answer, filters}] sent back with each question
  responses: new Map(), // card id -> AnswerResponse, for citations, copy and CSV
  ready: false,
  busy: false,
  apiKey: sessionStorage.getItem("policy-qa-key") || "",
};

/* ---------- small helpers ---------- */

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => (
    { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "html") node.innerHTML = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function flash(button, text) {
  const original = button.textContent;
  button.textContent = text;
  button.disabled = true;
  setTimeout(() => { button.textContent = original; button.disabled = false; }, 1500);
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http on another host is not a secure context: fall back to a hidden textarea.
  const area = el("textarea", { class: "visually-hidden" });
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/* ---------- a tiny Markdown renderer: headings, lists, tables, quotes, bold, code, [n] ---------- */

// A citation marker is exactly [n]: ASCII brackets, one integer, a citation the answer has. [1,9], ［9］ and
// 【10】 are text, and so is a source's own bracket text, which the server escapes as \[9\].
const MARKER = /\[([1-9][0-9]{0,5})\]/g;
const ESCAPED = /\\([\\`*_\[\]])/g;
const HELD = /\uE000(\d+)\uE001/g;

function inline(text, citeIds) {
  const held = [];
  let html = escapeHtml(text).replace(ESCAPED, (whole, char) => `\uE000${held.push(char) - 1}\uE001`);
  html = html.replace(/`([^`]+)`/g, "<code>$1</code>");
  html = html.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
  html = html.replace(MARKER, (whole, id) => (citeIds.has(Number(id))
    ? `<button type="button" class="cite" data-cite="${id}" title="開啟出處 ${id}">${id}</button>` : whole));
  return html.replace(HELD, (whole, index) => held[Number(index)]);
}

function tableHtml(rows, citeIds) {
  const cells = (row) => row.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
  const [head, , ...body] = rows;
  return `<div class="table-wrap"><table><thead><tr>${cells(head).map((c) => `<th>${inline(c, citeIds)}</th>`).join("")}`
    + `</tr></thead><tbody>${body.map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c, citeIds)}</td>`).join("")}</tr>`)
      .join("")}</tbody></table></div>`;
}

// `citeIds`: the ids of the answer's citations; while an answer streams there are none yet, so no buttons.
function renderMarkdown(markdown, citeIds = new Set()) {
  const lines = String(markdown).replace(/\r\n?/g, "\n").split("\n");
  const out = [];
  let paragraph = [];
  let list = null; // {tag, items}

  const flushParagraph = () => {
    if (paragraph.length) out.push(`<p>${paragraph.map((line) => inline(line, citeIds)).join("<br>")}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li${i.nested ? ' class="nested"' : ""}>${inline(i.text, citeIds)}</li>`).join("")}</${list.tag}>`);
    list = null;
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    let match;
    if (!line.trim()) { flushParagraph(); flushList(); continue; }
    if ((match = line.match(/^(#{1,6})\s+(.*)$/))) {
      flushParagraph(); flushList();
      const level = Math.min(6, match[1].length + 2);
      out.push(`<h${level}>${inline(match[2], citeIds)}</h${level}>`);
    } else if (/^\s*\|.*\|\s*$/.test(line) && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1] || "")) {
      flushParagraph(); flushList();
      const rows = [];
      while (i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i])) rows.push(lines[i++]);
      i -= 1;
      out.push(tableHtml(rows, citeIds));
    } else if ((match = line.match(/^(\s*)([-*+]|\d+[.)])\s+(.*)$/))) {
      flushParagraph();
      const tag = /\d/.test(match[2]) ? "ol" : "ul";
      if (list && list.tag !== tag && !match[1]) flushList();
      if (!list) list = { tag, items: [] };
      list.items.push({ text: match[3], nested: match[1].length >= 2 });
    } else if ((match = line.match(/^>\s?(.*)$/))) {
      flushParagraph(); flushList();
      out.push(`<blockquote>${inline(match[1], citeIds)}</blockquote>`);
    } else if (list && /^\s{2,}\S/.test(line)) {
      list.items[list.items.length - 1].text += ` ${line.trim()}`;
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return out.join("");
}

function plainText(markdown) {
  return String(markdown).replace(/\*\*([^*]+)\*\*/g, "$1").replace(/`([^`]+)`/g, "$1").replace(/^#{1,6}\s+/gm, "");
}

/* ---------- what the answer says about itself ---------- */

const FILTER_LABELS = {
  intent: "問題類型", follow_up: "追問", agency: "機關", agency_role: "角色", status: "辦理等級",
  years: "年度（民國）", files: "文件", record_type: "資料類型", kpi_code: "KPI 代碼", kpi_name: "KPI 名稱",
  group: "組別", category: "類別", outline: "綱要", topic: "關鍵詞", goal_code: "目標代碼", goal_name: "策略目標",
  measures: "指標", budget_items: "預算項目", target_met: "達標", rating: "自評燈號", wccd: "WCCD 指標",
  has_co_agency: "有協辦", item_no: "項次",
};
const VALUE_LABELS = {
  agency_role: { lead: "主辦", co: "協辦", lead_or_co: "主辦或協辦", kpi: "KPI 主責" },
  status: { A: "A 已完成或例行性業務", B: "B 執行中" },
  record_type: { progress_item: "市政白皮書項目", strategy_kpi: "施政綱要 KPI", kpi_result: "KPI 成果",
    budget_figure: "預算與人力", performance_goal: "績效目標" },
  intent: { list: "清單", count: "計數", lookup: "查詢數值", free: "一般問題", out_of_scope: "資料範圍外" },
  target_met: { true: "已達標", false: "未達標" },
  follow_up: { true: "沿用前題條件" },
};
// Internal or redundant parts of the reading, not shown as chips.
const HIDDEN_FILTERS = new Set(["question", "normalized", "language", "subject", "out_of_scope_reason"]);

/* The response's `filters` is either the filters themselves or the whole reading of the question
 * ({intent, filters: {...}, follow_up, ...}); flatten the latter into one set of chips. */
function readingOf(filters) {
  if (!filters || typeof filters !== "object") return {};
  if (filters.filters && typeof filters.filters === "object") {
    return { intent: filters.intent, follow_up: filters.follow_up || null, ...filters.filters };
  }
  return filters;
}

function filterChips(filters) {
  const chips = [];
  for (const [key, raw] of Object.entries(readingOf(filters))) {
    if (HIDDEN_FILTERS.has(key) || raw == null || raw === "" || (Array.isArray(raw) && !raw.length)) continue;
    if (typeof raw === "object" && !Array.isArray(raw)) continue;
    const show = (v) => {
      const mapped = (VALUE_LABELS[key] || {})[String(v)];
      if (mapped) return mapped;
      if (key === "files") return String(v).split("_")[0];
      if (typeof v === "boolean") return v ? "是" : "否";
      return String(v);
    };
    const values = (Array.isArray(raw) ? raw : [raw]).map(show);
    chips.push(el("span", { class: "chip", title: Array.isArray(raw) ? raw.join("、") : String(raw) },
      el("b", { text: FILTER_LABELS[key] || key }), ` ${values.join("、")}`));
  }
  return chips;
}

function statusOf(f) {
  const code = f.status_code ?? "";
  const label = f.status_label ?? f["辦理等級"] ?? f.status ?? f.rating ?? "";
  return String(label).startsWith(code) ? String(label) : `${code}${label}`;
}

function itemColumns(fields) {
  const f = fields || {};
  const join = (v) => (Array.isArray(v) ? v.join("、") : v == null ? "" : String(v));
  const co = f.co_agencies ?? f["協辦"];
  return {
    lead: join(f.lead_agency ?? f["主辦"] ?? f.agency ?? f.agencies),
    co: co === undefined ? "" : join(co) || "—",  // the table's "-": no co-agency
    status: statusOf(f),
  };
}

function citationLabel(c) {
  const lines = c.end_line && c.end_line !== c.line ? `第 ${c.line}–${c.end_line} 行` : `第 ${c.line} 行`;
  return `${c.title}（${c.file} ${lines}）`;
}

function answerWithSources(response) {
  const parts = [plainText(response.answer).trim()];
  if (response.citations.length) {
    parts.push("", "來源：");
    for (const c of response.citations) parts.push(`[${c.id}] ${citationLabel(c)}：「${c.quote}」`);
  }
  return parts.join("\n");
}

function itemRows(response) {
  return response.items.map((item) => {
    const cols = itemColumns(item.fields);
    return [item.label, cols.lead, cols.co, cols.status];
  });
}

const ITEM_HEADER = ["項目", "主辦", "協辦", "辦理等級"];

function csvOf(rows) {
  const cell = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return "\ufeff" + rows.map((r) => r.map((v) => cell(String(v ?? ""))).join(",")).join("\r\n") + "\r\n";
}

/* ---------- rendering a turn ---------- */

let cardCounter = 0;

function addUserBubble(question) {
  els.welcome.hidden = true;
  const bubble = el("div", { class: "turn user" }, el("div", { class: "bubble", text: question }));
  els.log.append(bubble);
  bubble.scrollIntoView({ block: "end" });
}

function addPendingCard() {
  const card = el("article", { class: "turn answer pending", "aria-busy": "true" },
    el("div", { class: "answer-body" }, el("p", { class: "thinking", text: "查詢中…" })));
  els.log.append(card);
  card.scrollIntoView({ block: "end" });
  return card;
}

function itemsTable(response) {
  const rows = itemRows(response);
  const table = el("table", { class: "items" });
  table.append(el("thead", {}, el("tr", {}, ...ITEM_HEADER.map((h) => el("th", { text: h })), el("th", { text: "出處" }))));
  const body = el("tbody");
  response.items.forEach((item, i) => {
    const cites = el("td", { class: "item-cites" });
    for (const id of item.citations || []) {
      cites.append(el("button", { type: "button", class: "cite", "data-cite": String(id), title: `開啟出處 ${id}`, text: String(id) }));
    }
    const cells = rows[i].map((value, col) => {
      if (col === 1 || col === 2) return el("td", { class: "agency", text: value.replace(/、/g, "、\u200b") });
      if (col === 3) return el("td", { text: value, class: /^B/.test(value) ? "status-b" : /^A/.test(value) ? "status-a" : "" });
      return el("td", { text: value });
    });
    body.append(el("tr", {}, ...cells, cites));
  });
  table.append(body);

  const copyButton = el("button", { type: "button", class: "secondary small", text: "複製表格" });
  copyButton.addEventListener("click", async () => {
    await copyText([ITEM_HEADER, ...rows].map((r) => r.join("\t")).join("\n"));
    flash(copyButton, "已複製");
  });
  const csvButton = el("button", { type: "button", class: "secondary small", text: "下載 CSV" });
  csvButton.addEventListener("click", () => download("政策問答清單.csv", csvOf([ITEM_HEADER, ...rows]), "text/csv;charset=utf-8"));

  return el("section", { class: "items-block" },
    el("div", { class: "items-head" }, el("h3", { text: `清單（共 ${response.items.length} 項）` }),
      el("div", { class: "actions" }, copyButton, csvButton)),
    el("div", { class: "table-wrap" }, table));
}

function sourcesList(response) {
  const list = el("ol", { class: "sources" });
  for (const c of response.citations) {
    list.append(el("li", {},
      el("button", { type: "button", class: "source", "data-cite": String(c.id) },
        el("span", { class: "source-id", text: `[${c.id}]` }),
        el("span", { class: "source-where", text: citationLabel(c) }),
        el("span", { class: "source-quote", text: `「${c.quote}」` }))));
  }
  return el("details", { class: "sources-block", open: "" }, el("summary", { text: `來源（${response.citations.length}）` }), list);
}

function renderCard(card, response, mode) {
  const id = `a${++cardCounter}`;
  state.responses.set(id, response);
  card.dataset.card = id;
  card.classList.remove("pending");
  card.removeAttribute("aria-busy");
  card.classList.toggle("refusal", response.refused);
  card.replaceChildren();

  const head = el("div", { class: "answer-head" });
  if (response.refused) head.append(el("span", { class: "badge refusal-badge", text: "無法回答" }));
  else if (mode === "draft") head.append(el("span", { class: "badge draft-badge", text: "新聞稿草稿" }));
  const chips = filterChips(response.filters);
  if (chips.length) head.append(el("div", { class: "filters" }, el("span", { class: "filters-label", text: "判讀條件：" }), ...chips));
  if (head.childNodes.length) card.append(head);

  const citeIds = new Set(response.citations.map((c) => c.id));
  card.append(el("div", { class: "answer-body", html: renderMarkdown(response.answer, citeIds) }));
  if (response.refused) {
    const reason = response.filters?.out_of_scope_reason;
    if (reason) card.append(el("p", { class: "refusal-reason", text: reason }));
    card.append(el("p", { class: "refusal-note", text: "文件中找不到可以引用的依據，因此不作推測。可以換個說法，或指定年度、機關再問一次。" }));
  }
  const listed = response.kind === "list" || response.kind === "count";
  if (listed && response.items.length) card.append(itemsTable(response));
  if (response.citations.length) card.append(sourcesList(response));

  const copyButton = el("button", { type: "button", class: "secondary small", text: "複製答案與來源" });
  copyButton.addEventListener("click", async () => {
    await copyText(answerWithSources(response));
    flash(copyButton, "已複製");
  });
  card.append(el("div", { class: "actions footer" }, copyButton));
}

function renderError(card, message) {
  card.classList.remove("pending");
  card.classList.add("error");
  card.removeAttribute("aria-busy");
  card.replaceChildren(el("p", {}, el("span", { class: "badge error-badge", text: "錯誤" }), ` ${message}`));
}

/* ---------- talking to the API ---------- */

function headers(extra = {}) {
  const h = { ...extra };
  if (state.apiKey) h.Authorization = `Bearer ${state.apiKey}`;
  return h;
}

async function askForKey() {
  els.keyInput.value = "";
  els.keyDialog.showModal();
  const result = await new Promise((resolve) => els.keyDialog.addEventListener("close", () => resolve(els.keyDialog.returnValue), { once: true }));
  if (result === "ok" && els.keyInput.value.trim()) {
    state.apiKey = els.keyInput.value.trim();
    sessionStorage.setItem("policy-qa-key", state.apiKey);
    return true;
  }
  return false;
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    return body.error?.message || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/* Parse an SSE body: calls onEvent(name, data) for each complete event. */
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let name = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) name = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length) onEvent(name, JSON.parse(data.join("\n")));
    }
    if (done) return;
  }
}

async function ask(question) {
  const mode = els.draft.checked ? "draft" : "answer";
  addUserBubble(question);
  const card = addPendingCard();
  setBusy(true);
  try {
    const body = JSON.stringify({ question, history: state.history, mode });
    let response = await fetch("/api/ask", { method: "POST", body,
      headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }) });
    if (response.status === 401 && await askForKey()) {
      response = await fetch("/api/ask", { method: "POST", body,
        headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }) });
    }
    if (!response.ok) {
      renderError(card, await errorMessage(response));
      return;
    }
    let streamed = "";
    let final = null;
    const live = el("div", { class: "answer-body streaming" });
    card.replaceChildren(live);
    await readEvents(response, (event, data) => {
      if (event === "delta") {
        streamed += data.text;
        live.innerHTML = renderMarkdown(streamed);
      } else if (event === "final") {
        final = data;
      }
    });
    if (!final) {
      renderError(card, "回應中斷，請再試一次。");
      return;
    }
    renderCard(card, final, mode);
    card.scrollIntoView({ block: "start" });
    state.history.push({ question, answer: final.answer, filters: final.filters });
    updateHistoryNote();
  } catch (error) {
    renderError(card, `無法連線到服務（${error.message}）`);
  } finally {
    setBusy(false);
  }
}

/* ---------- the source panel ---------- */

function showTabs(html) {
  return html.replace(/\t/g, '<span class="cell-sep">\t</span>');
}

function highlight(text, quote) {
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) return showTabs(escapeHtml(text));
  return showTabs(escapeHtml(text.slice(0, at))) + `<mark>${showTabs(escapeHtml(quote))}</mark>`
    + showTabs(escapeHtml(text.slice(at + quote.length)));
}

async function openCitation(cardId, citeId) {
  const response = state.responses.get(cardId);
  const citation = response?.citations.find((c) => String(c.id) === String(citeId));
  if (!citation) return;
  els.panel.hidden = false;
  document.body.classList.add("panel-open");
  els.panelTitle.textContent = `[${citation.id}] ${citation.title}`;
  els.panelMeta.textContent = `${citation.file}．${citation.end_line !== citation.line ? `第 ${citation.line}–${citation.end_line} 行` : `第 ${citation.line} 行`}`;
  els.panelQuote.textContent = `引文：「${citation.quote}」`;
  els.panelLines.replaceChildren(el("li", { class: "loading", text: "載入原文…" }));
  const params = new URLSearchParams({ from: citation.line, to: citation.end_line || citation.line, context: 3 });
  const reply = await fetch(`/api/documents/${encodeURIComponent(citation.file)}/lines?${params}`, { headers: headers() });
  if (!reply.ok) {
    els.panelLines.replaceChildren(el("li", { class: "loading", text: await errorMessage(reply) }));
    return;
  }
  const span = await reply.json();
  const quoteParts = citation.quote.split("\n");
  els.panelLines.replaceChildren(...span.lines.map((line) => {
    const part = line.cited ? quoteParts.find((p) => p && line.text.includes(p)) : null;
    return el("li", { class: line.cited ? "cited" : "", value: String(line.number), "data-line": String(line.number) },
      el("span", { class: "line-no", text: String(line.number) }),
      el("span", { class: "line-text", html: line.cited ? highlight(line.text, part) : showTabs(escapeHtml(line.text)) }));
  }));
  const target = $("mark", els.panelLines) || $(".cited", els.panelLines);
  if (target) target.scrollIntoView({ block: "center" });
  els.panelClose.focus({ preventScroll: true });
}

function closePanel() {
  els.panel.hidden = true;
  document.body.classList.remove("panel-open");
}

/* ---------- page state ---------- */

function setBusy(busy) {
  state.busy = busy;
  els.send.disabled = busy || !state.ready;
  els.send.textContent = busy ? "查詢中…" : "送出";
}

function updateHistoryNote() {
  els.historyNote.textContent = state.history.length ? `追問會帶入前 ${state.history.length} 題` : "";
}

async function pollReadiness() {
  try {
    const reply = await fetch("/readyz");
    const body = await reply.json();
    state.ready = body.ready;
    els.status.textContent = body.ready ? `已就緒．${body.documents} 份文件` : body.state === "failed" ? "索引無法開啟" : "索引建立中…";
    els.status.className = `status ${body.ready ? "status-ok" : body.state === "failed" ? "status-bad" : "status-wait"}`;
    if (body.state === "failed") els.status.title = body.message;
  } catch {
    state.ready = false;
    els.status.textContent = "無法連線";
    els.status.className = "status status-bad";
  }
  setBusy(state.busy);
  if (!state.ready) setTimeout(pollReadiness, 2000);
}

els.form.addEventListener("submit", (event) => {
  event.preventDefault();
  const question = els.question.value.trim();
  if (!question || state.busy || !state.ready) return;
  els.question.value = "";
  ask(question);
});

els.question.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    els.form.requestSubmit();
  }
});

els.clear.addEventListener("click", () => {
  state.history = [];
  state.responses.clear();
  els.log.replaceChildren(els.welcome);
  els.welcome.hidden = false;
  updateHistoryNote();
  closePanel();
});

els.log.addEventListener("click", (event) => {
  const example = event.target.closest(".example");
  if (example) {
    els.question.value = example.textContent;
    els.form.requestSubmit();
    return;
  }
  const cite = event.target.closest("[data-cite]");
  const card = cite?.closest("[data-card]");
  if (cite && card) openCitation(card.dataset.card, cite.dataset.cite);
});

els.panelClose.addEventListener("click", closePanel);
document.addEventListener("keydown", (event) => { if (event.key === "Escape" && !els.panel.hidden) closePanel(); });

pollReadiness();
