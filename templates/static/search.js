// Site search on search/: queries the Pagefind bundle the build writes into pagefind/
// (site_builder/search.py). Pagefind works out the site's base path from where its
// script is loaded, so results link correctly when the site lives under a sub-path.
const form = document.querySelector("[data-search-form]");
const input = form.querySelector("input[name=q]");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const thaiDigits = status.dataset.thaiDigits === "true";
const bundle = new URL("../pagefind/pagefind.js", import.meta.url).href;
const MAX_RESULTS = 20;

let pagefind = null;
let latest = "";

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
    pagefind ??= await import(bundle);
    const found = await pagefind.search(q);
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
