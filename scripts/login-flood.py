#!/usr/bin/env python3
"""Login flood against a local motcua server (issue 17): measures memory and
whether a real user can still log in.

    scripts/login-flood.py --pid PID [--base http://127.0.0.1:8099]
                           [--attackers 60] [--seconds 60]
                           [--targets motcua,chuyenvien,lanhdao] [--device]
                           [--attack-owner]

For SECONDS, ATTACKERS threads each send wrong logins for unknown usernames
(or, with --targets, wrong passwords for those existing accounts, in turn)
back to back, each request from a different X-Forwarded-For address (the
server must run with --trust-proxy to see them; without it they all come
from 127.0.0.1). Meanwhile one real user (congdan, the demo citizen) logs
in once a second from its own address; a 503 server_busy is retried after
Retry-After within that second. With --device the real user first logs in
once before the flood and then sends the device cookie it was given, as a
browser does (the lane for proven clients); without it, it sends none.
With --attack-owner the flood also guesses the real user's own password. Every second the server's RSS is read from
/proc/PID/status. Only 127.0.0.1 is allowed as the target; everything is
bounded in time. Standard library only.
"""

import argparse
import http.client
import json
import threading
import time
import urllib.parse

REAL_USER = ("congdan", "congdan-demo-2026")


def post_login(host, port, username, password, addr, timeout=30, device=None, cookies=None):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    body = json.dumps({"username": username, "password": password})
    headers = {"content-type": "application/json", "x-forwarded-for": addr}
    if device:
        headers["cookie"] = f"motcua_device={device}"
    try:
        conn.request("POST", "/api/v1/auth/login", body=body, headers=headers)
        res = conn.getresponse()
        res.read()
        if cookies is not None:
            cookies.extend(v for k, v in res.getheaders() if k.lower() == "set-cookie")
        return res.status, res.getheader("retry-after")
    except OSError:
        return 0, None
    finally:
        conn.close()


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="http://127.0.0.1:8099")
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--attackers", type=int, default=60)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--targets", default="", help="existing usernames to guess passwords of (default: unknown names)")
    ap.add_argument("--device", action="store_true", help="the real user sends the device cookie of an earlier login")
    ap.add_argument("--attack-owner", action="store_true", help="the flood also guesses the real user's own password")
    a = ap.parse_args()
    url = urllib.parse.urlparse(a.base)
    if url.hostname != "127.0.0.1":
        raise SystemExit("only 127.0.0.1 may be flooded")
    host, port = url.hostname, url.port or 80
    seconds = min(a.seconds, 300)
    attackers = min(a.attackers, 500)
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    flood = {}
    targets = [t for t in a.targets.split(",") if t and t != REAL_USER[0]]
    if a.attack_owner:
        targets.append(REAL_USER[0])
    n = [0]

    def attacker(k):
        while time.monotonic() < stop:
            with lock:
                n[0] += 1
                i = n[0]
            addr = f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"
            username = targets[i % len(targets)] if targets else f"ghost{k}x{i}"
            status, _ = post_login(host, port, username, "wrong-password-123", addr)
            with lock:
                flood[status] = flood.get(status, 0) + 1

    real = []  # (first-try status, final status, seconds)
    device = None
    if a.device:
        cookies = []
        post_login(host, port, REAL_USER[0], REAL_USER[1], "192.0.2.200", cookies=cookies)
        device = next((c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith("motcua_device=")), None)
        if not device:
            raise SystemExit("the real user's first login gave no device cookie")

    def real_user():
        while time.monotonic() < stop:
            tick = time.monotonic()
            first = None
            status = 0
            while True:
                status, retry = post_login(host, port, REAL_USER[0], REAL_USER[1], "192.0.2.200", device=device)
                if first is None:
                    first = status
                if status != 503 or time.monotonic() - tick > 1.0:
                    break
                time.sleep(min(float(retry or 1), 0.1))
            real.append((first, status, time.monotonic() - tick))
            time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))

    rss = [rss_mib(a.pid)]
    threads = [threading.Thread(target=attacker, args=(k,), daemon=True) for k in range(attackers)]
    threads.append(threading.Thread(target=real_user, daemon=True))
    for t in threads:
        t.start()
    while time.monotonic() < stop:
        time.sleep(1)
        try:
            rss.append(rss_mib(a.pid))
        except OSError:
            rss.append(-1)
            break
    for t in threads:
        t.join(timeout=40)
    ok = [r for r in real if r[1] == 200]
    lat = sorted(r[2] for r in ok)
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")
    aim = f"wrong passwords for {','.join(targets)}" if targets else "unknown usernames"
    print(f"flood ({aim}): {sum(flood.values())} requests in {seconds} s by {attackers} threads: "
          f"{dict(sorted(flood.items()))}")
    print(f"rss MiB: start {rss[0]:.0f}, max {max(rss):.0f}, end {rss[-1]:.0f}; every 10 s: "
          + " ".join(f"{v:.0f}" for v in rss[::10]))
    print(f"real user ({'with' if device else 'without'} a device cookie): "
          f"{len(ok)}/{len(real)} logins succeeded within their second "
          f"({sum(1 for r in real if r[0] == 200)} at the first try); "
          f"latency of successes p50 {pct(0.5):.0f} ms, p90 {pct(0.9):.0f} ms, max {pct(1.0):.0f} ms")


if __name__ == "__main__":
    main()
