// Diff pages: the rest of a long diff arrives as the reader scrolls (the server sends the first
// files; each "Show files" link names the next part), an address naming a line further down loads
// the parts up to it, and keys move between files (j/k) and comments (n/p). Without this script
// the links and anchors still work, one part per page.
(() => {
  "use strict";

  const parser = new DOMParser();

  // One fetch per part, whoever asks first (the scroll watcher or a link to a line further down).
  const loading = new WeakMap();

  function loadPart(more) {
    if (!loading.has(more)) {
      loading.set(more, fetchPart(more).then(loaded => {
        if (!loaded) {
          loading.delete(more);
        }
        return loaded;
      }));
    }
    return loading.get(more);
  }

  async function fetchPart(more) {
    try {
      const response = await fetch(more.dataset.diffNext, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      const page = parser.parseFromString(await response.text(), "text/html");
      const part = page.querySelector("[data-diff-part]");
      if (!part) {
        throw new Error("no diff part in the answer");
      }
      const next = page.querySelector("[data-diff-next]");
      more.replaceWith(...[part, next].filter(Boolean).map(node => document.adoptNode(node)));
      if (next) {
        watch(next);
      }
      return true;
    } catch (error) {
      more.querySelector("a")?.insertAdjacentText("afterend", " (could not load: " + error.message + "; follow the link)");
      return false;
    }
  }

  const observer = "IntersectionObserver" in window
    ? new IntersectionObserver(entries => {
        for (const entry of entries) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            loadPart(entry.target);
          }
        }
      }, { rootMargin: "1500px 0px" })
    : null;

  function watch(more) {
    observer?.observe(more);
  }

  // An address like …/diff#file-40-d12 (a link from e-mail or the timeline) names a line of a later part.
  async function reachTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!/^file-\d+/.test(id)) {
      return;
    }
    for (let i = 0; i < 100 && !document.getElementById(id); i++) {
      const more = document.querySelector("[data-diff-next]");
      if (!more || !(await loadPart(more))) {
        return;
      }
    }
    document.getElementById(id)?.scrollIntoView();
  }

  function start() {
    document.querySelectorAll("[data-diff-keys][hidden]").forEach(hint => { hint.hidden = false; });
    document.querySelectorAll("[data-diff-next]").forEach(watch);
    reachTarget();
  }

  function step(selector, forward) {
    const items = [...document.querySelectorAll(selector)];
    if (items.length === 0) {
      return;
    }
    const line = window.innerHeight / 4;
    const index = forward
      ? items.findIndex(item => item.getBoundingClientRect().top > line + 1)
      : items.findLastIndex(item => item.getBoundingClientRect().top < line - 1);
    const target = items[index];
    if (!target) {
      return;
    }
    document.querySelectorAll(".key-focus").forEach(item => item.classList.remove("key-focus"));
    target.classList.add("key-focus");
    window.scrollTo({ top: window.scrollY + target.getBoundingClientRect().top - line + 1 });
    target.querySelector("a, button, textarea")?.focus({ preventScroll: true });
  }

  const keys = {
    j: () => step(".diff-file", true),
    k: () => step(".diff-file", false),
    n: () => step(".diff-file .inline-comments", true),
    p: () => step(".diff-file .inline-comments", false),
  };

  document.addEventListener("keydown", event => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || !document.querySelector("[data-diff-keys]")) {
      return;
    }
    if (event.target.closest?.("input, textarea, select, [contenteditable]")) {
      return;
    }
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  start();
  // Blazor's enhanced navigation swaps page content without a new load: start again on each.
  window.Blazor?.addEventListener?.("enhancedload", start);
})();
