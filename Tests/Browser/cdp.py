"""A small client of the Chrome DevTools Protocol over Chromium's --remote-debugging-pipe.

No port is opened: Chromium reads commands from file descriptor 3 and writes answers and events to
file descriptor 4, each message a JSON object followed by a NUL byte. Standard library only.
"""

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time


class BrowserError(Exception):
    """Chromium is missing, did not start, answered with an error or did not answer in time."""


def find_chromium():
    """The Chromium binary: $CHROMIUM, else `chromium` or `chromium-browser` on PATH. Fails loudly."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise BrowserError(f"CHROMIUM={explicit} is not an executable file")
        return explicit
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    raise BrowserError("chromium is not installed (apt-get install chromium): the browser checks cannot run")


# Flags: headless, no sandbox (CI runs as root), nothing fetched in the background, every host name
# unresolvable (a request outside the site is still recorded by the page's Network events, and then fails
# at once instead of waiting for a network that is not there), fixed font rendering.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--remote-debugging-pipe",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--disable-extensions",
    "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--font-render-hinting=none",
    "--lang=zh-CN",
    "--mute-audio",
]


class Browser:
    """One headless Chromium with one page, attached in flat mode. Use as a context manager."""

    def __init__(self, timeout=30.0):
        self.timeout = timeout
        self.binary = find_chromium()
        self.profile = tempfile.mkdtemp(prefix="choucha-browser-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire():
            # Copies first: either end may already be 3 or 4, and dup2 onto itself keeps close-on-exec.
            read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.stderr = open(os.path.join(self.profile, "stderr.log"), "wb")
        try:
            self.process = subprocess.Popen(
                [self.binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=self.stderr, stderr=self.stderr,
                preexec_fn=wire, close_fds=False, env={**os.environ, "TZ": "Asia/Shanghai"},
            )
        except OSError as error:
            raise BrowserError(f"cannot start {self.binary}: {error}") from error
        os.close(to_child_r)
        os.close(from_child_w)
        self._next_id = 0
        self._answers = {}
        self._events = queue.Queue()
        self._lock = threading.Condition()
        self._closed = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            self.version = self.call("Browser.getVersion")
            target = self.call("Target.createTarget", {"url": "about:blank"})
            self.session = self.call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})["sessionId"]
        except BaseException:
            self.close()
            raise

    def _read(self):
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_child, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._lock:
                    self._closed = True
                    self._lock.notify_all()
                self._events.put(None)
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        self._answers[message["id"]] = message
                        self._lock.notify_all()
                else:
                    self._events.put(message)

    def call(self, method, params=None, session=None, timeout=None):
        """Sends a command (to the page when session is True) and returns its result, or raises."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session is True:
            message["sessionId"] = self.session
        elif session:
            message["sessionId"] = session
        try:
            data = memoryview(json.dumps(message).encode() + b"\0")
            while data:
                data = data[os.write(self._to_child, data):]
        except OSError as error:
            raise BrowserError(f"chromium is gone ({error}) before {method}: {self.log_tail()}") from error
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._lock:
            while message["id"] not in self._answers:
                if self._closed:
                    raise BrowserError(f"chromium closed the pipe during {method}: {self.log_tail()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"no answer to {method} in {timeout or self.timeout:.0f} s")
                self._lock.wait(left)
            answer = self._answers.pop(message["id"])
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message')} {answer['error'].get('data', '')}".strip())
        return answer.get("result", {})

    def page(self, method, params=None, timeout=None):
        return self.call(method, params, session=True, timeout=timeout)

    def events(self, until=None, timeout=None):
        """Every event received so far; with `until` (a method name), waits for that event first."""
        taken = []
        deadline = time.monotonic() + (timeout or self.timeout)
        found = until is None
        while True:
            try:
                if found:
                    event = self._events.get_nowait()
                else:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise BrowserError(f"no {until} in {timeout or self.timeout:.0f} s")
                    event = self._events.get(timeout=left)
            except queue.Empty:
                if found:
                    return taken
                raise BrowserError(f"no {until} in {timeout or self.timeout:.0f} s")
            if event is None:
                raise BrowserError(f"chromium closed the pipe: {self.log_tail()}")
            taken.append(event)
            if event.get("method") == until:
                found = True

    def log_tail(self):
        try:
            with open(os.path.join(self.profile, "stderr.log"), "rb") as log:
                return log.read()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def close(self):
        try:
            if self.process.poll() is None and not self._closed:
                try:
                    self.call("Browser.close", timeout=5)
                except BrowserError:
                    pass
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
            elif self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        finally:
            os.close(self._to_child)
            self.stderr.close()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
