# First program (a) with psutil, for comparison: listening TCP ports with the owner's name.
import psutil
import sys
import time


def once():
    out = []
    for c in psutil.net_connections(kind="tcp"):
        if c.status == psutil.CONN_LISTEN:
            name = "-"
            if c.pid is not None:
                try:
                    name = psutil.Process(c.pid).name()
                except psutil.Error:
                    pass
            out.append(f"{c.laddr.ip}:{c.laddr.port}\t{c.pid}\t{name}")
    return ("\n".join(out))


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
