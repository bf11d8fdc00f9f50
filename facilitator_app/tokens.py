"""Badge tokens: opaque, no personal data, bound to one workshop, verified offline.

A token is "C" + Base32(6 random bytes + an 80-bit HMAC-SHA256 of them under the
workshop's secret). Uppercase Base32 keeps the QR in alphanumeric mode, and USB scanners
type it the same on Spanish and English keyboard layouts. The first 12 characters after
the "C" are the short code people can type when a scanner is not at hand.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re
import secrets
from hashlib import sha256

PREFIX = "C"
RANDOM_BYTES = 6
MAC_BYTES = 10  # 80 bits
TOKEN_LENGTH = 1 + 26  # prefix + Base32 of 16 bytes, unpadded
SHORT_LENGTH = 12
_TOKEN = re.compile(rf"^{PREFIX}[A-Z2-7]{{26}}$")
_SHORT = re.compile(r"^[A-Z2-7]{12}$")
_CONTEXT = b"creando-badge-v1"


def _mac(secret: str, workshop_id: str, nonce: bytes) -> bytes:
    message = b"|".join((_CONTEXT, workshop_id.encode(), nonce))
    return hmac.new(bytes.fromhex(secret), message, sha256).digest()[:MAC_BYTES]


def mint(secret: str, workshop_id: str) -> str:
    """A new token for a badge of `workshop_id`."""
    nonce = secrets.token_bytes(RANDOM_BYTES)
    body = base64.b32encode(nonce + _mac(secret, workshop_id, nonce)).decode().rstrip("=")
    return PREFIX + body


def normalise(text: str) -> str:
    """What a scanner or a person typed, without whitespace (CR, LF, Tab) and upper-cased."""
    return "".join(text.split()).upper()


def looks_like_token(text: str) -> bool:
    return bool(_TOKEN.match(text))


def short_code(token: str) -> str:
    """`XXXX-XXXX-XXXX`: the part printed under the QR for typing by hand."""
    core = token[1:1 + SHORT_LENGTH]
    return "-".join(core[i:i + 4] for i in range(0, SHORT_LENGTH, 4))


_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})  # not in Base32: typing slips


def as_short_code(text: str) -> str | None:
    """The 12 characters of a typed short code (dashes and spaces allowed), or None."""
    core = normalise(text).replace("-", "").translate(_LOOKALIKES)
    if core.startswith(PREFIX) and len(core) == SHORT_LENGTH + 1:
        core = core[1:]
    return core if _SHORT.match(core) else None


def verify(secret: str, workshop_id: str, token: str) -> bool:
    """True when `token` was minted for `workshop_id` with `secret` (constant-time compare)."""
    if not looks_like_token(token):
        return False
    try:
        raw = base64.b32decode(token[1:] + "======")
    except (binascii.Error, ValueError):
        return False
    if base64.b32encode(raw).decode().rstrip("=") != token[1:]:
        return False  # the last character's unused bits were changed: not our token
    nonce, mac = raw[:RANDOM_BYTES], raw[RANDOM_BYTES:]
    return hmac.compare_digest(mac, _mac(secret, workshop_id, nonce))
