"""The sidecar `<db>.keys`: the database's random data key, stored only wrapped.

It is wrapped twice with AES-GCM: under a key derived from the passphrase (scrypt) and
under the recovery key (128 random bits plus a 32-bit checksum, shown as base32 groups).
A wrong passphrase fails the GCM tag, so it is told apart from a damaged file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from facilitator_app.durable import write_bytes_durably

VERSION = 1
SUFFIX = ".keys"
SCRYPT = {"n": 2 ** 16, "r": 8, "p": 1}  # about 0.3 s on a 2-core laptop
_AAD_PASS = b"creando-desk data key v1 passphrase"
_AAD_RECOVERY = b"creando-desk data key v1 recovery"
_RECOVERY_BYTES = 16
_CHECK_BYTES = 4


class BadUnwrap(Exception):
    """The passphrase or recovery key does not open this sidecar."""


class BadRecoveryKey(Exception):
    """The recovery key text is malformed (a typo: its checksum does not match)."""


@dataclass
class KeyFile:
    data_key: bytes
    recovery: bytes  # the 16 random bytes of the recovery key


def sidecar_of(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def new_keys() -> KeyFile:
    return KeyFile(secrets.token_bytes(32), secrets.token_bytes(_RECOVERY_BYTES))


def key_id(data_key: bytes) -> str:
    """A public name of the data key (which copies belong together), not the key."""
    return hashlib.sha256(b"creando-desk key id" + data_key).hexdigest()[:16]


def derive(passphrase: str, salt: bytes, params: dict) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=params["n"],
                          r=params["r"], p=params["p"], maxmem=256 << 20, dklen=32)


def _recovery_wrap_key(recovery: bytes) -> bytes:
    return hashlib.sha256(b"creando-desk recovery wrap" + recovery).digest()


def _wrap(key: bytes, secret: bytes, aad: bytes) -> dict:
    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "ct": _b64(AESGCM(key).encrypt(nonce, secret, aad))}


def _unwrap(key: bytes, wrapped: dict, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(_unb64(wrapped["nonce"]), _unb64(wrapped["ct"]), aad)
    except InvalidTag as exc:
        raise BadUnwrap from exc


def new_body(keys: KeyFile, passphrase: str) -> dict:
    """A sidecar's content: the data key wrapped under the passphrase and the recovery key."""
    body = {"version": VERSION, "key_id": key_id(keys.data_key),
            "recovery_wrap": _wrap(_recovery_wrap_key(keys.recovery),
                                   keys.data_key + keys.recovery, _AAD_RECOVERY)}
    return with_passphrase(body, keys.data_key, passphrase)


def with_passphrase(body: dict, data_key: bytes, passphrase: str) -> dict:
    """`body` with the data key wrapped under a new passphrase (new salt); the recovery
    wrap is kept as it is."""
    salt = secrets.token_bytes(16)
    return {**body, "kdf": {"name": "scrypt", **SCRYPT, "salt": _b64(salt)},
            "passphrase_wrap": _wrap(derive(passphrase, salt, SCRYPT), data_key, _AAD_PASS)}


def write(path: Path, body: dict) -> None:
    """Write the sidecar `path` durably."""
    write_bytes_durably(path, json.dumps(body, indent=1).encode("utf-8"))


def read(path: Path) -> dict:
    """The sidecar's JSON; ValueError when it is not one of ours."""
    body = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(body, dict) or body.get("version") != VERSION:
        raise ValueError(f"{path}: not a version {VERSION} key file")
    return body


def open_with_passphrase(body: dict, passphrase: str) -> bytes:
    """The data key; BadUnwrap for a wrong passphrase."""
    kdf = body["kdf"]
    key = derive(passphrase, _unb64(kdf["salt"]), kdf)
    return _unwrap(key, body["passphrase_wrap"], _AAD_PASS)


def open_with_recovery(body: dict, recovery_text: str) -> KeyFile:
    """The data key and recovery bytes; BadRecoveryKey (a typo) or BadUnwrap (another key)."""
    recovery = parse_recovery_key(recovery_text)
    both = _unwrap(_recovery_wrap_key(recovery), body["recovery_wrap"], _AAD_RECOVERY)
    return KeyFile(both[:32], both[32:])


def format_recovery_key(recovery: bytes) -> str:
    """16 bytes and a checksum as 8 groups of 4 base32 letters: ABCD-EFGH-…"""
    raw = recovery + hashlib.sha256(recovery).digest()[:_CHECK_BYTES]
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(cleaned)
    except ValueError as exc:
        raise BadRecoveryKey from exc
    recovery, check = raw[:_RECOVERY_BYTES], raw[_RECOVERY_BYTES:]
    if len(raw) != _RECOVERY_BYTES + _CHECK_BYTES or \
            hashlib.sha256(recovery).digest()[:_CHECK_BYTES] != check:
        raise BadRecoveryKey
    return recovery


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)
