#!/usr/bin/env python3
"""How long parkd takes from exec to READY=1, on an empty park and on a 1 GB one, and what it
holds once started on the demo park (resident memory).

    python3 Benchmarks/StartTime/start-time.py --parkd PARKD --parkctl PARKCTL [--gigabytes G] [--runs N]

The 1 GB park is generated once per run into a temporary directory: a database parkd created
(its schema, migrations applied), then audit entries with 1 KiB of parameters each added with
the sqlite3 shell until the file holds G GiB (a few years of a busy park's trail). Each start is
timed with a NOTIFY_SOCKET of our own, from just before exec to the READY=1 datagram; the file
is in the page cache, as after the previous run of parkd. The check of the whole file
(`PRAGMA quick_check`) then runs while parkd serves; its duration, from the journal line parkd
writes, is printed beside the start. It only reports; the aims (READY=1 within 150 ms on 1 GB,
RSS of at most 30 MB after start on the demo park) are printed next to the figures.
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def start(parkd, state, notify_path, log_path):
    """Starts parkd on `state`; returns (process, seconds to READY=1)."""
    if os.path.exists(notify_path):
        os.unlink(notify_path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(notify_path)
    listener.settimeout(120)
    env = dict(os.environ, NOTIFY_SOCKET=notify_path)
    env.pop("LISTEN_FDS", None)
    with open(log_path, "w") as log:
        started = time.monotonic()
        process = subprocess.Popen(
            [parkd, "--state-dir", state, "--socket", os.path.join(state, "control.sock")],
            env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    while True:
        datagram = listener.recv(4096).decode()
        if "READY=1" in datagram.split("\n"):
            ready = time.monotonic() - started
            break
    listener.close()
    return process, ready


def stop(process):
    process.terminate()
    process.wait(timeout=60)


def quick_check_seconds(log_path, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(log_path) as log:
            match = re.search(r"passed PRAGMA quick_check seconds=([0-9.]+)", log.read())
        if match:
            return float(match.group(1))
        time.sleep(0.05)
    return None


def resident_kib(pid):
    """VmRSS, RssAnon and RssFile of /proc/PID/status, in KiB."""
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile"):
                fields[name] = int(value.split()[0])
    return fields.get("VmRSS", 0), fields.get("RssAnon", 0), fields.get("RssFile", 0)


def largest_mappings(pid, count=4):
    """The files whose mapped pages count most in the resident set, as (MB, name)."""
    sizes, name = {}, None
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            head = line.split()
            if re.match(r"^[0-9a-f]+-[0-9a-f]+$", head[0]):
                name = os.path.basename(head[5]) if len(head) > 5 and head[5].startswith("/") else None
            elif head[0] == "Rss:" and name:
                sizes[name] = sizes.get(name, 0) + int(head[1])
    return sorted(((kib / 1024, file) for file, kib in sizes.items()), reverse=True)[:count]


def fill(database, gigabytes):
    """Adds audit entries of 1 KiB of parameters until the file holds `gigabytes` GiB."""
    target = int(gigabytes * (1 << 30))
    batch = 100_000
    while os.path.getsize(database) < target:
        sql = f"""
            PRAGMA journal_mode = WAL;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {batch})
            INSERT INTO auditEntry (id, at, uid, user, pid, method, parameters, outcome, previousHash, hash)
            SELECT (SELECT coalesce(max(id), 0) FROM auditEntry) + i, '2024-01-01T00:00:00.000Z', 0, 'root', 1, 'io.parkd.Tenant.Update',
                   '{{"name":"' || hex(randomblob(500)) || '"}}', 'ok', hex(randomblob(32)), hex(randomblob(32))
            FROM n;
            PRAGMA wal_checkpoint(TRUNCATE);
        """
        subprocess.run(["sqlite3", database], input=sql, text=True, check=True, stdout=subprocess.DEVNULL)


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--parkd", required=True)
    arguments.add_argument("--parkctl", required=True)
    arguments.add_argument("--gigabytes", type=float, default=1.0)
    arguments.add_argument("--runs", type=int, default=5)
    arguments.add_argument("--demo", default="Config/demo")
    options = arguments.parse_args()

    work = tempfile.mkdtemp(prefix="parkd-start-")
    try:
        notify_path = os.path.join(work, "notify.sock")
        print("start of parkd: exec to READY=1 (best and median of %d starts)" % options.runs)
        print("park                      database     best ms  median ms  quick_check s (after READY)  aim")

        for name, size in [("empty park", 0.0), (f"{options.gigabytes:g} GiB park", options.gigabytes)]:
            state = os.path.join(work, name.replace(" ", "-"))
            log_path = os.path.join(work, "parkd.log")
            process, _ = start(options.parkd, state, notify_path, log_path)
            stop(process)
            database = os.path.join(state, "parkd.sqlite")
            if size > 0:
                fill(database, size)
            times, checks = [], []
            for _ in range(options.runs):
                process, ready = start(options.parkd, state, notify_path, log_path)
                checks.append(quick_check_seconds(log_path))
                stop(process)
                times.append(ready)
            megabytes = os.path.getsize(database) / (1 << 20)
            check = statistics.median([c for c in checks if c is not None]) if any(c is not None for c in checks) else float("nan")
            aim = f"READY=1 ≤ 150 ms: {'met' if min(times) <= 0.150 else 'not met'}" if size >= 1 else ""
            print(f"{name:<25} {megabytes:>8.0f} MiB {min(times) * 1000:>8.1f} {statistics.median(times) * 1000:>10.1f}"
                  f"  {check:>27.3f}  {aim}")
            shutil.rmtree(state, ignore_errors=True)

        # Resident memory once started on the demo park (loaded, then parkd restarted).
        state = os.path.join(work, "demo")
        log_path = os.path.join(work, "parkd.log")
        process, _ = start(options.parkd, state, notify_path, log_path)
        subprocess.run([options.parkctl, "--socket", os.path.join(state, "control.sock"), "demo", "load", "--from", options.demo],
                       check=True, stdout=subprocess.DEVNULL)
        stop(process)
        process, _ = start(options.parkd, state, notify_path, log_path)
        quick_check_seconds(log_path)
        time.sleep(1)
        rss, anonymous, mapped = (kib / 1024 for kib in resident_kib(process.pid))
        files = ", ".join(f"{file} {megabytes:.1f}" for megabytes, file in largest_mappings(process.pid))
        stop(process)
        print(f"\nresident memory after start on the demo park: {rss:.1f} MB (aim ≤ 30 MB: {'met' if rss <= 30 else 'not met'})")
        print(f"  of which parkd's own memory (anonymous): {anonymous:.1f} MB; pages of mapped files: {mapped:.1f} MB, "
              f"shared with the page cache and reclaimable (largest: {files} MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
