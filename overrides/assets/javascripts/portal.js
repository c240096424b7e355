// Small enhancements of every page, re-run on each page of Material's instant navigation:
// - the home page suggests the reader's own language, from the browser's language settings
//   (never from the IP address): "Diese Seite gibt es auch auf Deutsch." Nothing is switched
//   automatically; dismissing the hint keeps it away for the browser session;
// - tables the theme wraps in a horizontal scroll box become reachable by keyboard (a focusable,
//   labelled region), so people who do not use a mouse can scroll wide tables on small screens.
// The words come from the language's catalog through support-words.js (the page's language is in
// the page; the hint's language is fetched only when it is suggested).

import { words } from "./support-words.js";
import { nodes, plain } from "./support-widget.js";

const DISMISSED = "support-language-hint-dismissed";

// The first of the reader's languages that another edition of this page offers.
export function suggestedLanguage(preferred, current, offered) {
  for (const tag of preferred) {
    const lang = String(tag).toLowerCase().split("-")[0];
    if (lang === current) return null;
    if (offered.includes(lang)) return lang;
  }
  return null;
}

// Scroll boxes are named by their table's caption, else "Table" in the page's language.
function labelScrollBoxes(root) {
  for (const box of root.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])")) {
    const caption = box.querySelector("caption");
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    if (caption) {
      box.setAttribute("aria-label", caption.textContent.trim());
      continue;
    }
    words(document.documentElement.lang.split("-")[0]).then((t) => box.setAttribute("aria-label", plain(t.table)), () => {});
  }
}

function enhance(root) {
  labelScrollBoxes(root);
  languageHint(root);
}

function languageHint(root) {
  const box = root.querySelector("[data-support-language-hint]");
  if (!box || box.dataset.ready) return;
  box.dataset.ready = "1";
  let dismissed = false;
  try { dismissed = sessionStorage.getItem(DISMISSED) === "1"; } catch (e) { /* storage blocked */ }
  const links = [...root.querySelectorAll(".md-select__link[hreflang]")];
  const current = document.documentElement.lang.split("-")[0];
  const lang = dismissed ? null : suggestedLanguage(navigator.languages || [navigator.language], current,
                                                    links.map((a) => a.hreflang));
  if (!lang) return;
  words(lang).then((t) => showHint(box, links.find((a) => a.hreflang === lang), lang, t.hint, t.hint_close), () => {});
}

function showHint(box, link, lang, message, close) {
  const anchor = document.createElement("a");
  anchor.href = link.href;
  anchor.hreflang = lang;
  anchor.lang = lang;
  anchor.append(nodes(message));
  const button = document.createElement("button");
  button.type = "button";
  button.className = "support-language-hint__close";
  button.lang = lang;
  button.setAttribute("aria-label", plain(close));
  button.textContent = "×";
  button.addEventListener("click", () => {
    box.hidden = true;
    try { sessionStorage.setItem(DISMISSED, "1"); } catch (e) { /* storage blocked */ }
  });
  box.replaceChildren(anchor, button);
  box.hidden = false;
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => enhance(document));
} else {
  enhance(document);
}
