"""Write the check-in sounds in assets/sounds/ (short, distinct, not harsh). Run once."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
TARGET = Path(__file__).resolve().parent.parent / "assets" / "sounds"

# name: list of (frequency Hz, seconds)
SOUNDS = {
    "ok": [(660, 0.10), (990, 0.16)],      # admitted: a bright rising chime
    "info": [(740, 0.14)],                 # already in, checked out: one soft tone
    "error": [(220, 0.18), (196, 0.26)],   # refused: low, falling, clearly different
}


def tone(frequency: float, seconds: float) -> bytes:
    count = int(RATE * seconds)
    fade = int(RATE * 0.01)
    frames = []
    for i in range(count):
        envelope = min(1.0, i / fade, (count - i) / fade)
        frames.append(struct.pack("<h", int(9000 * envelope *
                                            math.sin(2 * math.pi * frequency * i / RATE))))
    return b"".join(frames)


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, notes in SOUNDS.items():
        with wave.open(str(TARGET / f"{name}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(b"".join(tone(f, s) for f, s in notes))


if __name__ == "__main__":
    main()
