/**
 * The page's one script. It reads the DOM only (never a value of the model):
 * for every `[data-paged]` block it shows the search box and the pager, pages
 * the rows and filters them by the search words. Rows are shown and hidden by
 * toggling `hidden`, touching only the rows that change, and the filter waits
 * for a pause in typing, so that a table of 10,000 rows stays responsive.
 * Without script (an email preview) every row stays visible, and a print shows
 * them all.
 *
 * It runs from the head: it marks the document `js` at once, so that the style
 * sheet hides the rows past the first page while the tables are parsed (laying
 * out 50,000 rows first made a 10,000-tenant page take seconds longer to open),
 * and sets up each block, marking it `ready`, once the document is parsed.
 *
 * The text is pinned by its hash in the page's Content-Security-Policy; it must
 * never contain a closing script tag or a comment opener.
 */

/** Rows per page. */
export const PAGE_SIZE = 100;
/** Pause in typing after which the filter runs. */
export const FILTER_DEBOUNCE_MS = 150;

export const CLIENT_SCRIPT = `
(function () {
  'use strict';
  var PAGE_SIZE = ${PAGE_SIZE};
  var FILTER_DEBOUNCE_MS = ${FILTER_DEBOUNCE_MS};
  var counts = new Intl.NumberFormat('en-US');

  function words(text) {
    return text.toLowerCase().split(/\\s+/).filter(function (word) {
      return word !== '';
    });
  }

  function matchesAll(text, needles) {
    for (var i = 0; i < needles.length; i += 1) {
      if (text.indexOf(needles[i]) === -1) return false;
    }
    return true;
  }

  function statusText(first, last, shown, total) {
    var filtered = shown === total ? '' : ' (filtered from ' + counts.format(total) + ')';
    if (shown === 0) return 'No rows' + filtered;
    return 'Rows ' + counts.format(first + 1) + '\\u2013' + counts.format(last) +
      ' of ' + counts.format(shown) + filtered;
  }

  function setUp(block) {
    var body = block.querySelector('tbody');
    var controls = block.querySelector('.controls');
    var search = block.querySelector('input[type="search"]');
    var status = block.querySelector('[data-pager-status]');
    var previous = block.querySelector('[data-page="previous"]');
    var next = block.querySelector('[data-page="next"]');
    var noMatch = block.querySelector('[data-no-match]');
    if (!body || !controls || !search || !status || !previous || !next || !noMatch) {
      block.classList.add('ready');
      return;
    }
    var rows = Array.prototype.slice.call(body.rows);
    var texts = null;
    var matching = rows;
    var page = 0;
    var timer = null;

    function show() {
      var pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
      page = Math.min(Math.max(page, 0), pages - 1);
      var first = page * PAGE_SIZE;
      var last = Math.min(matching.length, first + PAGE_SIZE);
      var visible = new Set(matching.slice(first, last));
      for (var i = 0; i < rows.length; i += 1) {
        var hide = !visible.has(rows[i]);
        if (rows[i].hidden !== hide) rows[i].hidden = hide;
      }
      status.textContent = statusText(first, last, matching.length, rows.length);
      previous.disabled = page === 0;
      next.disabled = page >= pages - 1;
      noMatch.hidden = matching.length !== 0;
    }

    function filter() {
      timer = null;
      var needles = words(search.value);
      if (texts === null) {
        texts = rows.map(function (row) {
          return row.textContent.toLowerCase();
        });
      }
      matching = needles.length === 0 ? rows : rows.filter(function (row, i) {
        return matchesAll(texts[i], needles);
      });
      page = 0;
      show();
    }

    search.addEventListener('input', function () {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(filter, FILTER_DEBOUNCE_MS);
    });
    previous.addEventListener('click', function () {
      page -= 1;
      show();
    });
    next.addEventListener('click', function () {
      page += 1;
      show();
    });
    controls.hidden = false;
    show();
    block.classList.add('ready');
  }

  function setUpAll() {
    var blocks = document.querySelectorAll('[data-paged]');
    for (var i = 0; i < blocks.length; i += 1) setUp(blocks[i]);
  }

  document.documentElement.classList.add('js');
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUpAll);
  } else {
    setUpAll();
  }
})();
`;
