# (a) Listening TCP ports with the owning program, with psutil.
import psutil

for c in psutil.net_connections(kind="tcp"):
    if c.status != psutil.CONN_LISTEN:
        continue
    name = psutil.Process(c.pid).name() if c.pid else None
    print(f"{c.laddr.ip}:{c.laddr.port}", c.pid, name)
