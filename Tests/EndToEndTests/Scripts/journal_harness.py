#!/usr/bin/env python3
"""Runs parkd against a journald stand-in, inside a private mount namespace.

Must run as root under `unshare --mount --propagation private`: it mounts a tmpfs on
/run/systemd, binds the journal's native datagram socket there (as journald does), runs parkd
until it is ready, makes parkctl calls (one refused: run as `nobody`), stops parkd, and prints
every entry parkd sent as one JSON object per line.

Usage: journal_harness.py PARKD PARKCTL WORKDIR MODE
MODE: `config` (log.target: journal) or `stream` (log.target: auto, stderr is a file whose
dev:inode is given as JOURNAL_STREAM, as systemd does for StandardError=journal); or
`cannot-run` (log.target: journal, with a database file that is not a database: parkd logs why
it cannot run and exits, and no call is made)."""

import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time

parkd, parkctl, workdir, mode = sys.argv[1:5]
subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/run/systemd"], check=True)
os.makedirs("/run/systemd/journal", exist_ok=True)
journal = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
journal.bind("/run/systemd/journal/socket")
journal.settimeout(0.2)

config = os.path.join(workdir, "parkd.yaml")
with open(config, "w") as f:
    f.write('socket:\n  mode: "0666"\nlog:\n  level: info\n  target: %s\n' % ("auto" if mode == "stream" else "journal"))
if mode == "cannot-run":
    with open(os.path.join(workdir, "parkd.sqlite"), "wb") as f:
        f.write(b"this is not a database" * 200)
stderr_path = os.path.join(workdir, "stderr.log")
stderr_file = open(stderr_path, "w")
env = dict(os.environ)
env.pop("JOURNAL_STREAM", None)
if mode == "stream":
    info = os.fstat(stderr_file.fileno())
    env["JOURNAL_STREAM"] = "%d:%d" % (info.st_dev, info.st_ino)
sock = os.path.join(workdir, "control.sock")
daemon = subprocess.Popen([parkd, "--config", config, "--state-dir", workdir, "--socket", sock],
                          stdout=stderr_file, stderr=stderr_file, env=env)


def parse(datagram):
    """journald's native protocol: KEY=value lines, or KEY\\n + 64-bit LE length + bytes + \\n."""
    fields, i = {}, 0
    while i < len(datagram):
        newline = datagram.index(b"\n", i)
        line = datagram[i:newline]
        if b"=" in line:
            key, value = line.split(b"=", 1)
            i = newline + 1
        else:
            key = line
            (length,) = struct.unpack("<Q", datagram[newline + 1:newline + 9])
            value = datagram[newline + 9:newline + 9 + length]
            i = newline + 9 + length + 1
        # A field the entry repeats holds every value, one per line.
        key, value = key.decode(), value.decode()
        fields[key] = fields[key] + "\n" + value if key in fields else value
    return fields


entries = []
stop = threading.Event()


def receive():
    """Reads continuously, as journald does: a full socket queue would block the sender."""
    while not stop.is_set():
        try:
            entries.append(parse(journal.recv(65536)))
        except socket.timeout:
            pass


reader = threading.Thread(target=receive)
reader.start()


def drain(seconds):
    time.sleep(seconds)


if mode == "cannot-run":
    daemon.wait(timeout=15)
else:
    for _ in range(100):
        if os.path.exists(sock):
            break
        time.sleep(0.05)
    drain(0.3)
    subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", parkctl, "--socket", sock,
                    "tenant", "list"], capture_output=True)
    subprocess.run([parkctl, "--socket", sock, "log-level", "debug"], capture_output=True)
    drain(0.3)
    daemon.terminate()
    daemon.wait(timeout=15)
drain(0.3)
stop.set()
reader.join()
stderr_file.close()
for entry in entries:
    print(json.dumps(entry, ensure_ascii=False))
with open(stderr_path) as f:
    print(json.dumps({"STDERR": f.read(), "EXIT": str(daemon.returncode)}))
