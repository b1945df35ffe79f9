#!/usr/bin/env python3
"""A tenant's side of its Ed25519 key, with Python's `cryptography` as the reference.

Usage:
  tenant_key.py new              prints a new private key and its public key (base64 of the raw
                                 32 bytes each), one per line
  tenant_key.py public PRIVATE   prints the public key of a private key, then its key id
  tenant_key.py keyid PUBLIC     prints the key id parkd gives a public key: the first 16 hex
                                 digits of SHA-256("parkd tenant key id:" + raw public key)"""

import base64
import hashlib
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def raw_public(private):
    return private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(raw):
    return hashlib.sha256(b"parkd tenant key id:" + raw).hexdigest()[:16]


command = sys.argv[1]
if command == "new":
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    print(base64.b64encode(raw).decode())
    print(base64.b64encode(raw_public(private)).decode())
elif command == "public":
    private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(sys.argv[2], validate=True))
    print(base64.b64encode(raw_public(private)).decode())
    print(key_id(raw_public(private)))
elif command == "keyid":
    print(key_id(base64.b64decode(sys.argv[2], validate=True)))
else:
    sys.exit(f"unknown command {command}")
