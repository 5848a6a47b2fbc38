// In-process parse throughput of a 120k-row /proc/net/tcp table.
// Usage: pnpm run build && node bench/parse.mjs [rows] [rounds]
// PROCNET_READER_DIST=/path/to/dist measures another build (bench/parse-ab.mjs
// uses it to compare two builds).
// Target (issue 3): >= 3 M rows/s.
import { pathToFileURL } from 'node:url';
import { makeTable } from './table.mjs';

const dist = process.env.PROCNET_READER_DIST;
const { parseTcp, parseTcp6 } = await import(
  dist ? pathToFileURL(`${dist}/index.js`).href : '../dist/index.js'
);

const rows = Number(process.argv[2] ?? 120_000);
const rounds = Number(process.argv[3] ?? 10);

function measure(name, parse, text) {
  // Warm up, then time several rounds and keep the median.
  for (let i = 0; i < 3; i++) parse(text);
  // Wall time and CPU time (user + system) per round: on a shared machine
  // the CPU time shows the parser's own cost, the wall time what a user waits.
  const wall = [];
  const cpu = [];
  let count = 0;
  for (let i = 0; i < rounds; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    count = parse(text).length;
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rate = (ms) => (count / ms / 1000).toFixed(2);
  const w = median(wall);
  const c = median(cpu);
  console.log(
    `${name}: ${count} rows, ${(text.length / 1e6).toFixed(1)} MB; median wall ${w.toFixed(1)} ms = ${rate(w)} M rows/s, median CPU ${c.toFixed(1)} ms = ${rate(c)} M rows/s, best wall ${rate(Math.min(...wall))} M rows/s`,
  );
  return count / w / 1000;
}

/**
 * Calibration: one pass of charCodeAt over the text, building nothing. On a
 * shared or slow machine this floor moves with the load; the ratio of the
 * parse time to it says how much the parser adds to merely reading the text.
 */
function touchEveryChar(text) {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return { length: sum === 0.5 ? 0 : rows };
}

/**
 * Second floor: building the records alone. `rows` records of the parser's
 * full-tcp shape (two endpoint objects, an inode string copied out of the
 * text, a pointer slice) from constants, scanning nothing. Whatever a parser
 * does, it allocates and retains this much, and the garbage collector moves it.
 */
function recordsOnly(text) {
  const out = [];
  const addresses = ['127.0.0.1', '127.0.0.2', '127.0.0.3'];
  for (let i = 0; i < rows; i++) {
    const at = (i * 151) % (text.length - 32);
    const local = { address: addresses[i % 3], addressHex: '0100007F', port: i & 0xffff };
    const remote = { address: addresses[(i + 1) % 3], addressHex: '0100007F', port: 8080 };
    out.push({
      table: 'tcp',
      protocol: 'tcp',
      family: 4,
      slot: i,
      local,
      remote,
      stateCode: 1,
      state: 'ESTABLISHED',
      txQueue: 0,
      rxQueue: 0,
      timerCode: 0,
      timer: 'off',
      timerTicks: 0,
      retransmits: 0,
      uid: 1000,
      timeout: 0,
      inode: text.slice(at, at + 6),
      refCount: 1,
      pointer: text.slice(at + 8, at + 24),
      rto: 20,
      ato: 4,
      quickAck: 30,
      cwnd: 10,
      ssthresh: -1,
      line: i + 2,
    });
  }
  return out;
}

const tcp = makeTable(rows, false);
const tcp6 = makeTable(rows, true);
// PARSE_ONLY=1 skips the floors (bench/parse-ab.mjs compares builds, not floors).
const parseOnly = process.env.PARSE_ONLY === '1';
const floor = parseOnly ? 1 : measure('one charCodeAt pass (floor)', touchEveryChar, tcp);
const allocation = parseOnly ? 1 : measure('records only, no scan (floor)', recordsOnly, tcp);
const rate = measure('parseTcp ', parseTcp, tcp);
measure('parseTcp6', parseTcp6, tcp6);
if (parseOnly) process.exit(0);
console.log(
  `parseTcp runs at ${((rate / floor) * 100).toFixed(0)}% of the one-pass floor and ${((rate / allocation) * 100).toFixed(0)}% of the records-only floor on this machine now`,
);
console.log(rate >= 3 ? 'target met (>= 3 M rows/s for tcp)' : 'BELOW TARGET (3 M rows/s for tcp)');
