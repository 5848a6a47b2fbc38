# Warm in-process calls: the (a) or (f) program's work repeated in one
# process after a first (cold) call; prints {"ms": median of the warm calls}.
import json
import statistics
import sys
import time

import psutil

which = "json" if len(sys.argv) > 1 and sys.argv[1] == "json" else "listening"
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7


def listening():
    lines = []
    for c in psutil.net_connections(kind="tcp"):
        if c.status != psutil.CONN_LISTEN:
            continue
        name = psutil.Process(c.pid).name() if c.pid else None
        lines.append(f"{c.laddr.ip}:{c.laddr.port} {c.pid} {name}")
    return "\n".join(lines)


def as_json():
    names = {}

    def name(pid):
        if pid not in names:
            names[pid] = psutil.Process(pid).name()
        return names[pid]

    return json.dumps(
        [
            {
                "fd": c.fd,
                "family": c.family.name,
                "laddr": {"ip": c.laddr.ip, "port": c.laddr.port},
                "raddr": {"ip": c.raddr.ip, "port": c.raddr.port} if c.raddr else None,
                "status": c.status,
                "pid": c.pid,
                "name": name(c.pid) if c.pid else None,
            }
            for c in psutil.net_connections(kind="tcp")
        ]
    )


work = as_json if which == "json" else listening
work()
times = []
for _ in range(rounds):
    t0 = time.perf_counter()
    work()
    times.append((time.perf_counter() - t0) * 1000)
print(json.dumps({"ms": statistics.median(times)}))
