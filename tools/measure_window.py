#!/usr/bin/env python3
"""Measures the real window under Xvfb: time from launch to the first frame, and the
CPU an idle open window uses.

Usage: tools/measure_window.py [path/to/memorymap] [--launches N] [--idle SECONDS]

"First frame" is when the app has built its first frame and written --state-file (the
GPU's paint follows within a frame); the time includes process start, loading the
built-in data and creating the Vulkan (lavapipe) surface.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from e2e import cpu_seconds, start_xvfb, wait_for  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", nargs="?", default=str(ROOT / "target/release/memorymap"))
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    xvfb, display = start_xvfb()
    tmp = Path(tempfile.mkdtemp(prefix="memorymap-measure-"))
    runtime = tmp / "xdg"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, DISPLAY=display, WINIT_X11_SCALE_FACTOR="1", XDG_RUNTIME_DIR=str(runtime))
    env.pop("WAYLAND_DISPLAY", None)
    try:
        times = []
        for n in range(args.launches):
            state = tmp / f"state{n}.json"
            started = time.monotonic()
            app = subprocess.Popen([args.binary, "--state-file", str(state)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_for(state.exists, 60, "the first frame")
            times.append(time.monotonic() - started)
            if n == args.launches - 1:
                time.sleep(2.0)
                before = cpu_seconds(app.pid)
                time.sleep(args.idle)
                idle = cpu_seconds(app.pid) - before
                print(f"idle window: {idle:.2f} s CPU over {args.idle:.0f} s "
                      f"({100 * idle / args.idle:.1f} % of one core)")
            app.terminate()
            app.wait(timeout=10)
        print(f"launch to first frame over {len(times)} launches: median {statistics.median(times):.3f} s, "
              f"min {min(times):.3f} s, max {max(times):.3f} s")
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


if __name__ == "__main__":
    main()
