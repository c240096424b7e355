// Suggests the reader's own language on the home page, from the browser's language settings
// (never from the IP address): "Diese Seite gibt es auch auf Deutsch." Nothing is switched
// automatically; dismissing the hint keeps it away for the browser session.

const TEXT = {
  en: ["This page is also available in English.", "Close"],
  de: ["Diese Seite gibt es auch auf Deutsch.", "Schließen"],
};
const DISMISSED = "support-language-hint-dismissed";

// The first of the reader's languages that another edition of this page offers.
export function suggestedLanguage(preferred, current, offered) {
  for (const tag of preferred) {
    const lang = String(tag).toLowerCase().split("-")[0];
    if (lang === current) return null;
    if (offered.includes(lang) && TEXT[lang]) return lang;
  }
  return null;
}

function render(root) {
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
  const link = links.find((a) => a.hreflang === lang);
  const [message, close] = TEXT[lang];
  const anchor = document.createElement("a");
  anchor.href = link.href;
  anchor.hreflang = lang;
  anchor.lang = lang;
  anchor.textContent = message;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "support-language-hint__close";
  button.lang = lang;
  button.setAttribute("aria-label", close);
  button.textContent = "×";
  button.addEventListener("click", () => {
    box.hidden = true;
    try { sessionStorage.setItem(DISMISSED, "1"); } catch (e) { /* storage blocked */ }
  });
  box.replaceChildren(anchor, button);
  box.hidden = false;
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => render(document));
} else {
  render(document);
}
