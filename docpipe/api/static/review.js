// docpipe review page: hand-written, no build step, nothing fetched from elsewhere.
// The page is rendered on the server; this script only wires the keyboard, the
// boxes over the page image and the calls that change a document (each with the
// session's CSRF token in a header; the session itself is an HttpOnly cookie).
"use strict";

(function () {
  const doc = document.getElementById("doc");
  if (!doc) return;
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const canReview = doc.dataset.canReview === "true";

  function toast(text, isError) {
    const box = document.getElementById("toast");
    box.textContent = text;
    box.classList.toggle("error", !!isError);
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
  }

  async function send(method, url, body) {
    const response = await fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      const detail = data && data.detail;
      let reason = typeof detail === "string" ? detail : response.status + " " + response.statusText;
      if (data && data.fields) reason += ": " + Object.values(data.fields).join("; ");
      throw new Error(doc.dataset.msgError.replace("{reason}", reason));
    }
    return data;
  }

  // -- page images: fetched with the session, drawn with their boxes ---------------------
  // The API sends a page as PNG with X-Page-Scale (pixels per page unit); the boxes are in
  // page units, so the overlay's viewBox is the image's size divided by the scale and the
  // browser maps every box onto the image.
  async function loadPage(figure) {
    const img = figure.querySelector("img[data-src]");
    try {
      const response = await fetch(img.dataset.src, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const scale = parseFloat(response.headers.get("X-Page-Scale")) || 1;
      const url = URL.createObjectURL(await response.blob());
      if (img.src.startsWith("blob:")) URL.revokeObjectURL(img.src);
      await new Promise((resolve, reject) => {
        img.onload = resolve;
        img.onerror = reject;
        img.src = url;
      });
      figure.dataset.viewBox = "0 0 " + img.naturalWidth / scale + " " + img.naturalHeight / scale;
      fitOverlay(figure);
    } catch (error) {
      const note = document.createElement("p");
      note.className = "empty";
      note.textContent = document.querySelector("section.pages").dataset.msgNoImage;
      figure.replaceChildren(note);
    }
  }

  function fitOverlay(figure) {
    const svg = figure.querySelector("svg.overlay");
    if (svg && figure.dataset.viewBox) {
      svg.setAttribute("viewBox", figure.dataset.viewBox);
      svg.classList.add("ready");
    }
  }

  document.querySelectorAll("figure.page").forEach(loadPage);

  // A privacy officer may see a page without its burned-in areas: on request only, and
  // each page so seen is audited by the API (the default stays burned: data minimisation).
  document.getElementById("unredacted")?.addEventListener("click", async (event) => {
    const button = event.currentTarget;
    const on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? button.dataset.off : button.dataset.on;
    const pages = Array.from(document.querySelectorAll("figure.page"));
    await Promise.all(pages.map((figure) => {
      const img = figure.querySelector("img[data-src]");
      if (!img) return null;
      const url = new URL(img.dataset.src, window.location.href);
      if (on) url.searchParams.set("unredacted", "true");
      else url.searchParams.delete("unredacted");
      img.dataset.src = url.pathname + url.search;
      return loadPage(figure);
    }));
    if (on) await refreshAudit();
  });

  // -- fields and their boxes -------------------------------------------------------
  const fieldItems = () => Array.from(document.querySelectorAll("#fields li.field"));
  const itemFor = (path) => document.querySelector('#fields li.field[data-field="' + CSS.escape(path) + '"]');
  const boxesFor = (path) => document.querySelectorAll('svg.overlay rect.box[data-field="' + CSS.escape(path) + '"]');

  function highlight(path, scroll) {
    document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
    const item = itemFor(path);
    if (item) item.classList.add("active");
    const boxes = boxesFor(path);
    boxes.forEach((box) => box.classList.add("active"));
    if (scroll && boxes.length) boxes[0].scrollIntoView({ block: "center", behavior: "instant" });
  }

  function focusField(item) {
    // a masked field a privacy officer may correct: its correction input, not the mask
    const value = item.querySelector("input.value") || item.querySelector(".value");
    highlight(item.dataset.field, true);
    if (value) {
      value.focus({ preventScroll: false });
      if (value.select && !value.readOnly) value.select();
    }
  }

  const isProblem = (item) =>
    (item.dataset.state === "failed" || item.dataset.state === "low_confidence") &&
    !item.classList.contains("accepted");

  function nextProblem(fromItem, backwards) {
    const items = fieldItems();
    const problems = items.filter(isProblem);
    if (!problems.length) return null;
    const at = fromItem ? items.indexOf(fromItem) : -1;
    if (backwards) {
      const before = problems.filter((p) => items.indexOf(p) < at);
      return before.length ? before[before.length - 1] : problems[problems.length - 1];
    }
    return problems.find((p) => items.indexOf(p) > at) || problems[0];
  }

  document.addEventListener("click", (event) => {
    const box = event.target.closest("rect.box");
    if (box) {
      const item = itemFor(box.dataset.field);
      if (item) { focusField(item); item.scrollIntoView({ block: "nearest" }); }
      return;
    }
    const item = event.target.closest("#fields li.field");
    if (item && !event.target.closest("button")) {
      highlight(item.dataset.field, true);
      if (event.target.tagName === "LABEL") { event.preventDefault(); focusField(item); }
    }
  });

  // Focus only marks the box: scrolling between a button's mousedown and mouseup would
  // swallow the click. The click itself (above) and Tab (focusField) scroll to the box.
  document.addEventListener("focusin", (event) => {
    const item = event.target.closest && event.target.closest("#fields li.field");
    if (item) highlight(item.dataset.field, false);
  });

  // -- corrections: PATCH the field, then show the checks the server ran again --------
  async function refresh() {
    const response = await fetch(window.location.href, { credentials: "same-origin" });
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const accepted = Array.from(document.querySelectorAll("#fields li.field.accepted"));
    document.getElementById("panel").replaceWith(fresh.getElementById("panel"));
    accepted.forEach((li) => itemFor(li.dataset.field)?.classList.add("accepted"));
    document.querySelectorAll("svg.overlay").forEach((svg) => {
      const other = fresh.querySelector('svg.overlay[data-page="' + svg.dataset.page + '"]');
      if (other) {
        svg.replaceWith(other);
        fitOverlay(other.closest("figure.page"));
      }
    });
    const status = fresh.getElementById("doc-status");
    if (status) document.getElementById("doc-status").replaceWith(status);
  }

  async function accept(item) {
    const input = item.querySelector("input.value");
    const path = item.dataset.field;
    if (input && !input.readOnly && input.value !== input.dataset.original) {
      try {
        const value = input.value.trim() === "" ? null : input.value;
        await send("PATCH", doc.dataset.fieldsUrl, { fields: { [path]: value } });
      } catch (error) {
        toast(error.message, true);
        return;
      }
      await refresh();
      toast(doc.dataset.msgSaved);
      const again = itemFor(path);
      const next = again && (isProblem(again) ? again : nextProblem(again, false));
      if (next) focusField(next);
      else document.getElementById("approve")?.focus();
      return;
    }
    item.classList.add("accepted");
    toast(doc.dataset.msgAccepted);
    const next = nextProblem(item, false);
    if (next) focusField(next);
    else document.getElementById("approve")?.focus();
  }

  async function approve() {
    const button = document.getElementById("approve");
    if (!button || button.disabled) return;
    button.disabled = true;
    try {
      await send("POST", doc.dataset.approveUrl);
    } catch (error) {
      button.disabled = false;
      toast(error.message, true);
      return;
    }
    toast(doc.dataset.msgApproved);
    window.location.assign(doc.dataset.nextUrl);
  }
  document.getElementById("approve")?.addEventListener("click", approve);

  // -- the keyboard --------------------------------------------------------------------
  const dialogOpen = () => !!document.querySelector("dialog[open]");
  const typing = (el) => el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.isContentEditable);

  document.addEventListener("keydown", (event) => {
    if (dialogOpen() || event.altKey || event.ctrlKey || event.metaKey) return;
    const item = event.target.closest && event.target.closest("#fields li.field");
    if (event.key === "Tab") {
      const next = nextProblem(item || document.querySelector("#fields li.field.active"), event.shiftKey);
      if (next) { event.preventDefault(); focusField(next); }
    } else if (event.key === "Enter" && item && canReview && typing(event.target)) {
      event.preventDefault();
      accept(item);
    } else if (event.key === "Enter" && canReview && event.shiftKey) {
      event.preventDefault();
      approve();
    } else if (event.key === "Escape" && item && typing(event.target)) {
      const input = item.querySelector("input.value");
      if (input && input.value !== input.dataset.original) input.value = input.dataset.original;
      else event.target.blur();
    } else if ((event.key === "a" || event.key === "A") && canReview && !typing(event.target)) {
      event.preventDefault();
      approve();
    }
  });

  // -- reasons: a reveal and a rejection each ask for one, and it is audited ---------------
  const reasonDialog = document.getElementById("reason-dialog");

  function askReason(title, label, ok) {
    document.getElementById("reason-title").textContent = title;
    document.getElementById("reason-label").textContent = label;
    document.getElementById("reason-ok").textContent = ok;
    const input = document.getElementById("reason-input");
    input.value = "";
    reasonDialog.showModal();
    return new Promise((resolve) => {
      const form = document.getElementById("reason-form");
      const cancel = document.getElementById("reason-cancel");
      const done = (value) => {
        form.onsubmit = null;
        cancel.onclick = null;
        reasonDialog.onclose = null;
        if (reasonDialog.open) reasonDialog.close();
        resolve(value);
      };
      form.onsubmit = (event) => {
        event.preventDefault();
        const reason = input.value.trim();
        if (reason.length >= 3) done(reason);
      };
      cancel.onclick = () => done(null);
      reasonDialog.onclose = () => done(null);
    });
  }

  // reveal: privacy officers only (the server checks the role again); the value is shown
  // in place, never put in a URL, and goes away with the next refresh of the fields
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button.reveal");
    if (!button) return;
    const path = button.dataset.field;
    const reason = await askReason(path, doc.dataset.msgRevealReason, doc.dataset.msgReveal);
    if (!reason) return;
    try {
      const data = await send("POST", doc.dataset.revealUrl, { field: path, reason: reason });
      const value = itemFor(path)?.querySelector(".value.masked");
      if (value) { value.textContent = data.value; value.classList.add("revealed"); }
      await refreshAudit();
    } catch (error) {
      toast(error.message, true);
    }
  });

  document.getElementById("reject")?.addEventListener("click", async () => {
    const reason = await askReason(
      document.querySelector(".doc-head h1").firstChild.textContent.trim(),
      doc.dataset.msgRejectReason,
      doc.dataset.msgReject,
    );
    if (!reason) return;
    try {
      await send("POST", doc.dataset.rejectUrl, { reason: reason });
    } catch (error) {
      toast(error.message, true);
      return;
    }
    toast(doc.dataset.msgRejected);
    window.location.assign(doc.dataset.nextUrl);
  });

  // reprocess: the stored original through the pipeline again (the API runs it in a
  // worker under the document limits); the page then shows the new record
  document.getElementById("reprocess")?.addEventListener("click", async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    toast(doc.dataset.msgReprocessing);
    try {
      await send("POST", doc.dataset.reprocessUrl);
    } catch (error) {
      button.disabled = false;
      toast(error.message, true);
      return;
    }
    await refresh();  // the panel holds the fields, checks and audit log
    button.disabled = false;
    toast(doc.dataset.msgReprocessed);
  });

  async function refreshAudit() {
    const response = await fetch(window.location.href, { credentials: "same-origin" });
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    document.getElementById("audit").replaceWith(fresh.getElementById("audit"));
  }

})();
