# (f) Every TCP socket with its owner, as JSON, with psutil.
import json

import psutil

names = {}


def name(pid):
    if pid not in names:
        names[pid] = psutil.Process(pid).name()
    return names[pid]


sockets = [
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
print(json.dumps(sockets))
