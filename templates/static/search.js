// Site search on search/: queries the Pagefind bundle the build writes into pagefind/
// (site_builder/search.py). A large site's news is indexed in shards, sub-bundles of
// pagefind/ listed in pagefind/shards.json, which are merged into the main bundle's
// search. Pagefind works out the site's base path from where its script is loaded, so
// results link correctly when the site lives under a sub-path.
const form = document.querySelector("[data-search-form]");
const input = form.querySelector("input[name=q]");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const thaiDigits = status.dataset.thaiDigits === "true";
const siteRoot = new URL("../", import.meta.url);
const bundle = new URL("pagefind/", siteRoot);
const MAX_RESULTS = 20;

const BUNDLE_FILTER = "bundle"; // names the bundle of each page, when there are shards

let loading = null; // the main bundle with every shard merged, once
let latest = "";

async function loadPagefind() {
  const [pagefind, manifest] = await Promise.all([
    import(new URL("pagefind.js", bundle).href),
    // Revalidated like Pagefind's own entry file: a new build may have other shards.
    fetch(new URL("shards.json", bundle), { cache: "no-cache" }).then((response) => {
      if (!response.ok) throw new Error(`shards.json: HTTP ${response.status}`);
      return response.json();
    }),
  ]);
  if (manifest.shards.length) {
    await pagefind.options({ mergeFilter: { [BUNDLE_FILTER]: "main" } });
    // A shard's pages are the site's pages: their addresses start at the site root.
    await Promise.all(
      manifest.shards.map((shard) =>
        pagefind.mergeIndex(new URL(`${shard}/`, bundle).href, {
          baseUrl: siteRoot.pathname,
          mergeFilter: { [BUNDLE_FILTER]: shard },
        }),
      ),
    );
  }
  return pagefind;
}

// Compared the way Pagefind compares words: lower case, without diacritics (Thai vowel
// and tone marks included), the query cut into words like Pagefind cuts it (where the
// browser can: without Intl.Segmenter, Pagefind keeps a Thai query whole).
const normalized = (text) => text.toLocaleLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
function queryWords(q) {
  if (typeof Intl.Segmenter === "undefined") return q.split(/\s+/).map(normalized);
  const segmenter = new Intl.Segmenter(document.documentElement.lang || undefined, {
    granularity: "word",
  });
  return [...segmenter.segment(q)].filter((w) => w.isWordLike).map((w) => normalized(w.segment));
}

// Pagefind answers a query word that a bundle lacks with the longest word of that bundle
// the query word starts with ("สุนัข" → "ส"), or leaves the word out. With one bundle
// that only happens for words the whole site lacks; with shards, each shard lacking a
// word would add such stand-ins to the real matches of the others. So a bundle's
// results are kept only if its best page holds every word of the query — unless no
// bundle's does, which is Pagefind's answer for words the site lacks.
async function findPages(pagefind, q) {
  const found = await pagefind.search(q);
  const perBundle = found.filters[BUNDLE_FILTER];
  if (!perBundle) return found; // one bundle
  const wanted = queryWords(q);
  const bundles = Object.keys(perBundle).filter((name) => perBundle[name] > 0);
  const matching = await Promise.all(
    bundles.map(async (name) => {
      const own = await pagefind.search(q, { filters: { [BUNDLE_FILTER]: name } });
      const best = await own.results[0].data();
      const text = normalized([best.content, ...Object.values(best.meta)].join(" "));
      return wanted.every((word) => text.includes(word));
    }),
  );
  const kept = bundles.filter((_, i) => matching[i]);
  if (kept.length === 0 || kept.length === bundles.length) return found;
  return pagefind.search(q, { filters: { [BUNDLE_FILTER]: { any: kept } } });
}

const count = (n) => n.toLocaleString(thaiDigits ? "th-TH-u-nu-thai" : "th-TH");

async function search(query) {
  const q = query.trim();
  latest = q;
  if (!q) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = "กำลังค้นหา…";
  try {
    loading ??= loadPagefind();
    const pagefind = await loading;
    const found = await findPages(pagefind, q);
    const pages = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (q !== latest) return; // a newer query is on its way
    list.replaceChildren(...pages.map(resultItem));
    status.textContent = pages.length
      ? `พบ ${count(found.results.length)} หน้าที่มีคำว่า “${q}”` +
        (found.results.length > MAX_RESULTS ? ` แสดง ${count(MAX_RESULTS)} หน้าแรก` : "")
      : `ไม่พบหน้าที่มีคำว่า “${q}” ลองใช้คำที่สั้นลง หรือดูรายการ O1–O43`;
  } catch (error) {
    status.textContent = "โหลดดัชนีการค้นหาไม่สำเร็จ ลองโหลดหน้านี้ใหม่อีกครั้ง";
    throw error;
  }
}

function resultItem(page) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = page.meta.title || page.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  // Pagefind's excerpt is the page's text, HTML-escaped, with <mark> around the hits.
  excerpt.innerHTML = page.excerpt;
  item.append(heading, excerpt);
  return item;
}

let timer = 0;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => search(input.value), 250);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", input.value.trim());
  history.replaceState(null, "", url);
  search(input.value);
});

form.hidden = false;
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  search(initial);
}
