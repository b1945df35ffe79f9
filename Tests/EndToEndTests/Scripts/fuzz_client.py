#!/usr/bin/env python3
"""Sends parkd calls of every method it serves with random parameter values (wrong types,
huge and unrepresentable numbers, odd Unicode, nesting, unknown members, oneway and `more`
flags) and checks that none is answered with InternalError and that parkd still answers
afterwards. Usage: fuzz_client.py SOCKET_PATH CALLS SEED. Exit 0 when all hold."""

import json
import random
import re
import socket
import sys

path, calls, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)

TEXTS = ["", " ", "0", "-1", "1", "99999999999999999999", "2021-02-29", "2021-06", "2021", "9999-12-31",
         "0000-00-00", "91370200MA3C12345E", "\u0000", "\ud7ff", "\U0001d518", "测试" * 50, "a" * 5000,
         "../../etc/passwd", "'; DROP TABLE tenant;--", "1e400", "NaN", "A-1204", "recruitment", "active",
         "office", "1234.50", "-0.01", "0.005", "１２３"]
NUMBERS = [0, 1, -1, 2**31, 2**63 - 1, -2**63, 10**30, 1.5, -0.0, 1e308]
# Written into the JSON text as they are: Python's json module would not produce them.
RAW_NUMBERS = ["1e400", "-9223372036854775809", "18446744073709551616", "-1e-400"]


def connect():
    sock = socket.socket(socket.AF_UNIX)
    sock.connect(path)
    sock.settimeout(60)
    return sock


def exchange(sock, text, expect_reply):
    """Sends one message; returns the reply, or None when parkd hung up."""
    sock.sendall(text.encode("utf-8", "surrogatepass") + b"\0")
    if not expect_reply:
        return {}
    received = b""
    while not received.endswith(b"\0"):
        chunk = sock.recv(1 << 20)
        if not chunk:
            return None
        received += chunk
    return json.loads(received[:-1])


def value(depth=0):
    draw = rng.random()
    if draw < 0.45:
        return rng.choice(TEXTS)
    if draw < 0.60:
        return rng.choice(NUMBERS)
    if draw < 0.68:
        return rng.choice([True, False, None])
    if draw < 0.80 and depth < 3:
        return [value(depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 3:
        return {rng.choice(["a", "tenant", "from", ""]): value(depth + 1)}
    return "x"


sock = connect()
info = exchange(sock, json.dumps({"method": "org.varlink.service.GetInfo"}), True)["parameters"]
methods = []
for interface in info["interfaces"]:
    description = exchange(sock, json.dumps({"method": "org.varlink.service.GetInterfaceDescription",
                                             "parameters": {"interface": interface}}), True)
    for method in re.finditer(r"method (\w+)\s*\(([^)]*)\)", description["parameters"]["description"]):
        fields = [field.split(":")[0].strip() for field in method.group(2).split(",") if ":" in field]
        methods.append((interface + "." + method.group(1), fields))

failures = []
for number in range(calls):
    name, fields = rng.choice(methods)
    parameters = {field: value() for field in fields if rng.random() < 0.8}
    if rng.random() < 0.1:
        parameters[rng.choice(["unknownMember", "tenant"])] = value()
    ascii_only = rng.random() < 0.5
    parameters_text = json.dumps(parameters, ensure_ascii=ascii_only)
    if fields and rng.random() < 0.05:
        # A member whose number no JSON library of parkd's could hold.
        raw = f'"{rng.choice(fields)}": {rng.choice(RAW_NUMBERS)}'
        parameters_text = parameters_text[:-1] + (", " if parameters else "") + raw + "}"
    flags = {}
    if rng.random() < 0.05:
        flags["more"] = rng.choice([True, 1, "x"])
    oneway = rng.random() < 0.05
    if oneway:
        flags["oneway"] = True
    text = json.dumps({"method": name, **flags}, ensure_ascii=ascii_only)[:-1] + ', "parameters": ' + parameters_text + "}"
    try:
        reply = exchange(sock, text, not oneway)
    except OSError:
        reply = None
    if reply is None:  # parkd hung up on a message that is not Varlink: a new connection
        sock.close()
        sock = connect()
        continue
    if reply.get("error") == "io.parkd.Service.InternalError":
        failures.append(text[:300])

sock.close()
alive = exchange(connect(), json.dumps({"method": "org.varlink.service.GetInfo"}), True)
if alive.get("parameters", {}).get("vendor") != "parkd":
    failures.append("parkd no longer answers GetInfo")
if failures:
    print(f"{len(failures)} calls failed:")
    for failure in failures[:20]:
        print("  " + failure)
    sys.exit(1)
print(f"{calls} random calls of {len(methods)} methods answered without an internal error")
