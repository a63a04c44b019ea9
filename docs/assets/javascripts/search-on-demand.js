/* The search index is downloaded when the reader opens search, not on every page view.

Material for MkDocs requests search/search_index.json as soon as a page loads over http(s) and
builds the index in its worker; only from file:// does it wait until search is opened
(src/templates/assets/javascripts/integrations/search/worker/_/index.ts). A reader who never
searches pays for the index anyway: 100 KB (English) and 150 KB (Chinese) uncompressed, and the
CPU time of indexing it, on each first visit. Material keeps that behaviour by design
(squidfunk/mkdocs-material#471, #5391); mdBook made the same change (rust-lang/mdBook#2553).

This script runs before Material's bundle (overrides/main.html). Material sends the request
with XMLHttpRequest (src/templates/assets/javascripts/browser/request/index.ts); the request
for the index is held back until the search toggle turns on (the reader focuses the search
box, presses / or s, or taps the search icon), which is the signal Material itself waits for
under file://. A page reached from a search result (?h=...) needs the index at once for its
highlighting, and gets it. Queries typed meanwhile run when the index is ready; Material shows
"Initializing search" until then. tests/test_reader.py fails if the index is requested before
search is opened, or if search then finds nothing. */
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  const toggle = document.querySelector("[data-md-toggle=search]");
  let wanted = !toggle || new URLSearchParams(location.search).has("h");
  const held = [];
  const release = () => {
    wanted = true;
    held.splice(0).forEach((send) => send());
  };
  if (toggle) toggle.addEventListener("change", () => toggle.checked && release());

  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.isSearchIndex = INDEX.test(new URL(url, location.href).pathname);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.isSearchIndex || wanted) return send.apply(this, args);
    held.push(() => send.apply(this, args));
  };
})();
