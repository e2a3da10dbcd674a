/* 政策問答: what the chat page and the upload page share. Plain JavaScript, no build step.
 *
 * DOM helpers, downloads and the clipboard, and the API key: when the service asks for one (401),
 * the key dialog of the page asks the user, and the key is kept for the browser session.
 */
"use strict";

const Common = (() => {
  const $ = (selector, root = document) => root.querySelector(selector);

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => (
      { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value == null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "html") node.innerHTML = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
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

  function downloadUrl(filename, url) {
    const link = el("a", { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
  }

  function download(filename, data, type) {
    const url = URL.createObjectURL(data instanceof Blob ? data : new Blob([data], { type }));
    downloadUrl(filename, url);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /* ---------- the API key ---------- */

  let apiKey = sessionStorage.getItem("policy-qa-key") || "";

  function headers(extra = {}) {
    const h = { ...extra };
    if (apiKey) h.Authorization = `Bearer ${apiKey}`;
    return h;
  }

  async function askForKey() {
    const dialog = $("#key-dialog");
    const input = $("#key-input");
    if (!dialog) return false;
    input.value = "";
    dialog.showModal();
    const result = await new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true }));
    if (result === "ok" && input.value.trim()) {
      apiKey = input.value.trim();
      sessionStorage.setItem("policy-qa-key", apiKey);
      return true;
    }
    return false;
  }

  /* fetch with the key; on a 401, ask for the key once and try again. `options.headers` are added. */
  async function api(url, options = {}) {
    const send = () => fetch(url, { ...options, headers: headers(options.headers || {}) });
    let response = await send();
    if (response.status === 401 && await askForKey()) response = await send();
    return response;
  }

  async function errorMessage(response) {
    try {
      const body = await response.json();
      return body.error?.message || `HTTP ${response.status}`;
    } catch {
      return `HTTP ${response.status}`;
    }
  }

  /* A document's short name in labels: its leading code (000), or the whole name without the suffix. */
  function shortFile(file) {
    const name = String(file);
    return name.split("_")[0] || name.replace(/\.[^.]+$/, "");
  }

  function linesLabel(c) {
    return c.end_line && c.end_line !== c.line ? `第${c.line}–${c.end_line}行` : `第${c.line}行`;
  }

  return { $, el, escapeHtml, flash, copyText, download, downloadUrl, api, errorMessage, shortFile, linesLabel };
})();
