"""Time-ordered unique ids (UUIDv7, RFC 9562) so archives from several desks merge cleanly."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_last_counter = 0


def uuid7(now_ms: int | None = None) -> str:
    """Return a new UUIDv7 string; ids made in one process sort in creation order."""
    global _last_ms, _last_counter
    with _lock:
        ms = int(time.time() * 1000) if now_ms is None else now_ms
        if ms <= _last_ms:
            ms = _last_ms
            counter = _last_counter + 1
            if counter >= 1 << 12:  # 12-bit counter exhausted: borrow the next millisecond
                ms += 1
                counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        else:
            counter = int.from_bytes(os.urandom(2), "big") & 0x3FF  # leave room to count up
        _last_ms, _last_counter = ms, counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))


def uuid7_time_ms(value: str) -> int:
    """The Unix time in milliseconds embedded in a UUIDv7 string."""
    return uuid.UUID(value).int >> 80
