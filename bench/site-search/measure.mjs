// Times search as you type on a site built by `meshgov site`, opened from disk in Debian's Chromium: page load
// with the search index, then each query from the input event to the results on screen, and a ticked filter;
// once at full speed and once with the CPU throttled four times (Chrome DevTools' "4x slowdown").
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
const cdp = await page.context().newCDPSession(page);
const started = Date.now();
await page.goto(pathToFileURL(path.join(site, "index.html")).href);
await page.waitForFunction(() => document.getElementById("result-count").textContent.length > 0);
console.log(`load with index: ${Date.now() - started} ms, ${await page.evaluate(() => window.MESHGOV_SEARCH.entries.length)} entries`);

// From the input event to the result count written (search.js writes it last, after the list).
async function time(action) {
  return page.evaluate(async (action) => {
    const count = document.getElementById("result-count");
    const t0 = performance.now();
    const written = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
      observer.observe(count, { childList: true, characterData: true, subtree: true });
    });
    if (action.query !== undefined) {
      const input = document.getElementById("q");
      input.value = action.query;
      input.dispatchEvent(new Event("input"));
    } else {
      document.querySelector(action.selector).click();
    }
    await written;
    return performance.now() - t0;
  }, action);
}

function median(times) {
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)].toFixed(0);
}

for (const rate of [1, 4]) {
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  for (const query of ["p", "product", "product-0042", "customer email", "prodcut", "zzz-no-match"]) {
    const times = [];
    for (let run = 0; run < 5; run++) {
      await page.fill("#q", "");
      await page.waitForTimeout(100);
      times.push(await time({ query }));
    }
    console.log(`CPU /${rate}, "${query}": median ${median(times)} ms, ${await page.textContent("#result-count")}`);
  }
  const times = [];
  await page.fill("#q", "");
  await page.waitForTimeout(100);
  for (let run = 0; run < 6; run++) {
    times.push(await time({ selector: "#facets input[data-facet='k'][value='contract']" }));
  }
  console.log(`CPU /${rate}, tick and untick Kind "contract" with an empty query: median ${median(times)} ms`);
}

await browser.close();
