#!/usr/bin/env python3
"""Reference client of parkd's submission spool.

  parkd-submit.py drop --spool DIR --key FILE --tenant CODE --id ID --type TYPE --payload JSON
      Signs an envelope with the tenant's Ed25519 private key (FILE holds base64 of its raw
      32 bytes, as `parkctl tenant key issue` prints it) and drops it in the spool: written in
      incoming/tmp, synced, then renamed into incoming/new (the same filesystem, so parkd never
      sees a half-written file). Prints the file's path.

  parkd-submit.py receipt --park-key BASE64 FILE
      Checks a receipt's signature with the park's public key (`parkctl status`, Receipt key),
      then prints its content. Exit 0 when the signature verifies, 1 when it does not.

The file dropped is {"envelope": base64(envelope bytes), "signature": base64(Ed25519 signature
of exactly those bytes)}; the envelope is {"submissionId", "tenant", "keyId", "type",
"createdAt", "payload"}. A key id is the first 16 hex digits of SHA-256("parkd tenant key id:"
+ the raw public key).
"""
import argparse
import base64
import datetime
import hashlib
import json
import os
import secrets
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def key_id(public_raw: bytes) -> str:
    return hashlib.sha256(b"parkd tenant key id:" + public_raw).hexdigest()[:16]


def drop(args) -> int:
    with open(args.key, encoding="ascii") as handle:
        private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(handle.read().strip(), validate=True))
    public_raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    created = args.created_at or datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    envelope = {
        "submissionId": args.id,
        "tenant": args.tenant,
        "keyId": key_id(public_raw),
        "type": args.type,
        "createdAt": created,
        "payload": json.loads(args.payload),
    }
    envelope_bytes = json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    signed = {
        "envelope": base64.b64encode(envelope_bytes).decode("ascii"),
        "signature": base64.b64encode(private.sign(envelope_bytes)).decode("ascii"),
    }
    name = args.id + ".json"
    # A name no one can guess, made anew (O_EXCL) and never through a link another uploader put
    # there (O_NOFOLLOW): incoming/tmp is shared by every uploader.
    temporary = os.path.join(args.spool, "incoming", "tmp", "." + name + "." + secrets.token_hex(8))
    final = os.path.join(args.spool, "incoming", "new", name)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o640)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(signed) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.rename(temporary, final)
    print(final)
    return 0


def receipt(args) -> int:
    with open(args.file, encoding="utf-8") as handle:
        signed = json.load(handle)
    content = base64.b64decode(signed["receipt"], validate=True)
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(args.park_key, validate=True))
    try:
        public.verify(base64.b64decode(signed["signature"], validate=True), content)
    except InvalidSignature:
        print("the receipt's signature does NOT verify with the park's key", file=sys.stderr)
        return 1
    print("signature verified with the park's key " + key_id(base64.b64decode(args.park_key)))
    print(json.dumps(json.loads(content), indent=2, ensure_ascii=False))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Reference client of parkd's submission spool.")
    commands = parser.add_subparsers(dest="command", required=True)
    sign = commands.add_parser("drop", help="sign a submission and drop it in the spool")
    sign.add_argument("--spool", required=True, help="the spool directory (holding incoming/)")
    sign.add_argument("--key", required=True, help="file holding the private key, base64 of its raw 32 bytes")
    sign.add_argument("--tenant", required=True, help="the tenant's credit code")
    sign.add_argument("--id", required=True, help="the submission id (A-Z a-z 0-9 . _ -, at most 128)")
    sign.add_argument(
        "--type", required=True,
        help="monthly-report, report-correction, objection, event-registration, event-cancellation or application")
    sign.add_argument("--payload", required=True, help="the payload as JSON")
    sign.add_argument("--created-at", help="RFC 3339 time (default: now)")
    check = commands.add_parser("receipt", help="check a receipt's signature and print it")
    check.add_argument("--park-key", required=True, help="the park's receipt key (parkctl status)")
    check.add_argument("file", help="the receipt file")
    args = parser.parse_args()
    return drop(args) if args.command == "drop" else receipt(args)


if __name__ == "__main__":
    sys.exit(main())
