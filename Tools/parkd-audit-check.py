#!/usr/bin/env python3
"""Recompute parkd's audit chain without parkd, from what `parkctl --json audit list` prints.

    parkctl --json audit list --limit 100 | python3 Tools/parkd-audit-check.py [--key /etc/parkd/audit.key]

Each entry's hash is the SHA-256 of its fields id, at, uid, user, pid, method, parameters,
outcome and previousHash (and keyId, for an entry sealed with the audit key, whose hash is then
the HMAC-SHA-256 of the same bytes under the key: the 32 bytes the key file's 64 hex digits
spell), each written as
its length in UTF-8 bytes, ":", the text and ";". parameters is hashed as canonical JSON (keys
sorted as Swift orders strings: by their Unicode normalization form C; no spaces; characters
beyond ASCII as themselves), or as the text itself where the list gives a string. Exit 0 when
every entry listed has the hash its content gives, links to the one before it, and none after a
sealed one is unsealed; 1, naming the first that does not.
"""

import argparse
import hashlib
import hmac
import json
import sys
import unicodedata


def canonical(value):
    """JSON as parkd writes it canonically: keys sorted, no spaces, control characters as \\u00XX."""
    if isinstance(value, str):
        out = ['"']
        for ch in value:
            if ch == '"':
                out.append('\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif ord(ch) < 0x20:
                out.append("\\u%04x" % ord(ch))
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        ordered = sorted(value, key=lambda key: unicodedata.normalize("NFC", key))
        return "{" + ",".join(canonical(key) + ":" + canonical(value[key]) for key in ordered) + "}"
    return json.dumps(value)


def content(entry):
    parameters = entry["parameters"]
    fields = [str(entry["id"]), entry["at"], str(entry["uid"]), entry["user"], str(entry["pid"]), entry["method"],
              parameters if isinstance(parameters, str) else canonical(parameters), entry["outcome"], entry["previousHash"]]
    if entry.get("keyId"):
        fields.append(entry["keyId"])
    return "".join("%d:%s;" % (len(field.encode()), field) for field in fields).encode()


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--key", help="the audit key file (64 hex digits), to check sealed entries")
    options = arguments.parse_args()
    key = key_id = None
    if options.key:
        with open(options.key) as file:
            key = bytes.fromhex(file.read().strip())
        key_id = hashlib.sha256(b"parkd audit key id:" + key).hexdigest()[:16]
    entries = sorted(json.load(sys.stdin)["entries"], key=lambda entry: entry["id"])
    if not entries:
        print("no entries listed")
        return 1
    previous = None
    sealed = None
    for entry in entries:
        if entry.get("keyId"):
            if key is None:
                print("entry %d is sealed with audit key %s: give --key to check it" % (entry["id"], entry["keyId"]))
                return 1
            if entry["keyId"] != key_id:
                print("entry %d is sealed with audit key %s, and %s is audit key %s" % (entry["id"], entry["keyId"], options.key, key_id))
                return 1
            sealed = sealed or entry["id"]
            expected = hmac.new(key, content(entry), hashlib.sha256).hexdigest()
        elif sealed is not None:
            print("entry %d is not sealed, though entry %d before it is: entries were written without the key" % (entry["id"], sealed))
            return 1
        else:
            expected = hashlib.sha256(content(entry)).hexdigest()
        if expected != entry["hash"]:
            print("entry %d: its content no longer gives its hash" % entry["id"])
            return 1
        if previous is not None and (entry["id"] != previous["id"] + 1 or entry["previousHash"] != previous["hash"]):
            print("entry %d does not follow entry %d" % (entry["id"], previous["id"]))
            return 1
        previous = entry
    print("entries %d to %d: every hash recomputed, each entry follows the one before" % (entries[0]["id"], entries[-1]["id"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
