#!/usr/bin/env python3
"""The soak behind scripts/cluster.sh: for a bounded time, clients file cases as the demo's
resident and read their list through the load balancer. Every filing the server acknowledged
(201 with the case's id) is written to --out, so the script can look each one up afterwards.
Prints requests made, acknowledged, failed (by reason) and the filing rate."""
import argparse
import collections
import json
import threading
import time
import urllib.error
import urllib.request


def call(method, url, body=None, token=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, json.loads(r.read() or b"null")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--seconds", type=int, default=30)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--out", required=True)
    a = p.parse_args()

    _, t = call("POST", a.base + "/api/v1/auth/token", {"username": "resident", "password": "zhanju-resident", "name": "soak"})
    token = t["token"]
    _, me = call("GET", a.base + "/api/v1/me", token=token)
    household = me["household_id"]

    lock = threading.Lock()
    acknowledged, failures, made = [], collections.Counter(), collections.Counter()
    stop = time.time() + a.seconds

    def client(n):
        i = 0
        while time.time() < stop:
            i += 1
            filing = i % 2 == 0
            try:
                if filing:
                    status, body = call("POST", a.base + "/api/v1/cases", {"service_code": "SAF-ORDER", "description": f"soak {n}-{i}",
                                                                           "household_id": household}, token)
                    with lock:
                        made["filing"] += 1
                        if status == 201:
                            acknowledged.append(body["id"])
                else:
                    call("GET", a.base + "/api/v1/cases?view=own&per=20", token=token)
                    with lock:
                        made["read"] += 1
            except urllib.error.HTTPError as e:
                with lock:
                    made["filing" if filing else "read"] += 1
                    failures[f"{'filing' if filing else 'read'} HTTP {e.code}"] += 1
            except Exception as e:  # connection reset by the killed node, timeouts
                with lock:
                    made["filing" if filing else "read"] += 1
                    failures[f"{'filing' if filing else 'read'} {type(e).__name__}"] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(a.out, "w") as f:
        f.writelines(i + "\n" for i in acknowledged)
    print(f"requests: {made['filing']} filings, {made['read']} reads in {a.seconds} s; acknowledged filings: {len(acknowledged)} "
          f"({len(acknowledged) / a.seconds:.0f}/s); failed: {sum(failures.values())} {dict(failures)}")


if __name__ == "__main__":
    main()
