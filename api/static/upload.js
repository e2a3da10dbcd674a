/* 政策問答: the upload page. Plain JavaScript, no build step.
 *
 * Choosing a file reads it without adding it (POST /api/documents/inspect): the detected kind, record
 * count and the parser's warnings are shown, and title, issuer and period are prefilled. Submitting
 * uploads it (POST /api/documents, or PUT /api/documents/{file} to replace an uploaded document) and
 * follows the job (GET /api/documents/uploads/{id}) until it is indexed or has failed, with the
 * reader's and parser's notes. The document list shows every served document with its period, record
 * count and origin; uploaded ones can be replaced or withdrawn (DELETE), official ones cannot.
 */
"use strict";

(() => {
  const { $, el, api, errorMessage } = Common;
  const els = {
    form: $("#upload-form"), file: $("#file"), submit: $("#submit"), inspectStatus: $("#inspect-status"),
    inspection: $("#inspection"), facts: $("#inspection-facts"), warnings: $("#inspection-warnings"),
    progress: $("#progress"), bar: $("#progress-bar"), progressText: $("#progress-text"), notes: $("#progress-notes"),
    documents: $("#documents tbody"), documentsStatus: $("#documents-status"), refresh: $("#refresh"),
    title: $("#upload-title"), replaceNote: $("#replace-note"), cancelReplace: $("#cancel-replace"),
  };
  const FIELDS = ["title", "issuer", "year_roc", "half", "as_of", "series", "kind"];
  const STATES = { queued: [1, "排隊中，等待建立索引…"], indexing: [2, "建立索引中：儲存文件並重建這份文件的索引…"],
    ready: [3, "完成：文件已建立索引，可以到問答頁提問。"], failed: [3, "失敗：已復原，原有文件照常服務。"] };
  const ACTIONS = { upload: "上傳", replace: "取代", withdraw: "撤回" };
  const POLL_MS = 500;
  let replacing = null; // the uploaded document being replaced, or null

  function list(target, lines, empty) {
    target.replaceChildren(...(lines.length ? lines : [empty]).map((text) => el("li", { text })));
  }

  function setField(name, value) {
    const input = $(`#${name}`);
    if (input && value != null && value !== "") input.value = String(value);
  }

  /* ---------- inspect: read the file without adding it ---------- */

  async function inspect() {
    const file = els.file.files[0];
    els.inspection.hidden = true;
    els.submit.disabled = true;
    if (!file) return;
    els.inspectStatus.textContent = `讀取「${file.name}」中…`;
    const body = new FormData();
    body.append("file", file);
    const reply = await api("/api/documents/inspect", { method: "POST", body });
    if (!reply.ok) {
      els.inspectStatus.textContent = `無法讀取：${await errorMessage(reply)}`;
      return;
    }
    const found = await reply.json();
    for (const name of FIELDS) setField(name, found[name] ?? (name === "kind" ? found.detected_kind : null));
    const kind = [...$("#kind").options].find((o) => o.value === found.kind)?.textContent || found.kind;
    els.facts.replaceChildren(...[["格式", found.format], ["行數", found.lines], ["文件類型", kind],
      ["紀錄數", found.records], ["期別", found.period || "（未偵測到）"], ["判斷依據", found.detection]]
      .flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: String(value ?? "") })]));
    list(els.warnings, found.warnings, "沒有需要注意的地方。");
    els.inspection.hidden = false;
    els.inspectStatus.textContent = `已讀取「${file.name}」：${found.records} 筆紀錄，${found.warnings.length} 則說明。請確認下列欄位後上傳。`;
    els.submit.disabled = false;
  }

  /* ---------- upload, replace and withdraw, followed to the end ---------- */

  function showStatus(status) {
    const [step, text] = STATES[status.state] || [0, status.state];
    els.progress.hidden = false;
    els.bar.value = step;
    els.progressText.textContent = `${ACTIONS[status.action] || ""}「${status.file}」：${text}`
      + (status.state === "failed" ? `（${status.message}）` : "");
    list(els.notes, status.notes || [], "沒有其他說明。");
  }

  async function follow(status) {
    showStatus(status);
    while (status.state === "queued" || status.state === "indexing") {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const reply = await api(`/api/documents/uploads/${encodeURIComponent(status.id)}`);
      if (!reply.ok) {
        els.progressText.textContent = `無法取得進度：${await errorMessage(reply)}`;
        return;
      }
      status = await reply.json();
      showStatus(status);
    }
    await loadDocuments();
  }

  async function upload(event) {
    event.preventDefault();
    const file = els.file.files[0];
    if (!file) return;
    const body = new FormData();
    body.append(replacing ? "upload" : "file", file);
    for (const name of FIELDS) {
      const value = $(`#${name}`).value.trim();
      if (value) body.append(name, value);
    }
    els.submit.disabled = true;
    const url = replacing ? `/api/documents/${encodeURIComponent(replacing)}` : "/api/documents";
    const reply = await api(url, { method: replacing ? "PUT" : "POST", body });
    if (!reply.ok) {
      els.progress.hidden = false;
      els.bar.value = 0;
      els.progressText.textContent = `無法上傳：${await errorMessage(reply)}`;
      els.submit.disabled = false;
      return;
    }
    stopReplacing();
    await follow(await reply.json());
  }

  async function withdraw(doc, button) {
    if (!confirm(`確定要撤回《${doc.title}》（${doc.file}）嗎？撤回後不再用於回答。`)) return;
    button.disabled = true;
    const reply = await api(`/api/documents/${encodeURIComponent(doc.file)}`, { method: "DELETE" });
    if (!reply.ok) {
      els.documentsStatus.textContent = `無法撤回：${await errorMessage(reply)}`;
      button.disabled = false;
      return;
    }
    await follow(await reply.json());
  }

  function startReplacing(doc) {
    replacing = doc.file;
    els.title.textContent = `取代《${doc.title}》`;
    els.replaceNote.textContent = `選擇新版本的檔案；新版本建立索引前，舊版本照常服務。文件名稱維持 ${doc.file}。`;
    els.replaceNote.hidden = false;
    els.cancelReplace.hidden = false;
    for (const name of FIELDS) setField(name, name === "year_roc" ? doc.year_roc : doc[name]);
    els.file.value = "";
    els.submit.disabled = true;
    els.file.focus();
  }

  function stopReplacing() {
    replacing = null;
    els.title.textContent = "上傳文件";
    els.replaceNote.hidden = true;
    els.cancelReplace.hidden = true;
  }

  /* ---------- the document list ---------- */

  function origin(doc) {
    if (doc.origin !== "uploaded") return "官方（隨附）";
    const when = doc.uploaded_at ? String(doc.uploaded_at).replace("T", " ").slice(0, 16) : "";
    return `上傳${doc.uploaded_by ? `（${doc.uploaded_by}` : "（"}${when ? `，${when}` : ""}）`;
  }

  function documentRow(doc) {
    const actions = el("td", { class: "doc-actions" });
    if (doc.origin === "uploaded") {
      actions.append(
        el("button", { type: "button", class: "secondary small", text: "取代", "aria-label": `取代《${doc.title}》`,
          onclick: () => startReplacing(doc) }),
        el("button", { type: "button", class: "secondary small danger", text: "撤回", "aria-label": `撤回《${doc.title}》`,
          onclick: (event) => withdraw(doc, event.currentTarget) }));
    } else {
      actions.append(el("span", { class: "hint", text: "官方文件不可更動" }));
    }
    const notes = doc.warnings.length
      ? el("details", {}, el("summary", { text: `${doc.warnings.length} 則` }),
        el("ul", { class: "warnings" }, ...doc.warnings.map((w) => el("li", { text: w }))))
      : el("span", { class: "hint", text: "—" });
    return el("tr", { "data-file": doc.file },
      el("th", { scope: "row" }, el("span", { text: doc.title }), el("span", { class: "doc-file", text: doc.file })),
      el("td", { text: doc.period }), el("td", { class: "count", text: String(doc.records) }),
      el("td", { text: origin(doc) }), el("td", {}, notes), actions);
  }

  async function loadDocuments() {
    const reply = await api("/api/documents");
    if (!reply.ok) {
      els.documentsStatus.textContent = `無法載入文件清單：${await errorMessage(reply)}`;
      if (reply.status === 503) setTimeout(loadDocuments, 2000);
      return;
    }
    const docs = await reply.json();
    els.documents.replaceChildren(...docs.map(documentRow));
    els.documentsStatus.textContent = `共 ${docs.length} 份文件，其中上傳 ${docs.filter((d) => d.origin === "uploaded").length} 份。`;
  }

  els.file.addEventListener("change", inspect);
  els.form.addEventListener("submit", upload);
  els.refresh.addEventListener("click", loadDocuments);
  els.cancelReplace.addEventListener("click", stopReplacing);
  loadDocuments();
})();
