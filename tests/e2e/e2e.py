#!/usr/bin/env python3
"""End-to-end test: the release binary in a real X window (Xvfb), driven with xdotool.

Starts the app with --state-file, clicks Almaty and the 2019 button where the app says
it drew them, presses keys, checks the state the app reports, screenshots each step
into target/e2e/ and checks that an idle window uses (almost) no CPU. Then quits with
Ctrl+Q and starts again (the year is remembered), finds a city by typing in the search box, opens a
fixture with --data, exports the
map as PNG from the window (Ctrl+E, type a path, Enter), exports CSV and GeoJSON from the
command line, and reads every export back (PNG header, Python csv and pandas, ogrinfo).

Usage: tests/e2e/e2e.py path/to/memorymap
Needs: Xvfb, xdotool, imagemagick (import), Mesa's Vulkan driver (lavapipe), gdal-bin
(ogrinfo) and Debian's python3-pandas (/usr/bin/python3).
"""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "target" / "e2e"
passed = 0
failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")


def read_state(path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


def start_xvfb():
    """Starts Xvfb on a free display; returns the process and the display name."""
    # -displayfd picks a free display and tells us its number.
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=[write_fd],
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read_fd, 16)
        if not chunk:
            sys.exit("e2e: Xvfb exited before reporting its display")
        number += chunk
    os.close(read_fd)
    return xvfb, ":" + number.decode().strip()


def main():
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target/release/memorymap").resolve()
    for tool in ["Xvfb", "xdotool", "import"]:
        if not shutil.which(tool):
            sys.exit(f"e2e: {tool} is not installed (apt-get install xvfb xdotool imagemagick)")
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="memorymap-e2e-"))
    runtime = tmp / "xdg"
    runtime.mkdir(mode=0o700)
    state_file = tmp / "state.json"

    xvfb, display = start_xvfb()
    # A private home, so what the window remembers between runs starts empty and stays here.
    home = tmp / "home"
    home.mkdir()
    env = dict(
        os.environ,
        DISPLAY=display,
        WINIT_X11_SCALE_FACTOR="1",
        XDG_RUNTIME_DIR=str(runtime),
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
    )
    env.pop("WAYLAND_DISPLAY", None)
    # The checks read English messages: the interface follows the locale otherwise.
    env["LC_ALL"] = "C.UTF-8"
    env.pop("LANGUAGE", None)

    # The window keys go to. Xvfb runs no window manager, so nothing gives a window the
    # keyboard focus as a desktop would on a click: the test gives it before each key press.
    focused = [None]

    def xdotool(*args):
        if args and args[0] in ("key", "type") and focused[0]:
            # Only when it has lost it: setting the focus again sends the window focus events.
            now = subprocess.run(["xdotool", "getwindowfocus"], env=env, capture_output=True, text=True).stdout.strip()
            if now != focused[0]:
                subprocess.run(["xdotool", "windowfocus", "--sync", focused[0]], env=env, capture_output=True)
        return subprocess.run(["xdotool", *args], env=env, check=True, capture_output=True, text=True).stdout

    def find_window(title):
        """The X window whose title contains `title`, once it exists."""
        window = wait_for(
            lambda: subprocess.run(
                ["xdotool", "search", "--name", title], env=env, capture_output=True, text=True
            ).stdout.split(),
            20,
            f"a window titled {title!r}",
        )[0]
        focused[0] = window
        return window

    def screenshot(name):
        # The state file is written as the frame is built; give the window time to show it.
        time.sleep(0.3)
        path = OUT / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=env, check=True)
        colours = subprocess.run(
            ["identify", "-format", "%k", str(path)], env=env, check=True, capture_output=True, text=True
        ).stdout
        return path, int(colours or 0)

    app = None
    try:
        started = time.monotonic()
        log = open(OUT / "app.log", "w")
        app = subprocess.Popen(
            [str(binary), "--state-file", str(state_file)], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        state = wait_for(lambda: read_state(state_file), 60, "the first frame")
        print(f"info first frame written after {time.monotonic() - started:.2f} s")
        window = find_window("memorymap")
        check("starts on 2025 with nothing selected", state["year"] == 2025 and state["selected"] is None, state)
        held_2025 = state["counts"]["held"] + state["counts"]["held_renamed"]
                # Let the first frames settle (the state file stops changing) before measuring.
        wait_for(lambda: read_state(state_file).get("screen", {}).get("cities", {}).get("almaty"), 10, "Almaty drawn")
        wait_for(lambda: time.time() - state_file.stat().st_mtime > 1.5, 30, "the window to settle")

        before = cpu_seconds(app.pid)
        frames_before = read_state(state_file)["frames"]
        time.sleep(10.0)
        idle = cpu_seconds(app.pid) - before
        frames = read_state(state_file)["frames"] - frames_before
        print(f"info idle over 10 s: {idle:.2f} s CPU, {frames} frames")
        check("an idle window draws no frame in 10 s", frames == 0, f"({frames} frames)")
        check("an idle window uses almost no CPU", idle < 0.25, f"({idle:.2f} s CPU in 10 s)")

        def click(pos):
            x, y = round(pos[0]), round(pos[1])
            xdotool("mousemove", "--window", window, str(x), str(y))
            time.sleep(0.15)
            xdotool("click", "1")

        almaty = read_state(state_file)["screen"]["cities"]["almaty"]
        click(almaty)
        state = wait_for(
            lambda: (s := read_state(state_file)) and s["selected"] == "almaty" and s, 10, "Almaty selected"
        )
        check("a click on Almaty selects it", state["selected"] == "almaty")
        check("Almaty 2025 is held under another name", state["selected_status"] == "held_renamed", state)
        path, colours = screenshot("1-almaty-2025")
        check("the screenshot shows a drawn window", colours > 50, f"({colours} colours in {path})")

        button = read_state(state_file)["screen"]["year_buttons"]["2019"]
        click(button)
        state = wait_for(lambda: (s := read_state(state_file)) and s["year"] == 2019 and s, 10, "year 2019")
        check("the 2019 button shows 2019", state["year"] == 2019)
        check("Almaty 2019 is held", state["selected_status"] == "held", state)
        held_2019 = state["counts"]["held"] + state["counts"]["held_renamed"]
        check("the legend counts more marches in 2019 than in 2025", held_2019 > held_2025, state["counts"])
        screenshot("2-almaty-2019")

        # Copy citation reaches the system clipboard, where another program pastes it.
        xdotool("windowfocus", "--sync", window)
        xdotool("key", "ctrl+shift+c")
        def pasted():
            out = subprocess.run(["xclip", "-o", "-selection", "clipboard"], capture_output=True, text=True, timeout=5, env=env)
            return out.stdout if out.returncode == 0 and out.stdout.startswith("Almaty, 2019") else None
        try:
            citation = wait_for(pasted, 10, "the citation on the clipboard")
        except TimeoutError:
            citation = ""
        check("Ctrl+Shift+C puts the citation on the system clipboard", citation.startswith("Almaty, 2019: Held"), citation[:120])
        check("the pasted citation names its source and the data's hash", "sha256" in citation and "http" in citation, citation[:300])

        # No window manager under Xvfb: give the window the keyboard focus ourselves.
        xdotool("windowfocus", "--sync", window)
        xdotool("key", "Left")
        state = wait_for(lambda: (s := read_state(state_file)) and s["year"] == 2018 and s, 10, "year 2018")
        check("the Left key goes to 2018", state["year"] == 2018)

        xdotool("key", "Escape")
        state = wait_for(lambda: (s := read_state(state_file)) and s["selected"] is None and s, 10, "no selection")
        check("Escape clears the selection", state["selected"] is None)
        screenshot("3-overview-2018")

        # Find a city by a former name: Ctrl+F, type, Enter.
        xdotool("key", "ctrl+f")
        time.sleep(0.5)
        xdotool("type", "--delay", "20", "ust-kamenogorsk")
        screenshot("4a-search-typed")
        xdotool("key", "Return")
        state = wait_for(lambda: (s := read_state(state_file)) and s["selected"] == "oskemen" and s, 10, "Oskemen found")
        check("typing a former name in the search box selects the city", state["selected"] == "oskemen")
        screenshot("4-search-oskemen")
        check("the app is still running", app.poll() is None)

        # Quit with Ctrl+Q: the window closes and saves what it shows.
        xdotool("key", "ctrl+q")
        try:
            code = app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            code = None
            app.kill()
            app.wait(timeout=10)
        check("Ctrl+Q quits cleanly", code == 0, f"(exit code {code})")

        # Start again with no arguments: the year is remembered.
        state_file.unlink()
        app = subprocess.Popen(
            [str(binary), "--state-file", str(state_file)], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        state = wait_for(lambda: read_state(state_file), 60, "the first frame after a restart")
        check("a restart remembers the year (2018)", state["year"] == 2018, state)
        app.terminate()
        app.wait(timeout=10)

        # A view given on the command line: compare mode, in Kazakh. The change counts are
        # checked against `memorymap list` for both years (another code path).
        state_file.unlink()
        app = subprocess.Popen(
            [str(binary), "--year", "2025", "--compare", "2019", "--lang", "kk", "--state-file", str(state_file)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        state = wait_for(lambda: read_state(state_file), 60, "the first frame in compare mode")
        check("--lang kk and --compare 2019 open that view", state["lang"] == "kk" and state["compare"] == 2019, state)
        statuses = {}
        for year in (2019, 2025):
            listed = subprocess.run([str(binary), "list", "--year", str(year)], capture_output=True, text=True, check=True)
            statuses[year] = {r["id"]: r["status"] for r in csv.DictReader(io.StringIO(listed.stdout))}
        expected = {"changed": 0, "newly_reported": 0, "no_longer_reported": 0, "unchanged": 0, "never_reported": 0}
        for city, a in statuses[2019].items():
            b = statuses[2025][city]
            kind = {
                (True, True): "never_reported",
                (True, False): "newly_reported",
                (False, True): "no_longer_reported",
            }.get((a == "no_report", b == "no_report"), "unchanged" if a == b else "changed")
            expected[kind] += 1
        check("the change counts agree with `memorymap list`", state["changes"] == expected, (state["changes"], expected))
        screenshot("4b-compare-kk")
        window = find_window("memorymap")
        xdotool("windowfocus", "--sync", window)
        xdotool("key", "ctrl+d")
        state = wait_for(
            lambda: (s := read_state(state_file)) and s["compare"] is None and s, 15, "Ctrl+D to stop comparing"
        )
        check("Ctrl+D stops comparing", state["compare"] is None and state["changes"] == {}, state)
        # The keyboard alone: Down selects the first city of the list, Down again the next.
        xdotool("key", "Down")
        first = wait_for(lambda: (s := read_state(state_file)) and s["selected"], 15, "Down to select a city")
        xdotool("key", "Down")
        second = wait_for(
            lambda: (s := read_state(state_file)) and s["selected"] != first and s["selected"], 15, "Down again"
        )
        check(
            "Down selects a city, Down again another",
            first in statuses[2025] and second in statuses[2025] and first != second,
            (first, second),
        )
        app.terminate()
        app.wait(timeout=10)

        # Open a fixture with --data: it loads in the background and replaces the built-in data.
        fixture = ROOT / "tests/fixtures/good/minimal.geojson"
        state_file.unlink()
        app = subprocess.Popen(
            [str(binary), "--data", str(fixture), "--year", "2025", "--state-file", str(state_file)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        state = wait_for(
            lambda: (s := read_state(state_file)) and s["data"] == str(fixture) and not s["loading"] and s,
            60,
            "the fixture to load",
        )
        check("--data opens the fixture", state["data"] == str(fixture), state)
        check("the fixture's two cities are counted", sum(state["counts"].values()) == 2, state["counts"])
        window = find_window("minimal.geojson")
        check("the title names the open file", bool(window))
        # The window is shown once it has painted: wait for that before using the keyboard.
        wait_for(lambda: screenshot("5-fixture")[1] > 50, 20, "the fixture window painted")

        # Export the map from the window: Ctrl+E, type the path, Enter.
        png = tmp / "map.png"
        # Under Xvfb (no window manager) a key press is now and then lost while the dialog
        # opens; try the gesture up to three times, closing whatever opened in between.
        for attempt in range(3):
            xdotool("windowfocus", "--sync", window)
            xdotool("key", "ctrl+e")
            time.sleep(0.8)
            xdotool("key", "ctrl+a")
            time.sleep(0.2)
            xdotool("type", "--delay", "5", str(png))
            time.sleep(0.3)
            xdotool("key", "Return")
            try:
                wait_for(lambda: (s := read_state(state_file)) and s.get("last_export"), 10, "the PNG export")
                break
            except TimeoutError:
                print(f"info PNG export attempt {attempt + 1} saw no export; trying again")
                xdotool("key", "Escape")
                time.sleep(0.5)
        state = wait_for(
            lambda: (s := read_state(state_file)) and s.get("last_export") and s, 30, "the PNG export"
        )
        check("the window exports a figure of the map as PNG", "Exported the figure" in state["last_export"], state["last_export"])
        header = png.read_bytes()[:24] if png.exists() else b""
        width = int.from_bytes(header[16:20], "big") if len(header) == 24 else 0
        height = int.from_bytes(header[20:24], "big") if len(header) == 24 else 0
        check("the PNG is a 1200x800 figure", header[:8] == b"\x89PNG\r\n\x1a\n" and (width, height) == (1200, 800), (width, height))
        app.terminate()
        app.wait(timeout=10)

        # The same data exported from the command line, read back by other tools.
        for fmt in ["csv", "geojson"]:
            out = tmp / f"export.{fmt}"
            run = subprocess.run(
                [str(binary), "export", "--data", str(fixture), "--year", "2025", "--format", fmt, "--out", str(out)],
                env=env, capture_output=True, text=True,
            )
            check(f"export --format {fmt} succeeds", run.returncode == 0, run.stderr)
        fixture_ids = {f["id"] for f in json.loads(fixture.read_text())["features"]}
        rows = list(csv.DictReader((tmp / "export.csv").open(encoding="utf-8")))
        check("the CSV reads back with Python's csv module", {r["city_id"] for r in rows} == fixture_ids, rows[:1])
        pandas = subprocess.run(
            ["/usr/bin/python3", "-c", "import pandas, sys; d = pandas.read_csv(sys.argv[1]); print(len(d), sorted(set(d.city_id)))", str(tmp / "export.csv")],
            capture_output=True, text=True,
        )
        check("the CSV reads back in pandas", pandas.returncode == 0 and "almaty" in pandas.stdout, pandas.stdout + pandas.stderr)
        ogr = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(tmp / "export.geojson")], capture_output=True, text=True)
        check(
            "ogrinfo reads the GeoJSON (RFC 7946) with both cities",
            ogr.returncode == 0 and "Feature Count: 2" in ogr.stdout and "ERROR" not in ogr.stderr,
            ogr.stdout[-300:] + ogr.stderr,
        )
        geo = json.loads((tmp / "export.geojson").read_text())
        check(
            "the GeoJSON carries each city's 2025 status and its sources",
            all("computed" in f["properties"] for f in geo["features"]) and geo["memorymap"]["sources"],
        )
        app.terminate()
        app.wait(timeout=10)

        # The wheel far out and far in over the map: the window stays up, the view bounded.
        state_file.unlink()
        app = subprocess.Popen(
            [str(binary), "--fresh", "--state-file", str(state_file)], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        state = wait_for(lambda: (s := read_state(state_file)) and s.get("view") and s, 60, "the map drawn")
        window = find_window("memorymap")
        wait_for(lambda: screenshot("6-before-wheel")[1] > 50, 20, "the window painted")
        almaty = state["screen"]["cities"]["almaty"]
        xdotool("mousemove", "--window", window, str(round(almaty[0])), str(round(almaty[1])))
        time.sleep(0.2)

        def view_width():
            wait_for(lambda: time.time() - state_file.stat().st_mtime > 1.5, 60, "the view to settle")
            view = read_state(state_file)["view"]
            return view[2] - view[0]

        for _ in range(8):
            xdotool("click", "--repeat", "100", "--delay", "2", "5")
        width = view_width()
        check("800 wheel notches out: the window is still up", app.poll() is None)
        check("zoomed out, the view is at most a little more than the world", width <= 400.5, f"({width}°)")
        for _ in range(16):
            xdotool("click", "--repeat", "100", "--delay", "2", "4")
        width = view_width()
        check("1600 notches in: the window is still up", app.poll() is None)
        check("zoomed in, the view stays a few metres wide at least", width >= 0.0002 * 0.99, f"({width}°)")
        screenshot("7-zoomed-in")
        app.terminate()
        app.wait(timeout=10)

        # Corrupted saved state: the window still opens on each.
        storage = home / "data" / "memorymap" / "app.ron"
        fifo = tmp / "remembered.fifo"
        os.mkfifo(fifo)
        view = lambda fields: json.dumps({"version": 1, "year": 2019, **fields})
        corrupted = {
            "egui zoom factor 1e6": '{"egui":"(options:(zoom_factor:1000000.0))"}',
            "window size 1e12": '{"window":"(inner_size_points:Some((1e12,1e12)))"}',
            "view of +-1e300": "{" + json.dumps("memorymap-view") + ":" + json.dumps(view({"view": [-1e300, -1e300, 1e300, 1e300]})) + "}",
            "view of +-1e12": "{" + json.dumps("memorymap-view") + ":" + json.dumps(view({"view": [-1e12, 40, 1e12, 55]})) + "}",
            "remembered file is a FIFO": "{" + json.dumps("memorymap-view") + ":" + json.dumps(view({"file": str(fifo)})) + "}",
            "remembered file is a folder": "{" + json.dumps("memorymap-view") + ":" + json.dumps(view({"file": "/"})) + "}",
            "not RON at all": "\x00\xff{{{ garbage",
        }
        for name, text in corrupted.items():
            storage.parent.mkdir(parents=True, exist_ok=True)
            storage.write_bytes(text.encode("latin-1"))
            state_file.unlink(missing_ok=True)
            app = subprocess.Popen(
                [str(binary), "--state-file", str(state_file)], env=env, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                state = wait_for(lambda: (s := read_state(state_file)) and s.get("view") and s, 30, f"the window on {name}")
                time.sleep(0.5)
                check(f"saved state with {name}: the window opens and stays up", app.poll() is None and not state["loading"], state.get("data"))
            except TimeoutError as e:
                check(f"saved state with {name}: the window opens and stays up", False, str(e))
            app.terminate()
            app.wait(timeout=10)
        app = None
    except TimeoutError as e:
        check("e2e steps finished", False, str(e))
    finally:
        if app is not None:
            app.terminate()
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"e2e: {passed} passed, {failed} failed")
    print(f"e2e screenshots and app log: {OUT}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
