// The browser scripts' words in one language (the `widget.` keys of the portal's catalogs, with
// the language hint's), as the build writes them: in the page itself for the page's language
// (<script type="application/json" data-support-words="en">, no request), else in
// locales/<lang>.json beside this file (another language, or a widget embedded on another site).
// Each language is read once per page load.

const catalogs = new Map();

export function words(lang) {
  const base = String(lang).toLowerCase().split("-")[0];
  if (!catalogs.has(base)) {
    const inline = [...document.querySelectorAll("script[data-support-words]")].find((s) => s.dataset.supportWords == base);
    catalogs.set(base, inline ? Promise.resolve().then(() => JSON.parse(inline.textContent)) : load(base));
  }
  return catalogs.get(base);
}

function load(base) {
  return fetch(new URL(`./locales/${base}.json`, import.meta.url)).then((response) => {
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return response.json();
  });
}
