# What an editor shows while a policy file is edited: the real yaml-language-server (the YAML
# extension of VS Code and others), driven over its stdio protocol, reading each file's
# `# yaml-language-server: $schema=...` line. The shipped policy gets no diagnostic; a typical
# mistake gets one, on its line, in the build's words, never a regular expression.

import json
import os
import queue
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT
from supportportal.loading import FILES, PolicyError, load_policy
from test_policy_validation import TODAY
from timelimit import time_limit

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SETTINGS = {"yaml": {"validate": True, "hover": False, "completion": False, "format": {"enable": False},
                     "schemaStore": {"enable": False}}}  # no catalog download: the modelines name the schemas


class LanguageServer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        self.process = subprocess.Popen(["node", str(SERVER), "--stdio"], cwd=folder, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(),
                                    "capabilities": {"workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})

    # Content-Length framed JSON-RPC messages from the server, one by one into the queue.
    def _read(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while (line := stream.readline().decode("ascii").strip()):
                key, _, value = line.partition(":")
                headers[key.lower()] = value.strip()
            if not headers:
                self.messages.put(None)
                return
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def _send(self, message: dict):
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: dict):
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict, timeout: float = 20):
        self.next_id += 1
        number = self.next_id
        self._send({"id": number, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == number and "method" not in m, timeout)["result"]

    # The next message `wanted` accepts, answering the server's own requests on the way.
    def _wait(self, wanted, timeout: float):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=0.1)
            except queue.Empty:
                continue
            assert message is not None, "yaml-language-server stopped"
            if "method" in message and "id" in message:  # workspace/configuration, registerCapability, ...
                items = message.get("params", {}).get("items", [])
                result = [SETTINGS.get(item.get("section")) for item in items] \
                    if message["method"] == "workspace/configuration" else None
                self._send({"id": message["id"], "result": result})
            elif wanted(message):
                return message
        raise AssertionError(f"yaml-language-server did not answer within {timeout:g} s")

    # Open a document next to the policy files (so `$schema=schema/...` resolves) and return its diagnostics.
    def diagnostics(self, name: str, text: str, timeout: float = 15) -> list:
        uri = (self.folder / name).as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        found = self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri,
                           timeout)
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return found["params"]["diagnostics"]

    def close(self):
        try:
            self.request("shutdown", None, timeout=5)
            self.notify("exit", None)
            self.process.wait(timeout=5)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


# One server for all cases. Without Node.js or the npm tools: a failure under CI=true, else a skip.
@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not shutil.which("node") or not SERVER.exists():
        message = "yaml-language-server needs Node.js and the npm tools: run `make system-deps` and `npm ci`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("editor") / "policy"
    shutil.copytree(ROOT / "policy", folder)
    language_server = LanguageServer(folder)
    yield language_server
    language_server.close()


@pytest.mark.parametrize("name", FILES)
def test_the_shipped_policy_has_no_diagnostics(server, name):
    text = (ROOT / "policy" / f"{name}.yml").read_text(encoding="utf-8")
    assert server.diagnostics(f"shipped-{name}.yml", text) == []


# (file, text to replace, replacement, words of the editor's message, the build's message for it)
MISTAKES = {
    "zone abbreviation": ("regions.yml", "zone: Europe/Berlin", "zone: CET",
                          "use an IANA time zone name such as 'Europe/Berlin'", "'CET' is not an IANA time zone name"),
    "12-hour time": ("regions.yml", "monday to friday: 09:00-17:00", "monday to friday: 9am-5pm",
                     "write it as '09:00-17:00' (24-hour time, opening-closing)", "'9am-5pm' is not a time range"),
    "misspelt weekday": ("regions.yml", "monday to friday: 10:00-18:00", "monday to fridya: 10:00-18:00",
                         "use monday ... sunday, 'monday to friday' or 'every day', in lowercase",
                         "is not a weekday or a range of weekdays"),
    "id with a capital": ("regions.yml", "id: usa", "id: Usa", "lowercase letters, digits and hyphens",
                          "'Usa' is not a valid id"),
    "site address without https": ("company.yml", "url: https://support.smartwork.example/",
                                   "url: support.smartwork.example/", "https://", "is not the site's address"),
    # Which languages a site has is in company.yml, so the schema cannot see a missing `de:` line;
    # a `de:` left empty it can.
    "German text left empty": ("channels.yml", "      de: Supportportal\n", "      de:\n",
                               "write the text in this language", "the de text is missing after 'de:'"),
    "country name": ("holidays.yml", "country: DE", "country: Germany", "two-letter ISO 3166-1 code in capitals",
                     "'Germany' is not a country code"),
    "unknown channel type": ("channels.yml", "type: form", "type: fax",
                             "use one of portal, email, form, phone, chat", "'fax' is not one of"),
    # A channel's hours and zone are checked like a region's (the schema refers to regions.schema.json).
    "12-hour time on a channel": ("channels.yml", "    address: support@smartwork.example\n",
                                  "    address: support@smartwork.example\n    zone: Europe/Berlin\n    hours:\n"
                                  "      monday to friday: 8am-8pm\n    outside_hours: accepted\n",
                                  "write it as '09:00-17:00' (24-hour time, opening-closing)", "'8am-8pm' is not a time range"),
    "zone abbreviation on a channel": ("channels.yml", "    address: support@smartwork.example\n",
                                       "    address: support@smartwork.example\n    zone: CET\n    hours:\n"
                                       "      monday to friday: 08:00-20:00\n    outside_hours: accepted\n",
                                       "use an IANA time zone name such as 'Europe/Berlin'", "'CET' is not an IANA time zone name"),
    "outside hours misspelt": ("channels.yml", "    address: support@smartwork.example\n",
                               "    address: support@smartwork.example\n    same_hours_as: emea\n    outside_hours: not_staffed\n",
                               "Use accepted", "'not_staffed' is not one of"),
}


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_a_mistake_is_shown_on_its_line_in_the_builds_words(server, tmp_path, case):
    file, old, new, words, build_says = MISTAKES[case]
    original = (ROOT / "policy" / file).read_text(encoding="utf-8")
    head, _, tail = original.rpartition(old)
    text = head + new + tail
    diagnostics = server.diagnostics(f"{case.replace(' ', '-')}-{file}", text)
    assert len(diagnostics) == 1, json.dumps(diagnostics, indent=1)
    diagnostic = diagnostics[0]
    assert words in diagnostic["message"], diagnostic["message"]
    assert not re.search(r"[\^$\\]|\[[a-z0-9]-|Value is not accepted|does not match", diagnostic["message"])
    # The same line as the build's report of the same mistake.
    policy = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", policy)
    (policy / file).write_text(text, encoding="utf-8")
    with time_limit(20, "loading the policy"), pytest.raises(PolicyError) as info:
        load_policy(policy, TODAY)
    reported = [p for p in info.value.problems if build_says in p.message]
    assert reported, info.value.report()
    assert diagnostic["range"]["start"]["line"] + 1 == reported[0].line, (diagnostic, str(reported[0]))
