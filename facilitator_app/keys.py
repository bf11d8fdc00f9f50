"""Ed25519 keys (the `cryptography` package): a desk's archive-signing key, the workshops'
badge-minting keys, and the short fingerprint that people compare by eye.

Private keys are the 32 raw bytes RFC 8032 calls the seed; public keys their 32 raw bytes.
`cryptography` is imported only when a key is used, so the app starts without it.
"""

from __future__ import annotations

import base64
import hashlib
import re

FINGERPRINT_GROUPS = 4  # 4 x 4 Base32 characters: 80 bits, enough to compare by eye
_FINGERPRINT_CONTEXT = b"creando-desk-key-v1|"
_FINGERPRINT = re.compile(r"^[A-Z2-7]{16}$")
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def new_private_key() -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                      NoEncryption())


def public_key_of(private_key: bytes) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return _private(private_key).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign(private_key: bytes, message: bytes) -> bytes:
    """A 64-byte Ed25519 signature of `message`."""
    return _private(private_key).sign(message)


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """True when `signature` is `public_key`'s signature of `message`; never raises."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(bytes(signature), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def fingerprint(public_key: bytes) -> str:
    """`ABCD-EFGH-IJKL-MNOP`: what two desks show, to be compared by eye before pairing."""
    digest = hashlib.sha256(_FINGERPRINT_CONTEXT + bytes(public_key)).digest()
    text = base64.b32encode(digest[:10]).decode()
    return "-".join(text[i:i + 4] for i in range(0, 4 * FINGERPRINT_GROUPS, 4))


def as_fingerprint(text: str) -> str | None:
    """A typed fingerprint in its printed form (case, spaces, dashes and the 0/O, 1/I, 8/B
    slips forgiven), or None when it cannot be one."""
    core = "".join(text.split()).upper().replace("-", "").translate(_LOOKALIKES)
    if not _FINGERPRINT.match(core):
        return None
    return "-".join(core[i:i + 4] for i in range(0, 16, 4))


def encode(raw: bytes) -> str:
    """Raw key or signature bytes as text for a manifest (standard Base64)."""
    return base64.b64encode(bytes(raw)).decode("ascii")


def decode(text: object, size: int) -> bytes | None:
    """The bytes of a Base64 text of exactly `size` bytes, else None."""
    if not isinstance(text, str):
        return None
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        return None
    return raw if len(raw) == size else None


def _private(private_key: bytes):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(bytes(private_key))
