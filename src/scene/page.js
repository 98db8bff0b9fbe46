// The page's behaviour: the shown year, the selected city, its panel, the table and the
// address (#year=2019&city=almaty), all from the JSON data above. Text from the data goes
// in with textContent (or as attribute values) only, never as HTML.
'use strict';
(() => {
  const data = JSON.parse(document.getElementById('data').textContent);
  const W = data.words;
  const $ = (id) => document.getElementById(id);
  const cityIndex = new Map(data.cities.map((c, i) => [c.id, i]));
  const state = { year: data.year, city: -1, table: false };

  /** The words for `key`, each `{name}` replaced by `args[name]`. */
  const say = (key, args = {}) =>
    (W[key] || key).replace(/\{(\w+)\}/g, (m, name) => (name in args ? String(args[name]) : m));

  /** An element with attributes (skipped when null or false) and children (text or nodes). */
  const present = (v) => v !== null && v !== undefined && v !== false;
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (present(v)) e.setAttribute(k, String(v));
    e.append(...children.filter(present));
    return e;
  }

  const cell = (c, year) => c.years[year - data.first];
  const nameIn = (c, year) => c.names[cell(c, year).n || 0];
  const reportsIn = (c, year) => c.reports.filter((r) => r.year === year);

  // Each year's markers, by city id.
  const groups = new Map();
  for (const g of document.querySelectorAll('#map g.year')) {
    const markers = new Map();
    for (const m of g.querySelectorAll('[data-city]')) markers.set(m.getAttribute('data-city'), m);
    groups.set(Number(g.getAttribute('data-year')), { g, markers });
  }
  const markerOf = (i, year) => (i < 0 ? null : groups.get(year)?.markers.get(data.cities[i].id) || null);

  const svg = document.querySelector('#map svg');
  const ring = svg.querySelector('.ring');

  /** The source's title as a link when its address is a web address, else as text. */
  function titleOf(source) {
    if (source.link && /^https?:\/\//i.test(source.url)) {
      return el('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank', dir: 'auto' }, source.title);
    }
    return el('span', { dir: 'auto' }, source.title, source.url ? ` (${source.url})` : '');
  }

  function sourceLine(index) {
    const s = data.sources[index];
    if (!s) return null;
    const flags = s.flags.length ? ` (${s.flags.join(', ')})` : '';
    return el('p', { class: 'source' }, el('span', { dir: 'auto' }, s.publisher), ': ', titleOf(s), `, ${say('page.published', { date: s.published })}${flags}`);
  }

  /** A copy of the legend's icon for a status (an index into `data.statuses`). */
  function icon(status) {
    const svgIcon = document.querySelector(`#legend li[data-status="${Number(status)}"] svg`);
    return svgIcon ? svgIcon.cloneNode(true) : null;
  }

  function reportItem(r, deciding) {
    const s = data.statuses[r.status];
    return el('li', { class: deciding ? 'report deciding' : 'report' },
      el('p', { class: 'report-head' }, icon(r.status), el('strong', {}, s.label), ` · ${r.date} · ${r.timing}`,
        r.uncertain ? el('span', { class: 'tag', title: W['panel.uncertain_hint'] }, W['panel.uncertain_short']) : null,
        deciding ? el('span', { class: 'tag deciding-tag' }, W['panel.drawn']) : null),
      el('p', { dir: 'auto' }, r.summary),
      r.excerpt ? el('blockquote', { dir: 'auto' }, say('page.quote', { text: r.excerpt })) : null,
      sourceLine(r.source));
  }

  function namesList(c) {
    const dl = el('dl', { class: 'names' });
    const row = (term, value) => dl.append(el('dt', {}, term), el('dd', { dir: 'auto' }, value));
    for (const [language, name] of c.all_names) row(language, name);
    for (const f of c.former) row(W['panel.former_name'], `${f.name} (${f.from || '…'}–${f.to || '…'})`);
    if (c.aliases.length) row(W['panel.also_written'], c.aliases.join(', '));
    if (c.region) row(W['panel.region'], c.region);
    if (c.population) row(W['panel.population'], c.population.toLocaleString(data.lang));
    return dl;
  }

  function historyStrip(c) {
    const strip = el('div', { class: 'history', role: 'group', 'aria-label': W['panel.history'] });
    for (let y = data.first; y <= data.last; y++) {
      const st = data.statuses[cell(c, y).s];
      const label = `${y}: ${st.label}`;
      const chip = el('button', { type: 'button', class: st.id === 'no_report' ? 'chip none' : 'chip', title: label, 'aria-label': label, 'aria-current': y === state.year ? 'true' : null, 'data-year': y }, String(y));
      if (st.id !== 'no_report') {
        chip.style.background = st.colour;
        chip.style.color = st.ink;
      }
      chip.addEventListener('click', () => setYear(y, 'chip'));
      strip.append(chip);
    }
    return strip;
  }

  function showPanel() {
    const panel = $('panel');
    if (state.city < 0) {
      const about = data.about;
      panel.replaceChildren(el('p', { class: 'hint' }, W['overview.click_hint']),
        el('h3', {}, about.heading), el('p', { dir: 'auto' }, about.description), el('p', { class: 'hint' }, about.sizes));
      return;
    }
    const c = data.cities[state.city];
    const y = state.year;
    const cy = cell(c, y);
    const st = data.statuses[cy.s];
    const close = el('button', { type: 'button', class: 'close', 'aria-label': W['panel.close'], title: W['panel.close'] }, '×');
    close.addEventListener('click', () => select(-1, 'marker'));
    const deciding = cy.d === undefined ? null : c.reports[cy.d];
    const others = reportsIn(c, y).filter((r) => r !== deciding);
    const reports = deciding ? [deciding, ...others] : others;
    const notes = c.notes.filter((n) => n.year === y);
    const parts = [
      el('div', { class: 'panel-head' }, el('h2', { id: 'panel-h', tabindex: '-1', dir: 'auto' }, nameIn(c, y)), close),
      namesList(c),
      el('h3', {}, say('page.status_in', { year: y })),
      el('p', { class: 'status' }, icon(cy.s), el('strong', {}, st.label)),
      el('p', { class: 'meaning' }, st.meaning),
      cy.disputed ? el('p', { class: 'warn' }, W['panel.disputed']) : null,
      cy.tentative ? el('p', { class: 'note' }, W['legend.tentative_hint']) : null,
      cy.plan_changed ? el('p', { class: 'warn' }, W['panel.plan_changed']) : null,
      cy.uncertain ? el('p', { class: 'warn' }, W['panel.uncertain']) : null,
      el('h3', {}, say('panel.reports_for', { year: y, n: reports.length })),
      reports.length
        ? el('ol', { class: 'reports' }, ...reports.map((r) => reportItem(r, r === deciding)))
        : el('p', { class: 'hint' }, W['panel.no_reports']),
      notes.length ? el('h3', {}, W['panel.other_mentions']) : null,
      notes.length ? el('ul', { class: 'notes' }, ...notes.map((n) => el('li', {}, el('p', { dir: 'auto' }, n.summary), sourceLine(n.source)))) : null,
      el('h3', {}, W['panel.history']),
      historyStrip(c),
    ];
    panel.replaceChildren(...parts.filter(present));
  }

  function showTable() {
    const y = state.year;
    const tab = state.table ? null : '-1';
    $('table-caption').textContent = say('list.title', { year: y });
    $('table-body').replaceChildren(...data.cities.map((c, i) => {
      const cy = cell(c, y);
      const open = el('button', { type: 'button', class: 'linklike', tabindex: tab, dir: 'auto' }, nameIn(c, y));
      open.addEventListener('click', () => select(i, 'panel'));
      const d = cy.d === undefined ? null : c.reports[cy.d];
      const s = d ? data.sources[d.source] : null;
      const title = s ? titleOf(s) : null;
      if (title && tab) title.setAttribute('tabindex', tab);
      return el('tr', { class: i === state.city ? 'selected' : null },
        el('th', { scope: 'row' }, open),
        el('td', { class: 'st' }, data.statuses[cy.s].label, cy.disputed ? ` (${W['list.disputed']})` : ''),
        el('td', { class: 'num' }, String(cy.r || 0)),
        el('td', {}, s ? el('span', {}, el('span', { dir: 'auto' }, s.publisher), `, ${d.date}: `, title) : '—'));
    }));
  }

  function showLegend() {
    const counts = data.statuses.map(() => 0);
    let disputed = 0;
    let tentative = 0;
    for (const c of data.cities) {
      const cy = cell(c, state.year);
      counts[cy.s] += 1;
      if (cy.disputed) disputed += 1;
      if (cy.tentative) tentative += 1;
    }
    for (const li of document.querySelectorAll('#legend li')) {
      const key = li.getAttribute('data-status');
      const n = key === 'disputed' ? disputed
        : key === 'tentative' ? tentative
          : counts[Number(key)] || 0;
      li.querySelector('.count').textContent = String(n);
      li.classList.toggle('zero', n === 0);
    }
    $('legend-h').textContent = say('list.title', { year: state.year });
  }

  function showMap() {
    for (const [y, { g }] of groups) g.classList.toggle('on', y === state.year);
    for (const m of svg.querySelectorAll('.selected')) m.classList.remove('selected');
    const m = markerOf(state.city, state.year);
    if (!m) {
      ring.setAttribute('display', 'none');
      return;
    }
    m.classList.add('selected');
    const shape = m.querySelector(':scope > :not(title)') || m;
    const b = shape.getBBox();
    for (const circle of ring.children) {
      circle.setAttribute('cx', String(b.x + b.width / 2));
      circle.setAttribute('cy', String(b.y + b.height / 2));
      circle.setAttribute('r', String(Math.max(b.width, b.height) / 2 + 5));
    }
    ring.removeAttribute('display');
  }

  const buttons = document.querySelectorAll('#years button[data-year]');
  const range = $('year-range');
  function showYearControl() {
    for (const b of buttons) b.setAttribute('aria-pressed', String(Number(b.getAttribute('data-year')) === state.year));
    if (range) {
      range.value = String(state.year);
      $('year-out').textContent = String(state.year);
    }
  }

  /** The address for what is shown, without a new history entry. */
  function writeHash() {
    const p = new URLSearchParams({ year: String(state.year) });
    if (state.city >= 0) p.set('city', data.cities[state.city].id);
    if (location.hash === `#${p}`) return;
    try {
      history.replaceState(null, '', `#${p}`);
    } catch (e) {
      location.replace(`#${p}`);
    }
  }

  /** The year and city the address asks for; anything unknown is the default. */
  function readHash() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ''));
    const text = p.get('year') || '';
    const year = /^-?\d{1,6}$/.test(text) ? Number(text) : NaN;
    return { year: year >= data.first && year <= data.last ? year : data.year, city: cityIndex.get(p.get('city') || '') ?? -1 };
  }

  function render() {
    showMap();
    showYearControl();
    showLegend();
    showTable();
    showPanel();
    writeHash();
  }

  /** Shows `year`; `keep` is what should have focus after: the same city's marker or chip. */
  function setYear(year, keep) {
    if (year < data.first || year > data.last || year === state.year) return;
    const focused = document.activeElement?.getAttribute?.('data-city');
    state.year = year;
    render();
    $('announce').textContent = say('list.title', { year });
    if (keep === 'chip') document.querySelector('#panel .chip[aria-current]')?.focus();
    else if (focused) groups.get(year)?.markers.get(focused)?.focus();
  }
  const step = (by) => setYear(state.year + by);

  /** Selects city `i` (-1: none); `focus` moves the focus to the panel or back to the marker. */
  function select(i, focus) {
    const before = state.city;
    state.city = i;
    render();
    if (focus === 'panel' && i >= 0) $('panel-h')?.focus();
    if (focus === 'marker' && i < 0) markerOf(before, state.year)?.focus();
  }

  for (const b of buttons) b.addEventListener('click', () => setYear(Number(b.getAttribute('data-year'))));
  if (range) range.addEventListener('input', () => setYear(Number(range.value)));
  $('prev')?.addEventListener('click', () => step(-1));
  $('next')?.addEventListener('click', () => step(1));

  const map = $('map');
  // A click on a city selects it, a click beside the cities clears; Enter or Space on a city selects it.
  const cityAt = (e) => cityIndex.get(e.target.closest('[data-city]')?.getAttribute('data-city')) ?? -1;
  map.addEventListener('click', (e) => select(cityAt(e), 'panel'));
  map.addEventListener('keydown', (e) => {
    if ((e.key !== 'Enter' && e.key !== ' ') || cityAt(e) < 0) return;
    e.preventDefault();
    select(cityAt(e), 'panel');
  });
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      step(e.key === 'ArrowLeft' ? -1 : 1);
    } else if (e.key === 'Escape' && state.city >= 0) {
      select(-1, 'marker');
    }
  });

  const toggle = $('table-toggle');
  toggle.addEventListener('click', () => {
    state.table = !state.table;
    toggle.setAttribute('aria-pressed', String(state.table));
    $('table-view').classList.toggle('sr-only', !state.table);
    map.classList.toggle('covered', state.table);
    showTable();
  });

  window.addEventListener('hashchange', () => {
    const asked = readHash();
    if (asked.year === state.year && asked.city === state.city) return;
    Object.assign(state, asked);
    render();
  });
  Object.assign(state, readHash());
  render();
})();
