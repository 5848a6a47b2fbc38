/**
 * The row picker of every netstat table on the site (ExplainTable.astro):
 * the rows become a listbox (click or tap a row, or Tab into the rows and
 * use the arrow keys, Home and End), and the panel under the table explains
 * the selected row, computed here in the browser from its raw /proc/net
 * line by src/lib/explain.ts. Tables filled by a script (the playground,
 * the live view) call `setRows` after each render.
 */
import type { Endianness } from '@netintro/procnet-reader';
import { withBase } from './base';
import type { ExplainRow } from './explain';
import { termCols } from './term';

/** A change the live view marks on a row since its previous refresh. */
export type RowMark = 'new' | 'gone' | 'changed';

export interface ShownRow extends ExplainRow {
  mark?: RowMark;
  /** For `changed`: the state before. */
  before?: string;
}

const MARK_TEXT: Record<RowMark, string> = { new: '+ ', gone: '- ', changed: '~ ' };
const MARK_WORDS: Record<RowMark, string> = {
  new: 'appeared since the last refresh',
  gone: 'vanished since the last refresh',
  changed: 'changed state since the last refresh',
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function rowsOf(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('[data-xt-rows] > .ni-xt-row')];
}

function rowData(row: HTMLElement): ExplainRow {
  return {
    text: row.dataset.text ?? row.textContent ?? '',
    table: (row.dataset.table ?? 'tcp') as ExplainRow['table'],
    raw: row.dataset.raw ?? '',
    ...(row.dataset.program ? { program: row.dataset.program } : {}),
    ...(row.dataset.user ? { user: row.dataset.user } : {}),
  };
}

/** A short spoken name for a row: its columns with their headings. */
function rowLabel(row: HTMLElement, index: number, total: number): string {
  const t = (row.dataset.text ?? row.textContent ?? '').trim().split(/\s+/);
  const [proto, recv, send, local, foreign, ...rest] = t;
  const mark = row.dataset.mark as RowMark | undefined;
  return [
    `Row ${index + 1} of ${total}${mark ? ` (${MARK_WORDS[mark]}${row.dataset.before ? `, was ${row.dataset.before}` : ''})` : ''}: ${proto}`,
    `local ${local}`,
    `foreign ${foreign}`,
    ...(rest.length > 0 ? [rest.join(' ')] : []),
    `Recv-Q ${recv}, Send-Q ${send}`,
  ].join(', ');
}

/** Gives the rows their roles, names and tab stops (again after each render). */
function prepare(root: HTMLElement): void {
  const list = root.querySelector<HTMLElement>('[data-xt-rows]');
  if (!list) return;
  const rows = rowsOf(root);
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', root.dataset.xtLabel ?? 'Rows: select one to explain it');
  let selected = rows.findIndex((r) => r.getAttribute('aria-selected') === 'true');
  if (selected < 0) selected = 0;
  rows.forEach((row, i) => {
    row.setAttribute('role', 'option');
    row.id ||= `${root.id || 'xt'}-row-${i}`;
    row.setAttribute('aria-label', rowLabel(row, i, rows.length));
    row.setAttribute('aria-selected', String(i === selected && row.hasAttribute('data-picked')));
    row.tabIndex = i === selected ? 0 : -1;
  });
  const hint = root.querySelector<HTMLElement>('[data-xt-hint]');
  if (hint) hint.hidden = rows.length === 0;
}

/** The explanations (their texts and the parser) load with the first selection. */
let explainer: Promise<typeof import('./explain')> | undefined;

/** Fills the panel with the explanation of `row`. */
async function explain(root: HTMLElement, row: HTMLElement): Promise<void> {
  explainer ??= import('./explain');
  const { explainRow } = await explainer;
  // Another row may have been selected meanwhile.
  if (row.getAttribute('aria-selected') !== 'true') return;
  const panel = root.querySelector<HTMLElement>('[data-xt-panel]');
  const summary = root.querySelector<HTMLElement>('[data-xt-summary]');
  const detail = root.querySelector<HTMLElement>('[data-xt-detail]');
  if (!panel || !summary || !detail) return;
  panel.hidden = false;
  const rows = rowsOf(root);
  const index = rows.indexOf(row);
  const data = rowData(row);
  const endianness = (root.dataset.endianness ?? 'little') as Endianness;
  const e = explainRow(data, endianness);
  if (!e) {
    summary.textContent = `Row ${index + 1}: its /proc/net line could not be read.`;
    detail.replaceChildren();
    return;
  }
  const stateWord = e.state || 'no state (unconnected)';
  summary.textContent = `Row ${index + 1} of ${rows.length}: ${data.text.trim().split(/\s+/)[0]}, ${stateWord}, ${e.server ? 'a server' : 'not a server'}.`;

  const rawTitle = el('p');
  rawTitle.append(el('strong', `The /proc/net/${data.table} line`), ' it was made from:');
  const raw = el('code', data.raw.trim(), 'ni-xt-raw');
  raw.dataset.testid = 'xt-raw';

  const list = (fields: typeof e.fields) => {
    const dl = el('dl', undefined, 'ni-xt-fields');
    for (const f of fields) {
      const entry = el('div');
      entry.dataset.field = f.id;
      const dt = el('dt');
      dt.append(el('code', f.raw), ' ', el('span', f.name));
      const dd = el('dd');
      dd.append(el('strong', f.value, 'ni-xt-value'), ` ${f.meaning}`);
      entry.append(dt, dd);
      dl.append(entry);
    }
    return dl;
  };
  const shown = e.fields.filter((f) => !f.internal);
  const hidden = e.fields.filter((f) => f.internal);
  const more = el('details');
  more.append(
    el('summary', `${hidden.length} more kernel columns netstat never shows`),
    list(hidden),
  );

  const state = el('p');
  state.append(el('strong', 'State: '), `${stateWord}. ${e.statePlain}`);
  const nextTitle = el('p', 'What can happen next:');
  const next = el('ul');
  for (const n of e.next) next.append(el('li', n));
  const server = el('p');
  server.append(el('strong', e.server ? 'Server: yes. ' : 'Server: no. '), e.serverWhy);
  const program = el('p');
  program.append(el('strong', 'Program: '), e.program);
  const more2 = el('p', undefined, 'ni-caption');
  const link = el('a', '/proc/net/tcp, field by field');
  link.href = withBase('/reference/proc-net-tcp/');
  more2.append('Every field in more depth: ', link, '.');

  detail.replaceChildren(
    state,
    ...(e.next.length > 0 ? [nextTitle, next] : []),
    server,
    program,
    rawTitle,
    raw,
    list(shown),
    ...(hidden.length > 0 ? [more] : []),
    more2,
  );
}

function select(root: HTMLElement, row: HTMLElement, focus: boolean): void {
  for (const r of rowsOf(root)) {
    const on = r === row;
    r.setAttribute('aria-selected', String(on));
    r.toggleAttribute('data-picked', on);
    r.tabIndex = on ? 0 : -1;
  }
  if (focus) row.focus();
  void explain(root, row);
}

/** Makes one table's rows selectable (once; rows may be replaced later). */
export function enhance(root: HTMLElement): void {
  if (root.dataset.xtReady) return;
  root.dataset.xtReady = 'true';
  prepare(root);
  root.addEventListener('click', (event) => {
    const row = (event.target as Element).closest<HTMLElement>('.ni-xt-row');
    if (row && root.contains(row)) select(root, row, true);
  });
  root.addEventListener('keydown', (event) => {
    const row = (event.target as Element).closest<HTMLElement>('.ni-xt-row');
    if (!row) return;
    const rows = rowsOf(root);
    const at = rows.indexOf(row);
    const scroller = root.querySelector<HTMLElement>('.ni-term');
    let to: number | undefined;
    if (event.key === 'ArrowDown') to = Math.min(at + 1, rows.length - 1);
    else if (event.key === 'ArrowUp') to = Math.max(at - 1, 0);
    else if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = rows.length - 1;
    else if (event.key === 'Enter' || event.key === ' ') to = at;
    else if ((event.key === 'ArrowRight' || event.key === 'ArrowLeft') && scroller) {
      scroller.scrollLeft += event.key === 'ArrowRight' ? 40 : -40;
      event.preventDefault();
      return;
    }
    if (to === undefined) return;
    event.preventDefault();
    const target = rows[to];
    if (target) select(root, target, true);
  });
  root.dataset.xtEnhanced = 'true';
}

/**
 * Replaces the rows of a table filled by a script. `prefix` is text shown
 * before the table in the same block (a prompt line); the previously
 * selected row stays selected when a row with the same text and line is
 * still there.
 */
export function setRows(root: HTMLElement, head: string, rows: ShownRow[], fallback = ''): void {
  const output = root.querySelector<HTMLElement>('[data-xt-output]');
  const headBox = root.querySelector<HTMLElement>('[data-xt-head]');
  const list = root.querySelector<HTMLElement>('[data-xt-rows]');
  const pre = root.querySelector<HTMLElement>('.ni-term');
  if (!output || !headBox || !list) return;
  const before = rowsOf(root).find((r) => r.hasAttribute('data-picked'));
  const keep = before ? `${before.dataset.table} ${before.dataset.raw}` : '';
  const marks = rows.some((r) => r.mark) || root.hasAttribute('data-xt-marks');
  const gutter = (mark: RowMark | undefined) => (marks ? (mark ? MARK_TEXT[mark] : '  ') : '');
  headBox.textContent =
    rows.length === 0 && fallback
      ? fallback
      : head
          .split('\n')
          .map((l) => (l ? gutter(undefined) + l : l))
          .join('\n');
  const nodes: (Node | string)[] = [];
  let picked: HTMLElement | undefined;
  rows.forEach((r, i) => {
    if (i > 0) nodes.push('\n');
    const row = el('span', undefined, 'ni-xt-row');
    row.dataset.table = r.table;
    row.dataset.raw = r.raw;
    row.dataset.text = r.text;
    if (r.program) row.dataset.program = r.program;
    if (r.user) row.dataset.user = r.user;
    if (r.mark) {
      row.dataset.mark = r.mark;
      if (r.before) row.dataset.before = r.before;
    }
    if (marks) {
      const m = el('span', gutter(r.mark), 'ni-xt-mark');
      m.setAttribute('aria-hidden', 'true');
      row.append(m, el('span', r.text, 'ni-xt-text'));
    } else {
      row.textContent = r.text;
    }
    if (keep && `${r.table} ${r.raw}` === keep && !picked) picked = row;
    nodes.push(row);
  });
  list.replaceChildren(...nodes);
  if (pre) pre.style.setProperty('--ni-cols', String(termCols(pre.textContent ?? '')));
  prepare(root);
  const panel = root.querySelector<HTMLElement>('[data-xt-panel]');
  if (picked) {
    const focused = document.activeElement?.closest('[data-xt-rows]') === list;
    select(root, picked, focused);
  } else if (panel && before) {
    panel.hidden = true;
  }
}

/**
 * The live view's marks: rows whose key is new since `previous`, rows whose
 * state changed, and the rows of `previous` that are gone (kept, marked, at
 * the end, for one refresh).
 */
export function markChanges<R extends ExplainRow & { key: string; state: string }>(
  previous: readonly R[] | undefined,
  current: readonly R[],
): { rows: (R & ShownRow)[]; appeared: number; vanished: number; changed: number } {
  if (!previous) return { rows: [...current], appeared: 0, vanished: 0, changed: 0 };
  const before = new Map(previous.map((r) => [r.key, r]));
  const now = new Set(current.map((r) => r.key));
  let appeared = 0;
  let changed = 0;
  const rows: (R & ShownRow)[] = current.map((r) => {
    const old = before.get(r.key);
    if (!old) {
      appeared++;
      return { ...r, mark: 'new' as const };
    }
    if (old.state !== r.state) {
      changed++;
      return { ...r, mark: 'changed' as const, before: old.state || 'no state' };
    }
    return r;
  });
  const gone = previous.filter((r) => !now.has(r.key));
  for (const r of gone) rows.push({ ...r, mark: 'gone' });
  return { rows, appeared, vanished: gone.length, changed };
}

/** Enhances every row picker on the page. */
export function enhanceAll(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-xt]')) enhance(root);
}
