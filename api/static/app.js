/* 政策問答: the chat page. Plain JavaScript, no build step, no external resources.
 *
 * The server keeps no conversation: every question is sent with the earlier turns (history).
 * Answers stream as Server-Sent Events (delta pieces, then a final event with the full response).
 * A list or count shows its summary and then its items once, as a table (paged past PAGE_ROWS rows);
 * a breakdown shows its table and its chart; a draft shows the press release with DOCX and text
 * downloads. Every [n] is a button named after its source (出處4：000 第43行) that opens the
 * citation panel; sources are grouped by document.
 */
"use strict";

const { $, el, escapeHtml, flash, copyText, download, api, errorMessage, shortFile, linesLabel } = Common;

const els = {
  log: $("#log"), welcome: $("#welcome"), form: $("#composer"), question: $("#question"),
  draft: $("#draft"), send: $("#send"), clear: $("#clear"), status: $("#status"), historyNote: $("#history-note"),
};

const PAGE_ROWS = 20;        // a longer table shows this many rows until it is expanded
const OPEN_SOURCES = 12;     // a source list longer than this starts collapsed

const state = {
  history: [],          // [{question, answer, filters}] sent back with each question
  cards: new Map(),     // card id -> {response, request}
  ready: false,
  busy: false,
};

/* ---------- citation markers ---------- */

function citeName(citation, id) {
  return citation ? `出處${citation.id}：${shortFile(citation.file)} ${linesLabel(citation)}` : `出處${id}`;
}

function citeButton(id, citations) {
  const citation = citations.get(String(id));
  return `<button type="button" class="cite" data-cite="${escapeHtml(id)}" aria-label="${escapeHtml(citeName(citation, id))}"`
    + ` title="${escapeHtml(citeName(citation, id))}">${escapeHtml(id)}</button>`;
}

/* ---------- a tiny Markdown renderer: headings, lists, tables, quotes, bold, code, [n] ---------- */

// A citation marker is exactly [n]: ASCII brackets, one integer, a citation the answer has. [1,9], ［9］ and
// 【10】 are text, and so is a source's own bracket text, which the server escapes as \[9\].
const MARKER = /\[([1-9][0-9]{0,5})\]/g;
const ESCAPED = /\\([\\`*_\[\]])/g;
const HELD = /\uE000(\d+)\uE001/g;

function inline(text, citations) {
  const held = [];
  let html = escapeHtml(text).replace(ESCAPED, (whole, char) => `\uE000${held.push(char) - 1}\uE001`);
  html = html.replace(/`([^`]+)`/g, "<code>$1</code>");
  html = html.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
  html = html.replace(MARKER, (whole, id) => (citations.has(String(id)) ? citeButton(id, citations) : whole));
  return html.replace(HELD, (whole, index) => held[Number(index)]);
}

function tableHtml(rows, citations) {
  const cells = (row) => row.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
  const [head, , ...body] = rows;
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="分組表"><table><thead><tr>`
    + `${cells(head).map((c) => `<th scope="col">${inline(c, citations)}</th>`).join("")}</tr></thead><tbody>`
    + `${body.map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c, citations)}</td>`).join("")}</tr>`).join("")}`
    + "</tbody></table></div>";
}

// `citations`: the answer's citations by id (as text); while an answer streams there are none yet, so no buttons.
function renderMarkdown(markdown, citations = new Map()) {
  const lines = String(markdown).replace(/\r\n?/g, "\n").split("\n");
  const out = [];
  let paragraph = [];
  let list = null; // {tag, items}

  const flushParagraph = () => {
    if (paragraph.length) out.push(`<p>${paragraph.map((p) => inline(p, citations)).join("<br>")}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li${i.nested ? ' class="nested"' : ""}>${inline(i.text, citations)}</li>`).join("")}</${list.tag}>`);
    list = null;
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    let match;
    if (!line.trim()) { flushParagraph(); flushList(); continue; }
    if ((match = line.match(/^(#{1,6})\s+(.*)$/))) {
      flushParagraph(); flushList();
      const level = Math.min(6, match[1].length + 2);
      out.push(`<h${level}>${inline(match[2], citations)}</h${level}>`);
    } else if (/^\s*\|.*\|\s*$/.test(line) && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1] || "")) {
      flushParagraph(); flushList();
      const rows = [];
      while (i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i])) rows.push(lines[i++]);
      i -= 1;
      out.push(tableHtml(rows, citations));
    } else if ((match = line.match(/^(\s*)([-*+]|\d+[.)])\s+(.*)$/))) {
      flushParagraph();
      const tag = /\d/.test(match[2]) ? "ol" : "ul";
      if (list && list.tag !== tag && !match[1]) flushList();
      if (!list) list = { tag, items: [] };
      list.items.push({ text: match[3], nested: match[1].length >= 2 });
    } else if ((match = line.match(/^>\s?(.*)$/))) {
      flushParagraph(); flushList();
      out.push(`<blockquote>${inline(match[1], citations)}</blockquote>`);
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

/* ---------- what the answer says about itself: chips in Chinese only ---------- */

const FILTER_LABELS = {
  intent: "問題類型", follow_up: "追問", agency: "機關", agency_role: "角色", status: "辦理等級",
  years: "年度（民國）", periods: "期別", files: "文件", record_type: "資料類型", kpi_code: "KPI 代碼",
  kpi_name: "KPI 名稱", group: "組別", category: "類別", outline: "綱要", domain: "領域", perspective: "構面",
  topic: "關鍵詞", names: "名稱含", items: "政策項目", goal_code: "目標代碼", goal_name: "策略目標",
  measures: "所問欄位", show: "顯示欄位", rows: "表列", facts: "文件資訊", target_met: "達標", rating: "自評燈號",
  wccd: "WCCD 指標", has_co_agency: "有協辦", item_nos: "項次", group_by: "分組依據", extreme: "排序",
  compare: "比較",
};
const FIELD_WORDS = {
  target: "目標值", actual: "實際值", achievement: "達成度", rating: "自評燈號", score: "KPI總得分",
  value: "數值", results: "辦理情形", work_items: "重要工作項目", lead_agency: "主辦", co_agencies: "協辦",
  agencies: "主責機關", agency: "主責機關", status_code: "辦理等級", category: "類別", outline: "綱要",
  domain: "領域", theme_name: "策略主題", theme_code: "策略主題", perspective: "構面", year_roc: "年度",
  goal: "年度目標", goal_code: "策略目標", goal_name: "策略目標", kpi_name: "KPI", kpi_code: "KPI",
  item: "表列項目", item_name: "項目名稱", strategy: "推動策略", future: "未來精進方向", wccd: "WCCD",
  presenter: "報告者", date: "日期", as_of: "資料截止", parts: "組成部分", title: "標題", issuer: "發布機關",
  period: "期別", group: "組別", unit: "單位", table: "表",
};
const VALUE_LABELS = {
  agency_role: { lead: "主辦", co: "協辦", lead_or_co: "主辦或協辦", kpi: "KPI 主責" },
  status: { A: "A 已完成或例行性業務", B: "B 執行中" },
  record_type: { progress_item: "市政白皮書項目", strategy_kpi: "施政綱要 KPI", strategy_goal: "策略目標",
    kpi_result: "KPI 成果", budget_figure: "預算與人力", performance_goal: "績效目標" },
  intent: { list: "清單", count: "計數", group: "分組統計", lookup: "查詢數值", free: "一般問題", out_of_scope: "資料範圍外" },
  target_met: { true: "已達標", false: "未達標" },
  follow_up: { true: "沿用前題條件" },
  extreme: { true: "最多" },
  compare: { true: "比較兩期" },
};
// Internal or redundant parts of the reading, not shown as chips.
const HIDDEN_FILTERS = new Set(["question", "normalized", "language", "subject", "out_of_scope_reason", "asks"]);
const IDENTIFIER = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

/* The response's `filters` is the reading of the last ask ({intent, filters: {...}, follow_up, ...});
 * flatten it into one set of chips. */
function readingOf(filters) {
  if (!filters || typeof filters !== "object") return {};
  if (filters.filters && typeof filters.filters === "object") {
    return { intent: filters.intent, follow_up: filters.follow_up || null, ...filters.filters };
  }
  return filters;
}

/* A filter value in Chinese; null for an internal name that has no Chinese word (never shown). */
function chipValue(key, value) {
  const mapped = (VALUE_LABELS[key] || {})[String(value)];
  if (mapped) return mapped;
  if (value === false && !(key in VALUE_LABELS)) return "否";
  if (value === true) return "是";
  if (key === "files") return shortFile(value);
  const text = String(value);
  if (IDENTIFIER.test(text)) {
    const field = text.split(".").pop();
    return FIELD_WORDS[field] || null;
  }
  return text;
}

function filterChips(filters) {
  const chips = [];
  for (const [key, raw] of Object.entries(readingOf(filters))) {
    if (HIDDEN_FILTERS.has(key) || raw == null || raw === "" || raw === false || (Array.isArray(raw) && !raw.length)) continue;
    if (typeof raw === "object" && !Array.isArray(raw)) continue;
    const label = FILTER_LABELS[key];
    if (!label) continue;
    const values = [...new Set((Array.isArray(raw) ? raw : [raw]).map((v) => chipValue(key, v)).filter(Boolean))];
    if (!values.length) continue;
    chips.push(el("span", { class: "chip" }, el("b", { text: label }), ` ${values.join("、")}`));
  }
  return chips;
}

/* ---------- items: table, CSV ---------- */

function statusOf(f) {
  const code = f.status_code ?? "";
  const label = f.status_label ?? f.rating ?? "";
  return String(label).startsWith(code) ? String(label) : `${code}${label}`;
}

function periodOf(f) {
  const period = f.period;
  return period && typeof period === "object" ? period.label || "" : period || "";
}

function itemColumns(fields) {
  const f = fields || {};
  const join = (v) => (Array.isArray(v) ? v.join("、") : v == null ? "" : String(v));
  const co = f.co_agencies;
  return {
    lead: join(f.lead_agency ?? f.agency ?? f.agencies),
    co: co === undefined ? "" : join(co) || "—",  // the table's "-": no co-agency
    status: statusOf(f),
  };
}

const ITEM_HEADER = ["項目", "主辦", "協辦", "辦理等級"];
const CSV_HEADER = ["項目", "主辦", "協辦", "辦理等級", "分組", "期別", "檔案", "行", "引文"];

function itemRows(response) {
  return response.items.map((item) => {
    const cols = itemColumns(item.fields);
    return [item.label, cols.lead, cols.co, cols.status];
  });
}

function csvRows(response) {
  const citations = new Map(response.citations.map((c) => [c.id, c]));
  return response.items.map((item, i) => {
    const f = item.fields || {};
    const cited = citations.get((item.citations || [])[0]);
    const line = f.line ?? cited?.line ?? "";
    return [...itemRows(response)[i], f.group ?? "", periodOf(f), f.file ?? cited?.file ?? "", String(line),
      cited ? cited.quote : ""];
  });
}

function csvOf(rows) {
  const cell = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return "\ufeff" + rows.map((r) => r.map((v) => cell(String(v ?? ""))).join(",")).join("\r\n") + "\r\n";
}

function csvButton(response) {
  return el("button", { type: "button", class: "secondary small", text: "下載 CSV",
    onclick: () => download("政策問答清單.csv", csvOf([CSV_HEADER, ...csvRows(response)]), "text/csv;charset=utf-8") });
}

function itemsTable(response, citations) {
  const rows = itemRows(response);
  const table = el("table", { class: "items" });
  table.append(el("caption", { class: "visually-hidden", text: `清單，共 ${rows.length} 項` }),
    el("thead", {}, el("tr", {}, ...[...ITEM_HEADER, "出處"].map((h) => el("th", { scope: "col", text: h })))));
  const body = el("tbody");
  response.items.forEach((item, i) => {
    const cites = el("td", { class: "item-cites" });
    cites.innerHTML = (item.citations || []).map((id) => citeButton(id, citations)).join("");
    const cells = rows[i].map((value, col) => {
      if (col === 0) return el("th", { scope: "row", text: value });
      if (col === 1 || col === 2) return el("td", { class: "agency", text: value.replace(/、/g, "、\u200b") });
      return el("td", { text: value, class: /^B/.test(value) ? "status-b" : /^A/.test(value) ? "status-a" : "" });
    });
    body.append(el("tr", { hidden: i >= PAGE_ROWS }, ...cells, cites));
  });
  table.append(body);

  const copyButton = el("button", { type: "button", class: "secondary small", text: "複製表格" });
  copyButton.addEventListener("click", async () => {
    await copyText([ITEM_HEADER, ...rows].map((r) => r.join("\t")).join("\n"));
    flash(copyButton, "已複製");
  });
  const block = el("section", { class: "items-block", "aria-label": `清單，共 ${rows.length} 項` },
    el("div", { class: "items-head" }, el("h3", { text: `清單（共 ${rows.length} 項）` }),
      el("div", { class: "actions" }, copyButton, csvButton(response))),
    el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "清單表格" }, table));
  if (rows.length > PAGE_ROWS) {
    const more = el("button", { type: "button", class: "secondary small more", "aria-expanded": "false",
      text: `顯示其餘 ${rows.length - PAGE_ROWS} 項` });
    more.addEventListener("click", () => {
      const expanded = more.getAttribute("aria-expanded") === "true";
      body.querySelectorAll("tr").forEach((tr, i) => { tr.hidden = expanded && i >= PAGE_ROWS; });
      more.setAttribute("aria-expanded", String(!expanded));
      more.textContent = expanded ? `顯示其餘 ${rows.length - PAGE_ROWS} 項` : `只顯示前 ${PAGE_ROWS} 項`;
    });
    block.append(more);
  }
  return block;
}

/* A breakdown: one row per group (its count, and its items behind a disclosure), largest first. */
function groupTable(response, citations) {
  const groups = new Map();
  for (const item of response.items) {
    const group = item.fields?.group ?? "";
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(item);
  }
  const body = el("tbody");
  for (const [group, items] of groups) {
    const list = el("ul", { class: "group-items" });
    for (const item of items) {
      const li = el("li", { text: `${item.label} ` });
      li.insertAdjacentHTML("beforeend", (item.citations || []).map((id) => citeButton(id, citations)).join(""));
      list.append(li);
    }
    body.append(el("tr", {}, el("th", { scope: "row", text: group }), el("td", { class: "count", text: String(items.length) }),
      el("td", {}, el("details", {}, el("summary", { text: `列出 ${items.length} 項` }), list))));
  }
  const table = el("table", { class: "groups" },
    el("caption", { class: "visually-hidden", text: `分組表，共 ${groups.size} 組` }),
    el("thead", {}, el("tr", {}, ...["分組", "項數", "項目"].map((h) => el("th", { scope: "col", text: h })))), body);
  return el("section", { class: "items-block", "aria-label": `分組表，共 ${groups.size} 組` },
    el("div", { class: "items-head" }, el("h3", { text: `分組（${groups.size} 組，共 ${response.items.length} 項）` }),
      el("div", { class: "actions" }, csvButton(response))),
    el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "分組表格" }, table));
}

/* ---------- sources, grouped by document ---------- */

function sourcesList(response) {
  const byFile = new Map();
  for (const c of response.citations) {
    if (!byFile.has(c.file)) byFile.set(c.file, []);
    byFile.get(c.file).push(c);
  }
  const groups = [...byFile.entries()].map(([file, cites]) => el("section", { class: "source-doc" },
    el("h4", {}, `《${cites[0].title}》`, el("span", { class: "source-file", text: ` ${file}．${cites.length} 處` })),
    el("ol", { class: "sources" }, ...cites.map((c) => el("li", {},
      el("button", { type: "button", class: "source", "data-cite": String(c.id) },
        el("span", { class: "source-id", text: `[${c.id}]` }),
        el("span", { class: "source-where", text: linesLabel(c) }),
        el("span", { class: "source-quote", text: `「${c.quote.replace(/\s+/g, " ")}」` })))))));
  const count = response.citations.length;
  const summary = byFile.size > 1 ? `來源（${count} 處，${byFile.size} 份文件）` : `來源（${count} 處）`;
  return el("details", { class: "sources-block", open: count <= OPEN_SOURCES }, el("summary", { text: summary }), ...groups);
}

function answerWithSources(response) {
  if (response.draft) return response.answer;
  const parts = [plainText(response.answer).trim()];
  if (response.citations.length) {
    parts.push("", "來源：");
    for (const c of response.citations) parts.push(`[${c.id}] ${c.title}（${c.file} ${linesLabel(c)}）：「${c.quote}」`);
  }
  return parts.join("\n");
}

/* ---------- a press release ---------- */

function draftFilename(title, suffix) {
  return `${String(title).replace(/[\\/:*?"<>|\s]+/g, "").slice(0, 40) || "新聞稿"}${suffix}`;
}

async function downloadDocx(button, entry) {
  button.disabled = true;
  try {
    const reply = await api("/api/draft?format=docx", { method: "POST", body: JSON.stringify(entry.request),
      headers: { "Content-Type": "application/json" } });
    if (!reply.ok) {
      flash(button, await errorMessage(reply));
      return;
    }
    download(draftFilename(entry.response.draft.title, ".docx"), await reply.blob());
  } finally {
    button.disabled = false;
  }
}

function pressRelease(entry) {
  const release = entry.response.draft;
  const docx = el("button", { type: "button", class: "secondary small", text: "下載 DOCX" });
  docx.addEventListener("click", () => downloadDocx(docx, entry));
  const text = el("button", { type: "button", class: "secondary small", text: "下載純文字",
    onclick: () => download(draftFilename(release.title, ".txt"), `${entry.response.answer}\n`, "text/plain;charset=utf-8") });
  return el("article", { class: "press", "aria-label": "新聞稿草稿" },
    el("h3", { class: "press-title", text: release.title }),
    el("p", { class: "press-lead", text: release.lead }),
    ...release.body.map((p) => el("p", { text: p })),
    release.sources.length ? el("h4", { text: "資料來源" }) : null,
    release.sources.length ? el("ul", { class: "press-sources" }, ...release.sources.map((s) => el("li", { text: s }))) : null,
    el("div", { class: "actions" }, docx, text));
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
  const card = el("article", { class: "turn answer pending", "aria-busy": "true", "aria-label": "回答" },
    el("div", { class: "answer-body" }, el("p", { class: "thinking", text: "查詢中…" })));
  els.log.append(card);
  card.scrollIntoView({ block: "end" });
  return card;
}

function renderCard(card, entry) {
  const { response, request } = entry;
  const id = `a${++cardCounter}`;
  state.cards.set(id, entry);
  card.dataset.card = id;
  card.classList.remove("pending");
  card.removeAttribute("aria-busy");
  card.classList.toggle("refusal", response.refused);
  card.replaceChildren();
  const citations = new Map(response.citations.map((c) => [String(c.id), c]));

  const head = el("div", { class: "answer-head" });
  if (response.refused) head.append(el("span", { class: "badge refusal-badge", text: "無法回答" }));
  else if (request.mode === "draft") head.append(el("span", { class: "badge draft-badge", text: "新聞稿草稿" }));
  const chips = filterChips(response.filters);
  if (chips.length) head.append(el("div", { class: "filters" }, el("span", { class: "filters-label", text: "判讀條件：" }), ...chips));
  if (head.childNodes.length) card.append(head);

  const grouped = response.chart?.kind === "group_counts" && response.items.some((i) => i.fields?.group != null);
  const tabled = !response.draft && response.items.length && ["list", "count"].includes(response.kind);
  if (response.draft) {
    card.append(pressRelease(entry));
  } else {
    const text = tabled ? response.summary || response.answer : response.answer;
    card.append(el("div", { class: "answer-body", html: renderMarkdown(text, citations) }));
  }
  if (response.refused) {
    card.append(el("p", { class: "refusal-note", text: "文件中找不到可以引用的依據，因此不作推測。可以換個說法，或指定年度、機關再問一次。" }));
  }
  if (tabled) card.append(grouped ? groupTable(response, citations) : itemsTable(response, citations));
  if (response.chart && !response.draft) card.append(PolicyCharts.render(response.chart));
  if (response.citations.length && !response.draft) card.append(sourcesList(response));

  const copyButton = el("button", { type: "button", class: "secondary small", text: "複製答案與來源" });
  copyButton.addEventListener("click", async () => {
    await copyText(answerWithSources(response));
    flash(copyButton, "已複製");
  });
  const footer = el("div", { class: "actions footer" }, copyButton);
  card.append(footer);
}

function renderError(card, message) {
  card.classList.remove("pending");
  card.classList.add("error");
  card.removeAttribute("aria-busy");
  card.replaceChildren(el("p", { role: "alert" }, el("span", { class: "badge error-badge", text: "錯誤" }), ` ${message}`));
}

/* ---------- talking to the API ---------- */

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
  const request = { question, history: [...state.history], mode: els.draft.checked ? "draft" : "answer" };
  addUserBubble(question);
  const card = addPendingCard();
  setBusy(true);
  try {
    const response = await api("/api/ask", { method: "POST", body: JSON.stringify(request),
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" } });
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
    renderCard(card, { response: final, request });
    card.scrollIntoView({ block: "start" });
    state.history.push({ question, answer: final.answer, filters: final.filters });
    updateHistoryNote();
  } catch (error) {
    renderError(card, `無法連線到服務（${error.message}）`);
  } finally {
    setBusy(false);
  }
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
  state.cards.clear();
  els.log.replaceChildren(els.welcome);
  els.welcome.hidden = false;
  updateHistoryNote();
  CitationPanel.close();
  els.question.focus();
});

els.log.addEventListener("click", (event) => {
  const example = event.target.closest(".example");
  if (example) {
    els.question.value = example.textContent;
    els.form.requestSubmit();
    els.question.focus();
    return;
  }
  const cite = event.target.closest("[data-cite]");
  const card = cite?.closest("[data-card]");
  const entry = card && state.cards.get(card.dataset.card);
  const citation = entry?.response.citations.find((c) => String(c.id) === cite.dataset.cite);
  if (citation) CitationPanel.open(citation, cite);
});

els.question.focus();
pollReadiness();
