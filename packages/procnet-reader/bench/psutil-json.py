# First program (f) with psutil, for comparison: every TCP socket with its owner, as JSON.
import json
import psutil
import sys
import time


def once():
    rows = []
    for c in psutil.net_connections(kind="tcp"):
        name = None
        if c.pid is not None:
            try:
                name = psutil.Process(c.pid).name()
            except psutil.Error:
                pass
        rows.append({"fd": c.fd, "family": int(c.family), "laddr": list(c.laddr),
                     "raddr": list(c.raddr) if c.raddr else None, "status": c.status,
                     "pid": c.pid, "name": name})
    return (json.dumps(rows))


if len(sys.argv) > 2 and sys.argv[1] == "time":
    # In-process timing: one warm-up, then N calls; prints the times in ms as JSON.
    once()
    times = []
    for _ in range(int(sys.argv[2])):
        t0 = time.perf_counter()
        once()
        times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps(times) if "json" in globals() else str(times))
else:
    print(once())
