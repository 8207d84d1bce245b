// Times search as you type on a site built by `meshgov site`, opened from disk in Debian's Chromium:
// page load with the search index, then each query from the input event to the results on screen.
// Usage: node measure.mjs SITE_FOLDER   (npm install first; CHROMIUM overrides /usr/bin/chromium)
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import path from "node:path";

const site = process.argv[2];
if (!site) {
  console.error("usage: node measure.mjs SITE_FOLDER");
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
const started = Date.now();
await page.goto(pathToFileURL(path.join(site, "index.html")).href);
await page.waitForFunction(() => document.getElementById("result-count").textContent.length > 0);
console.log(`load with index: ${Date.now() - started} ms, ${await page.evaluate(() => window.MESHGOV_SEARCH.entries.length)} entries`);

for (const query of ["p", "product", "product-0042", "customer email", "zzz-no-match"]) {
  const times = [];
  for (let run = 0; run < 5; run++) {
    await page.fill("#q", "");
    await page.waitForTimeout(100);
    const ms = await page.evaluate(async (q) => {
      const input = document.getElementById("q");
      const count = document.getElementById("result-count");
      const before = count.textContent;
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new Event("input"));
      await new Promise((resolve) => {
        const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
        observer.observe(count, { childList: true, characterData: true, subtree: true });
        if (count.textContent !== before) { resolve(); }
      });
      return performance.now() - t0;
    }, query);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const results = await page.textContent("#result-count");
  console.log(`"${query}": median ${times[2].toFixed(0)} ms (includes the 60 ms typing debounce), ${results}`);
}

await browser.close();
