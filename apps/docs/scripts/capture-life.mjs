// Records the life of TCP connections, and the try-at-home recipes, as
// /proc/net snapshots for the lesson (src/data/life/). Every scenario runs
// in a private network and mount namespace made for it (`unshare -nm`):
// loopback, plus (for the routing experiment) a veth pair that only talks
// to itself. Nothing leaves the namespace.
//
// The moments in between (a SYN whose answer is on its way, a FIN not yet
// acknowledged) last microseconds on loopback. To freeze one, an nftables
// rule inside the namespace drops the one kind of packet that would end it;
// the kernel's retransmissions carry on as soon as the rule is flushed.
//
// Usage (root, Linux, needs unshare, ip, nft, nc (OpenBSD netcat), netstat,
// setpriv): node scripts/capture-life.mjs
// Takes about two minutes (it waits out one TIME_WAIT).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { endianness } from 'node:os';
import { fileURLToPath } from 'node:url';

const OUT = new URL('../src/data/life/', import.meta.url);
const SELF = fileURLToPath(import.meta.url);
const PORT = 1234;
const STATES = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8' });
const nft = (...args) => run('nft', args);

/** The socket rows of /proc/net/tcp (or tcp6), decoded just enough to wait on. */
function rows(table = 'tcp') {
  return readFileSync(`/proc/net/${table}`, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((line) => {
      const f = line.trim().split(/\s+/);
      const [tx, rx] = (f[4] ?? '').split(':').map((h) => Number.parseInt(h, 16));
      return {
        local: Number.parseInt((f[1] ?? '').split(':')[1] ?? '', 16),
        remote: Number.parseInt((f[2] ?? '').split(':')[1] ?? '', 16),
        state: STATES[f[3] ?? ''] ?? f[3],
        tx,
        rx,
      };
    });
}
/** The server's rows (local port 1234) and the client's (remote port 1234). */
function sides(table = 'tcp') {
  const all = rows(table);
  return {
    server: all.filter((r) => r.local === PORT),
    client: all.filter((r) => r.remote === PORT),
  };
}
const states = (list) => list.map((r) => r.state).join(',');

/** Polls `check` every 50 ms, at most `limitMs`; throws with `what` when it never holds. */
async function waitFor(what, check, limitMs = 20_000) {
  for (let waited = 0; waited <= limitMs; waited += 50) {
    if (check()) return;
    await sleep(50);
  }
  const s = sides();
  throw new Error(
    `capture-life: gave up waiting for ${what}; server: ${states(s.server)}; client: ${states(s.client)}`,
  );
}

/** An nftables table in this namespace with one output chain; `drop` replaces its rules. */
function firewall() {
  nft('add', 'table', 'inet', 'life');
  nft('add', 'chain', 'inet', 'life', 'out', '{ type filter hook output priority 0; }');
  return {
    /** Drops packets matching `rule` (nft syntax), or nothing when `rule` is empty. */
    drop(rule) {
      nft('flush', 'chain', 'inet', 'life', 'out');
      if (rule) nft('add', 'rule', 'inet', 'life', 'out', ...rule.split(' '), 'drop');
    },
  };
}
// A pure ACK: only the ACK flag among FIN, SYN, RST, PSH and ACK.
const PURE_ACK = 'tcp flags & (fin|syn|rst|psh|ack) == ack';
const RULES = {
  synAckFromServer: `tcp sport ${PORT} tcp flags & (syn|ack) == syn|ack`,
  ackToServer: `tcp dport ${PORT} ${PURE_ACK}`,
  ackFromServer: `tcp sport ${PORT} ${PURE_ACK}`,
};

/** Collects what one scenario records: files per step and a log of what was done. */
function recorder(scenario) {
  const dir = new URL(`${scenario}/`, OUT);
  mkdirSync(dir, { recursive: true });
  const steps = [];
  return {
    steps,
    /** Saves the listed /proc/net tables (and extra files) as step `id`. */
    save(id, did, tables = ['tcp'], extra = {}) {
      const files = {};
      for (const table of tables) {
        const name = `${id}.${table}.txt`;
        writeFileSync(new URL(name, dir), readFileSync(`/proc/net/${table}`, 'utf8'));
        files[table] = name;
      }
      for (const [key, text] of Object.entries(extra)) {
        const name = `${id}.${key}`;
        writeFileSync(new URL(name, dir), text);
        files[key] = name;
      }
      steps.push({ id, did, files });
      const s = sides();
      console.log(`  ${scenario}/${id}: server ${states(s.server)} | client ${states(s.client)}`);
    },
  };
}

function listen() {
  return new Promise((resolve) => {
    const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true });
    const accepted = [];
    server.on('connection', (socket) => accepted.push(socket));
    server.listen(PORT, '127.0.0.1', () => resolve({ server, accepted }));
  });
}
const connect = () => net.connect({ port: PORT, host: '127.0.0.1', allowHalfOpen: true });

/** Part 1: open, talk, the client hangs up first. */
async function clientCloses() {
  const rec = recorder('client-closes');
  const fw = firewall();
  const { server, accepted } = await listen();
  rec.save('01-listen', 'A server program listens on 127.0.0.1:1234.');

  fw.drop(RULES.synAckFromServer);
  const client = connect();
  client.on('error', () => {});
  await waitFor('SYN_SENT and SYN_RECV', () => {
    const s = sides();
    return states(s.client) === 'SYN_SENT' && s.server.some((r) => r.state === 'SYN_RECV');
  });
  rec.save(
    '02-syn',
    `The client connects; nft drops the server's SYN-ACK (${RULES.synAckFromServer}).`,
  );

  fw.drop(RULES.ackToServer);
  await waitFor('client ESTABLISHED, server SYN_RECV', () => {
    const s = sides();
    return states(s.client) === 'ESTABLISHED' && s.server.some((r) => r.state === 'SYN_RECV');
  });
  rec.save('03-synack', `SYN-ACKs pass; nft drops the client's ACK (${RULES.ackToServer}).`);

  fw.drop('');
  await waitFor('both ESTABLISHED and accepted', () => {
    const s = sides();
    return (
      states(s.client) === 'ESTABLISHED' &&
      s.server.filter((r) => r.state === 'ESTABLISHED').length === 1 &&
      accepted.length === 1
    );
  });
  await sleep(200);
  rec.save('04-established', 'No rule: the next SYN-ACK is answered; the server accepts.');
  const peer = accepted[0];

  client.write('hello\n');
  await waitFor('Recv-Q 6', () => sides().server.some((r) => r.rx === 6));
  rec.save('05-data', 'The client sends "hello\\n" (6 bytes); the server does not read.');

  // Write more than both buffers hold: the server's window fills, the rest waits at the client.
  const BULK = 8 * 1024 * 1024;
  client.write(Buffer.alloc(BULK, 0x61));
  let last = -1;
  let still = 0;
  await waitFor('the client Send-Q to stop growing', () => {
    const tx = sides().client[0]?.tx ?? 0;
    still = tx > 0 && tx === last ? still + 1 : 0;
    last = tx;
    return still >= 10;
  });
  rec.save('06-window-full', 'The client writes 8 MiB more; the server still does not read.');

  let received = 0;
  peer.on('data', (chunk) => {
    received += chunk.length;
  });
  peer.resume();
  await waitFor('the server to read everything', () => received === BULK + 6, 30_000);
  await waitFor('empty queues', () => {
    const s = sides();
    return [...s.client, ...s.server].every((r) => r.rx === 0 && r.tx === 0);
  });
  rec.save('07-read', 'The server reads all of it.');

  fw.drop(RULES.ackFromServer);
  client.destroy();
  await waitFor('FIN_WAIT1 and CLOSE_WAIT', () => {
    const s = sides();
    return states(s.client) === 'FIN_WAIT1' && s.server.some((r) => r.state === 'CLOSE_WAIT');
  });
  rec.save(
    '08-fin',
    `The client closes its socket; nft drops the server's ACK (${RULES.ackFromServer}).`,
  );

  fw.drop('');
  await waitFor('FIN_WAIT2', () => states(sides().client) === 'FIN_WAIT2');
  rec.save('09-fin-acked', 'No rule: the FIN is sent again and acknowledged.');

  fw.drop(RULES.ackToServer);
  peer.destroy();
  await waitFor('LAST_ACK and TIME_WAIT', () => {
    const s = sides();
    return states(s.client) === 'TIME_WAIT' && s.server.some((r) => r.state === 'LAST_ACK');
  });
  rec.save(
    '10-server-fin',
    `The server closes its socket; nft drops the client's ACK (${RULES.ackToServer}).`,
  );

  fw.drop('');
  await waitFor('the server connection gone', () => states(sides().server) === 'LISTEN');
  rec.save('11-time-wait', 'No rule: the FIN is sent again and acknowledged.');

  await waitFor('TIME_WAIT to end', () => sides().client.length === 0, 75_000);
  rec.save('12-gone', 'About a minute later.');
  server.close();
  return rec.steps;
}

/** Part 2: the server hangs up first. */
async function serverCloses() {
  const rec = recorder('server-closes');
  const fw = firewall();
  const { server, accepted } = await listen();
  const client = connect();
  client.on('error', () => {});
  client.on('end', () => {});
  client.resume();
  await waitFor('an accepted connection', () => {
    const s = sides();
    return states(s.client) === 'ESTABLISHED' && accepted.length === 1;
  });
  await sleep(200);
  rec.save('01-established', 'A server listens on 127.0.0.1:1234; a client connects.');
  const peer = accepted[0];

  fw.drop(RULES.ackToServer);
  peer.destroy();
  await waitFor('FIN_WAIT1 and CLOSE_WAIT', () => {
    const s = sides();
    return states(s.client) === 'CLOSE_WAIT' && s.server.some((r) => r.state === 'FIN_WAIT1');
  });
  rec.save(
    '02-server-fin',
    `The server closes its socket; nft drops the client's ACK (${RULES.ackToServer}).`,
  );

  fw.drop('');
  await waitFor('FIN_WAIT2', () => sides().server.some((r) => r.state === 'FIN_WAIT2'));
  rec.save('03-fin-acked', 'No rule: the FIN is sent again and acknowledged.');

  fw.drop(RULES.ackFromServer);
  client.destroy();
  await waitFor('LAST_ACK and TIME_WAIT', () => {
    const s = sides();
    return states(s.client) === 'LAST_ACK' && s.server.some((r) => r.state === 'TIME_WAIT');
  });
  rec.save(
    '04-client-fin',
    `The client closes its socket; nft drops the server's ACK (${RULES.ackFromServer}).`,
  );

  fw.drop('');
  await waitFor('the client socket gone', () => sides().client.length === 0);
  rec.save('05-time-wait', 'No rule: the FIN is sent again and acknowledged.');
  server.close();
  return rec.steps;
}

/** Starts a program, returns it; the caller ends it by PID. */
function start(cmd, args) {
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout.resume();
  child.stderr.resume();
  child.on('error', (error) => {
    throw error;
  });
  return child;
}
function stop(child) {
  if (child.exitCode === null && child.signalCode === null) {
    process.kill(child.pid, 'SIGCONT');
    process.kill(child.pid, 'SIGKILL');
  }
}
const anyRows = () => [...rows('tcp'), ...rows('tcp6')];

/** Try at home: the OpenBSD netcat recipes, as a reader would type them. */
async function home() {
  const rec = recorder('home');
  const both = ['tcp', 'tcp6'];
  const listener = start('nc', ['-l', String(PORT)]);
  let client;
  try {
    await waitFor('nc to listen', () =>
      anyRows().some((r) => r.local === PORT && r.state === 'LISTEN'),
    );
    rec.save('01-listen', 'Terminal 1: nc -l 1234', both);

    client = start('nc', ['localhost', String(PORT)]);
    await waitFor('nc to connect', () =>
      anyRows().some((r) => r.remote === PORT && r.state === 'ESTABLISHED'),
    );
    await sleep(300);
    rec.save('02-connected', 'Terminal 2: nc localhost 1234', both);

    process.kill(listener.pid, 'SIGSTOP');
    client.stdin.write('hello\n');
    await waitFor('Recv-Q 6 at the listener', () =>
      anyRows().some((r) => r.local === PORT && r.rx === 6),
    );
    rec.save('03-unread', 'Terminal 1: Ctrl-Z (nc stops); terminal 2: type hello, Enter', both);
    process.kill(listener.pid, 'SIGCONT');
    await waitFor('nc to read', () => anyRows().every((r) => r.rx === 0));

    process.kill(client.pid, 'SIGINT');
    await waitFor('no connection left open', () =>
      anyRows().every((r) => r.state !== 'ESTABLISHED'),
    );
    await sleep(500);
    rec.save('04-client-quit', 'Terminal 1: fg; terminal 2: Ctrl-C', both);
  } finally {
    if (client) stop(client);
    stop(listener);
  }
  return rec.steps;
}

/** The other flags: UDP, users, routes, interfaces, statistics, programs. */
async function flags() {
  const rec = recorder('flags');
  // A fresh sysfs shows this namespace's interfaces (for -i's MTU and flags).
  run('mount', ['-t', 'sysfs', 'none', '/sys']);
  run('ip', ['link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'peer0']);
  for (const dev of ['eth0', 'peer0']) {
    writeFileSync(`/proc/sys/net/ipv6/conf/${dev}/disable_ipv6`, '1');
    run('ip', ['link', 'set', dev, 'up']);
  }
  run('ip', ['addr', 'add', '192.0.2.2/24', 'dev', 'eth0']);
  run('ip', ['route', 'add', 'default', 'via', '192.0.2.1', 'dev', 'eth0']);

  const kids = [];
  try {
    // A web-ish TCP server run as nobody, one as root, a connection to the first.
    kids.push(
      start('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'nc', '-lk', '8080']),
    );
    kids.push(start('nc', ['-l', '127.0.0.1', String(PORT)]));
    await waitFor(
      'two TCP listeners',
      () => rows().filter((r) => r.state === 'LISTEN').length === 2,
    );
    kids.push(start('nc', ['127.0.0.1', '8080']));
    await waitFor('a connection to 8080', () =>
      rows().some((r) => r.remote === 8080 && r.state === 'ESTABLISHED'),
    );
    // A UDP server that has not read a datagram yet, and a connected UDP client.
    const udpServer = start('nc', ['-u', '-l', '127.0.0.1', '5353']);
    kids.push(udpServer);
    await waitFor(
      'a UDP socket',
      () => readFileSync('/proc/net/udp', 'utf8').split('\n').length > 2,
    );
    process.kill(udpServer.pid, 'SIGSTOP');
    const udpClient = start('nc', ['-u', '127.0.0.1', '5353']);
    kids.push(udpClient);
    udpClient.stdin.write('hello\n');
    await waitFor('a queued datagram', () =>
      readFileSync('/proc/net/udp', 'utf8')
        .split('\n')
        .slice(1)
        .some((l) => {
          const q = l.trim().split(/\s+/)[4] ?? '';
          return q !== '' && q !== '00000000:00000000';
        }),
    );
    await sleep(300);

    // -p: what netstat reads for it, the fd links of every process.
    const links = [];
    for (const kid of kids) {
      const pid = kid.pid;
      const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith('socket:')) links.push(`/proc/${pid}/fd/${fd} -> ${target} ${argv0}`);
      }
    }
    const sysfs = {};
    for (const dev of readdirSync('/sys/class/net').sort()) {
      const read = (f) => readFileSync(`/sys/class/net/${dev}/${f}`, 'utf8').trim();
      sysfs[dev] = { mtu: read('mtu'), flags: read('flags'), operstate: read('operstate') };
    }
    const passwd = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .filter((l) => /^(root|nobody):/.test(l))
      .join('\n');
    // The real netstat, at the same moment, for what cannot be replayed from files later.
    const live = (args) => run('netstat', args);
    rec.save(
      '01-machine',
      'Two nc TCP servers (8080 as nobody, 1234), a client of 8080, a stopped nc UDP server on 5353 with one unread datagram, a connected UDP client.',
      ['tcp', 'tcp6', 'udp', 'udp6', 'route', 'dev', 'snmp', 'netstat'],
      {
        'fd-links.txt': `${links.join('\n')}\n`,
        'sysfs.json': `${JSON.stringify(sysfs, null, 2)}\n`,
        'passwd.txt': `${passwd}\n`,
        'netstat-i.txt': live(['-i']),
        'netstat-rn.txt': live(['-rn']),
        'netstat-st.txt': live(['-st']),
        'netstat-atnp.txt': live(['-atnp']),
      },
    );
  } finally {
    for (const kid of kids) stop(kid);
  }
  return rec.steps;
}

const SCENARIOS = { 'client-closes': clientCloses, 'server-closes': serverCloses, home, flags };

if (process.argv[2] === '--inside') {
  // In the new namespaces: loopback up, then one scenario. Its steps go to stdout's last line.
  const scenario = process.argv[3] ?? '';
  run('ip', ['link', 'set', 'lo', 'up']);
  const steps = await SCENARIOS[scenario]();
  process.stdout.write(`\nSTEPS ${JSON.stringify(steps)}\n`);
  process.exit(0);
}

if (process.platform !== 'linux' || endianness() !== 'LE' || process.getuid?.() !== 0) {
  console.error('capture-life: needs root on little-endian Linux');
  process.exit(1);
}
const manifest = {
  capturedAt: new Date().toISOString(),
  kernel: run('uname', ['-srm']).trim(),
  netstat: run('netstat', ['--version']).split('\n')[0],
  nc: spawnSync('nc', ['-h'], { encoding: 'utf8' }).stderr.split('\n')[0],
  nft: run('nft', ['--version']).trim(),
  node: process.version,
  command:
    'node apps/docs/scripts/capture-life.mjs (each scenario: unshare -nm node capture-life.mjs --inside <scenario>)',
  scenarios: {},
};
for (const scenario of Object.keys(SCENARIOS)) {
  console.log(`capture-life: ${scenario}`);
  const result = spawnSync('unshare', ['-nm', process.execPath, SELF, '--inside', scenario], {
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(result.stdout.replace(/\nSTEPS .*\n$/, '\n'));
  const steps = result.stdout.match(/\nSTEPS (.*)\n$/)?.[1];
  if (result.status !== 0 || !steps) {
    console.error(
      `capture-life: ${scenario} failed (status ${result.status}, ${result.signal ?? 'no signal'})`,
    );
    process.exit(1);
  }
  manifest.scenarios[scenario] = JSON.parse(steps);
}
writeFileSync(new URL('manifest.json', OUT), `${JSON.stringify(manifest, null, 2)}\n`);
console.log('capture-life: wrote src/data/life/');
