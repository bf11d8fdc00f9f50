"""Badge tokens: opaque, no personal data, bound to one workshop, verified offline.

New badges are "D" + Base32(6 random bytes + the Ed25519 signature of
"creando-badge-v2|<workshop id>|<those bytes>" under the workshop's minting key): 113
characters. Only the desk that holds the minting key can mint; every desk that has the
workshop's public key (it travels in archives) can verify.

Older badges are "C" + Base32(6 random bytes + an 80-bit HMAC-SHA256 of them under the
workshop's secret): 27 characters. They keep working: verified by their HMAC where the
secret is, and by lookup among the badges an authenticated archive brought elsewhere.

Uppercase Base32 keeps the QR in alphanumeric mode, and USB scanners type it the same on
Spanish and English keyboard layouts. The first 12 characters after the letter are the
short code people can type when a scanner is not at hand.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re
import secrets
from hashlib import sha256

from facilitator_app import keys

PREFIX = "C"  # HMAC badges (before signed badges)
SIGNED_PREFIX = "D"
PREFIXES = (PREFIX, SIGNED_PREFIX)
RANDOM_BYTES = 6
MAC_BYTES = 10  # 80 bits
SIGNATURE_BYTES = 64
TOKEN_LENGTH = 1 + 26  # prefix + Base32 of 16 bytes, unpadded
SIGNED_LENGTH = 1 + 112  # prefix + Base32 of 70 bytes (no padding, no unused bits)
SHORT_LENGTH = 12
_TOKEN = re.compile(rf"^(?:{PREFIX}[A-Z2-7]{{26}}|{SIGNED_PREFIX}[A-Z2-7]{{112}})$")
_SHORT = re.compile(r"^[A-Z2-7]{12}$")
_CONTEXT = b"creando-badge-v1"
_SIGNED_CONTEXT = b"creando-badge-v2"


def _mac(secret: str, workshop_id: str, nonce: bytes) -> bytes:
    message = b"|".join((_CONTEXT, workshop_id.encode(), nonce))
    return hmac.new(bytes.fromhex(secret), message, sha256).digest()[:MAC_BYTES]


def _signed_message(workshop_id: str, nonce: bytes) -> bytes:
    return b"|".join((_SIGNED_CONTEXT, workshop_id.encode(), nonce))


def mint(secret: str, workshop_id: str) -> str:
    """An HMAC ("C") token for `workshop_id`, as badges were minted before signed ones."""
    nonce = secrets.token_bytes(RANDOM_BYTES)
    body = base64.b32encode(nonce + _mac(secret, workshop_id, nonce)).decode().rstrip("=")
    return PREFIX + body


def mint_signed(private_key: bytes, workshop_id: str) -> str:
    """A new signed ("D") token for a badge of `workshop_id`."""
    nonce = secrets.token_bytes(RANDOM_BYTES)
    signature = keys.sign(private_key, _signed_message(workshop_id, nonce))
    return SIGNED_PREFIX + base64.b32encode(nonce + signature).decode()


def normalise(text: str) -> str:
    """What a scanner or a person typed, without whitespace (CR, LF, Tab) and upper-cased."""
    return "".join(text.split()).upper()


def looks_like_token(text: str) -> bool:
    """A whole token of either kind (after `normalise`)."""
    return bool(_TOKEN.match(text))


def is_signed(token: str) -> bool:
    return token.startswith(SIGNED_PREFIX)


def short_code(token: str) -> str:
    """`XXXX-XXXX-XXXX`: the part printed under the QR for typing by hand."""
    core = token[1:1 + SHORT_LENGTH]
    return "-".join(core[i:i + 4] for i in range(0, SHORT_LENGTH, 4))


_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})  # not in Base32: typing slips


def as_short_code(text: str) -> str | None:
    """The 12 characters of a typed short code (dashes and spaces allowed), or None."""
    core = normalise(text).replace("-", "").translate(_LOOKALIKES)
    if core[:1] in PREFIXES and len(core) == SHORT_LENGTH + 1:
        core = core[1:]
    return core if _SHORT.match(core) else None


def verify(secret: str, workshop_id: str, token: str) -> bool:
    """True when the HMAC token `token` was minted for `workshop_id` with `secret`
    (constant-time compare)."""
    raw = _decoded(token, PREFIX)
    if raw is None or not secret:
        return False
    nonce, mac = raw[:RANDOM_BYTES], raw[RANDOM_BYTES:]
    return hmac.compare_digest(mac, _mac(secret, workshop_id, nonce))


def verify_signed(public_key: bytes, workshop_id: str, token: str) -> bool:
    """True when the signed token `token` was minted for `workshop_id` by the holder of the
    private half of `public_key`."""
    raw = _decoded(token, SIGNED_PREFIX)
    if raw is None:
        return False
    nonce, signature = raw[:RANDOM_BYTES], raw[RANDOM_BYTES:]
    return keys.verify(public_key, signature, _signed_message(workshop_id, nonce))


def _decoded(token: str, prefix: str) -> bytes | None:
    """The bytes of a well-formed token with `prefix` in its one canonical spelling."""
    if not looks_like_token(token) or not token.startswith(prefix):
        return None
    body = token[1:]
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except (binascii.Error, ValueError):
        return None
    if base64.b32encode(raw).decode().rstrip("=") != body:
        return None  # the last character's unused bits were changed: not our token
    return raw
