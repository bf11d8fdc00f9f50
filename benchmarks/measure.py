"""Peak memory and time of one piece of work, each in a fresh interpreter of its own.

The peak is that process's own high-water mark (`VmHWM` on Linux); `ru_maxrss` is the
fallback elsewhere (on Linux it would keep the parent's peak from before `exec`).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass

from benchmarks.common import ROOT

_FRAME = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from facilitator_app.i18n import set_language
    set_language("en")
    {setup}
    started = time.perf_counter()
    outcome = ""
    try:
        outcome = str(work(*sys.argv[1:]))
    except Exception as exc:  # a refusal is the expected outcome of many of these
        outcome = f"{{type(exc).__name__}}: {{getattr(exc, 'message', exc)}}"
    seconds = time.perf_counter() - started
    try:
        status = Path("/proc/self/status").read_text()
        peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak /= 2**20 if sys.platform == "darwin" else 1024
    print(json.dumps({{"peak_mb": peak, "seconds": seconds, "outcome": outcome}}))
""")


@dataclass(frozen=True)
class Measured:
    peak_mb: float
    seconds: float
    outcome: str


def in_child(setup: str, *args: str, timeout: float = 900) -> Measured:
    """Run `setup` (which defines `work(*args)`) in a new interpreter and measure `work`."""
    code = _FRAME.format(setup=textwrap.dedent(setup))
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"benchmark child failed: {done.stderr[-2000:]}")
    return Measured(**json.loads(done.stdout.strip().splitlines()[-1]))
