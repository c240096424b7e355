# The preview loop: with `mkdocs serve` running in a copy of the project, the time from saving
# policy/regions.yml with a changed opening time to the rebuilt page being served with the new
# time, polling over HTTP every 20 ms. The German page is polled too, after the English one
# (the preview builds the German edition after serving the English pages). Also the CPU seconds
# the server process used from the save to the English page and to the German page (its work
# for the edit, whatever the load of the machine; it includes the file watcher's polling).

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from builds import ENV

POLL = 0.02
ORIGINAL = "monday to friday: 10:00-18:00"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


# Poll `url` every 20 ms until `text` is in it; seconds since `since`.
def _wait(url: str, text: str, since: float, timeout: float = 120) -> float:
    while time.perf_counter() - since < timeout:
        if text in _fetch(url):
            return time.perf_counter() - since
        time.sleep(POLL)
    raise RuntimeError(f"{text!r} did not appear at {url} within {timeout} s")


# Save `edits` changed opening times one after another; per edit the seconds until the English
# and then the German hours page show it.
def measure(project: Path, edits: int = 5, log=print) -> dict:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    regions = project / "policy" / "regions.yml"
    original = regions.read_text(encoding="utf-8")
    if ORIGINAL not in original:
        raise RuntimeError(f"policy/regions.yml has no '{ORIGINAL}' to change")
    serve_log = open(project / "serve.log", "w")
    proc = subprocess.Popen([str(Path(sys.executable).parent / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=ENV, stdout=serve_log, stderr=subprocess.STDOUT)
    en, de, cpu_en, cpu = [], [], [], []
    try:
        start = time.perf_counter()
        _wait(f"{url}/de/hours/", "10:00–18:00", start)
        startup = time.perf_counter() - start
        time.sleep(1.0)  # let the first build settle before the first edit
        for k in range(1, edits + 1):
            minute = f"{k:02d}"
            before = _cpu_seconds(proc.pid)
            saved = time.perf_counter()
            regions.write_text(original.replace(ORIGINAL, f"monday to friday: 10:{minute}-18:00"), encoding="utf-8")
            en.append(_wait(f"{url}/hours/", f"10:{minute}–18:00", saved))
            cpu_en.append(_cpu_seconds(proc.pid) - before)
            de.append(_wait(f"{url}/de/hours/", f"10:{minute}–18:00", saved))
            cpu.append(_cpu_seconds(proc.pid) - before)
            log(f"  edit {k}/{edits}: English page {en[-1]:.2f} s, German page {de[-1]:.2f} s, "
                f"server CPU {cpu_en[-1]:.2f} s to the English page, {cpu[-1]:.2f} s to the German page")
            time.sleep(1.0)  # the next save starts from an idle server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        serve_log.close()
        regions.write_text(original, encoding="utf-8")
    rebuilds, editions = _rebuild_times((project / "serve.log").read_text(encoding="utf-8"))
    return {"edits": edits, "startup_s": round(startup, 3), "en_all_s": [round(x, 3) for x in en],
            "de_all_s": [round(x, 3) for x in de], "server_cpu_en_all_s": [round(x, 3) for x in cpu_en],
            "server_cpu_all_s": [round(x, 3) for x in cpu], "rebuild_all_s": rebuilds,
            "editions_rebuild_all_s": editions}


# User + system CPU seconds of a process so far (Linux).
def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# MkDocs logs "Documentation built in N seconds" after each build. Per rebuild (after the first
# build): the main edition's build, which ends before MkDocs logs "Reloading browsers", and the
# other editions' builds, which the preview starts after it. MkDocs prints a message only the
# first time it occurs, so a rebuild whose duration repeats an earlier one has no figure.
def _rebuild_times(text: str) -> tuple[list[float], list[float]]:
    main, editions = [], []
    for chunk in text.split("Building documentation...")[2:]:
        before, _, after = chunk.partition("Reloading browsers")
        times = [float(x) for x in re.findall(r"Documentation built in ([0-9.]+) seconds", before)]
        if times:
            main.append(max(times))
        times = [float(x) for x in re.findall(r"Documentation built in ([0-9.]+) seconds", after)]
        if times:
            editions.append(round(sum(times), 3))
    return main, editions


if __name__ == "__main__":
    print(measure(Path(sys.argv[1]).resolve()))
