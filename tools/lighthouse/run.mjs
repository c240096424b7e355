// Lighthouse for the built portal: serves SITE on 127.0.0.1 the way a static host does (gzip,
// 404.html for missing paths), audits the home page and the support-hours page, writes JSON and
// HTML reports to OUT and prints the four category scores.
// Usage: node tools/lighthouse/run.mjs SITE OUT   (`make lighthouse` builds site/ first)
//
// Goals: 100 for accessibility, best practices and SEO (exit 1 when missed); performance 95 or more
// (a warning only: it is measured with simulated mobile throttling and varies with machine load).

import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { createGzip } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const PAGES = { home: "/", hours: "/hours/" };
const GOALS = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
  ".ico": "image/x-icon", ".xml": "application/xml", ".ics": "text/calendar; charset=utf-8",
  ".txt": "text/plain; charset=utf-8", ".map": "application/json",
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml)|image\/svg)/;
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

const [site, out] = process.argv.slice(2).map((p) => p && resolve(p));
if (!site || !out || !existsSync(join(site, "index.html"))) {
  console.error("usage: node tools/lighthouse/run.mjs SITE OUT  (SITE is a built portal: run `make site`)");
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const server = await serve(site);
const origin = `http://127.0.0.1:${server.address().port}`;
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: CHROME_FLAGS,
});

const rows = [];
try {
  for (const [name, path] of Object.entries(PAGES)) {
    const result = await lighthouse(origin + path, { port: chrome.port, output: ["json", "html"], logLevel: "error" });
    const [json, html] = result.report;
    writeFileSync(join(out, `${name}.report.json`), json);
    writeFileSync(join(out, `${name}.report.html`), html);
    const scores = Object.fromEntries(Object.keys(GOALS).map((id) => [id, Math.round(result.lhr.categories[id].score * 100)]));
    const failing = Object.values(result.lhr.audits)
      .filter((a) => a.scoreDisplayMode === "binary" && a.score === 0)
      .map((a) => a.id);
    rows.push({ name, path, scores, failing, version: result.lhr.lighthouseVersion, errors: result.lhr.runtimeError?.message });
  }
} finally {
  await chrome.kill();
  server.close();
}

let missed = false;
console.log(`Lighthouse ${rows[0]?.version} (mobile, simulated throttling); reports in ${out}`);
console.log(["page".padEnd(10), ...Object.keys(GOALS).map((id) => id.padStart(15))].join(""));
for (const row of rows) {
  console.log([row.path.padEnd(10), ...Object.entries(row.scores).map(([, s]) => String(s).padStart(15))].join(""));
  for (const [id, goal] of Object.entries(GOALS)) {
    if (row.scores[id] >= goal) continue;
    const hard = id !== "performance";
    missed ||= hard;
    console.log(`  ${hard ? "below goal" : "warning"}: ${id} ${row.scores[id]} < ${goal}`);
  }
  if (row.failing.length) console.log(`  failed audits: ${row.failing.join(", ")}`);
  if (row.errors) console.log(`  runtime error: ${row.errors}`);
}
process.exit(missed ? 1 : 0);

// A static host in miniature: files by path, index.html for folders, 404.html with status 404,
// gzip for text when the browser accepts it (as GitHub Pages does).
function serve(root) {
  const handler = (request, response) => {
    const url = new URL(request.url, "http://localhost");
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) file = join(root, "404.html");
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    let status = 200;
    if (!existsSync(file)) {
      file = join(root, "404.html");
      status = 404;
    }
    const type = TYPES[extname(file)] || "application/octet-stream";
    const headers = { "Content-Type": type, "Cache-Control": "max-age=600" };
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(request.headers["accept-encoding"] || "");
    if (gzip) headers["Content-Encoding"] = "gzip";
    response.writeHead(status, headers);
    const body = createReadStream(file);
    (gzip ? body.pipe(createGzip()) : body).pipe(response);
  };
  return new Promise((done) => {
    const server = createServer(handler).listen(0, "127.0.0.1", () => done(server));
  });
}
