#!/usr/bin/env python3
"""What one local user can try against parkd's socket, for the hardening tests.

hold SOCKET N       opens N connections, sends a GetInfo call on each and reads the replies;
                    prints one line `open=K refused=R reply=<a refusal>`, then holds the open
                    ones until killed.
flood SOCKET N      sends N pipelined GetInterfaceDescription calls without reading a reply,
                    as far as the socket takes them; prints `sent=K`, then holds the connection
                    until killed.
refused SOCKET N B  sends N io.parkd.Tenant.Create calls whose name is B bytes long, reading each
                    reply; prints `errors=<name>:<count>,...`.
garbage SOCKET N    sends N messages that are not JSON, each on a connection of its own (parkd
                    hangs up after answering one), reading each reply; prints `errors=...`.
pace SOCKET N       sends N GetInfo calls at once and reads the N replies; prints
                    `replies=K seconds=S` (how long the replies took to come).
large SOCKET N B    sends N io.parkd.Tenant.Create calls of about B bytes each (a list of many
                    business lines), pipelined on one
                    connection, while two other connections (so that one shares the first one's
                    event loop) time GetInfo round trips until the N replies are in; prints
                    `replies=K seconds=S probes=P worst=W` (W: the slowest round trip, seconds).
"""

import json
import select
import socket
import sys
import threading
import time


def connect(path):
    sock = socket.socket(socket.AF_UNIX)
    sock.connect(path)
    return sock


def hold_forever():
    sys.stdout.flush()
    while True:
        time.sleep(3600)


def hold(path, count):
    connections = [connect(path) for _ in range(count)]
    call = json.dumps({"method": "org.varlink.service.GetInfo"}).encode() + b"\0"
    refused, reply = 0, ""
    for sock in connections:
        sock.settimeout(30)
        sock.sendall(call)
        data = b""
        while not data.endswith(b"\0"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        if b"TooManyConnections" in data:
            refused += 1
            reply = reply or data.rstrip(b"\0").decode()
    print(f"open={count - refused} refused={refused} reply={reply}", flush=True)
    hold_forever()


def flood(path, count):
    sock = connect(path)
    sock.setblocking(False)
    call = json.dumps({"method": "org.varlink.service.GetInterfaceDescription",
                       "parameters": {"interface": "io.parkd.Service"}}).encode() + b"\0"
    sent = 0
    deadline = time.monotonic() + 20
    pending = b""
    while sent < count and time.monotonic() < deadline:
        if not pending:
            pending = call
        try:
            written = sock.send(pending)
        except BlockingIOError:
            # parkd stopped reading: wait a little in case it only paused.
            _, writable, _ = select.select([], [sock], [], 2.0)
            if not writable:
                break
            continue
        pending = pending[written:]
        if not pending:
            sent += 1
    print(f"sent={sent}", flush=True)
    hold_forever()


def next_error(sock, buffered):
    """Reads the next reply: its error name ("none" for a result) and the bytes after it."""
    while b"\0" not in buffered:
        data = sock.recv(65536)
        if not data:
            raise SystemExit("parkd closed the connection before answering")
        buffered += data
    message, buffered = buffered.split(b"\0", 1)
    return json.loads(message).get("error", "none"), buffered


def print_errors(errors):
    print("errors=" + ",".join(f"{name}:{count}" for name, count in sorted(errors.items())), flush=True)


def refused(path, count, size):
    sock = connect(path)
    sock.settimeout(60)
    errors = {}
    buffered = b""
    for _ in range(count):
        call = {"method": "io.parkd.Tenant.Create",
                "parameters": {"name": "A" * size, "creditCode": "91370200163562681G",
                               "businessLines": ["recruitment"], "origin": "local"}}
        sock.sendall(json.dumps(call).encode() + b"\0")
        error, buffered = next_error(sock, buffered)
        errors[error] = errors.get(error, 0) + 1
    print_errors(errors)


def garbage(path, count):
    errors = {}
    for _ in range(count):
        sock = connect(path)
        sock.settimeout(60)
        sock.sendall(b"not json\0")
        error, _ = next_error(sock, b"")
        errors[error] = errors.get(error, 0) + 1
        sock.close()
    print_errors(errors)


def pace(path, count):
    sock = connect(path)
    sock.settimeout(60)
    call = json.dumps({"method": "org.varlink.service.GetInfo"}).encode() + b"\0"
    started = time.monotonic()
    sock.sendall(call * count)
    replies, buffered = 0, b""
    while replies < count:
        data = sock.recv(65536)
        if not data:
            break
        buffered += data
        replies += data.count(b"\0")
    print(f"replies={replies} seconds={time.monotonic() - started:.2f}", flush=True)


def large(path, count, size):
    flooder = connect(path)
    flooder.settimeout(120)
    probes = [connect(path), connect(path)]
    for probe in probes:
        probe.settimeout(60)
    # Many small values rather than one long string: each is decoded, which is the work.
    call = json.dumps({"method": "io.parkd.Tenant.Create",
                       "parameters": {"name": "A", "creditCode": "91370200163562681G",
                                      "businessLines": ["recruitment"] * (size // 15), "origin": "local"}}).encode() + b"\0"
    outcome = {}

    def send_and_read():
        started = time.monotonic()
        flooder.sendall(call * count)
        replies = 0
        while replies < count:
            data = flooder.recv(65536)
            if not data:
                break
            replies += data.count(b"\0")
        outcome["replies"], outcome["seconds"] = replies, time.monotonic() - started

    sender = threading.Thread(target=send_and_read)
    sender.start()
    ping = json.dumps({"method": "org.varlink.service.GetInfo"}).encode() + b"\0"
    worst, rounds = 0.0, 0
    while sender.is_alive():
        probe = probes[rounds % 2]
        started = time.monotonic()
        probe.sendall(ping)
        buffered = b""
        while b"\0" not in buffered:
            data = probe.recv(65536)
            if not data:
                raise SystemExit("parkd closed a probe's connection")
            buffered += data
        worst = max(worst, time.monotonic() - started)
        rounds += 1
        time.sleep(0.005)
    sender.join()
    print(f"replies={outcome['replies']} seconds={outcome['seconds']:.3f} probes={rounds} worst={worst:.3f}", flush=True)


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "hold":
        hold(path, int(sys.argv[3]))
    elif mode == "flood":
        flood(path, int(sys.argv[3]))
    elif mode == "pace":
        pace(path, int(sys.argv[3]))
    elif mode == "large":
        large(path, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "refused":
        refused(path, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "garbage":
        garbage(path, int(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")
