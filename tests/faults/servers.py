"""The private servers of a fault run: a PostgreSQL cluster, a Redis server and an SMTP server
that can misbehave on request, plus the bookkeeping that stops them all.

Everything lives in one temporary directory (/tmp/solidarity-faults-*) whose `owner.json`
names the process that made it and every process started for it. A run killed before it could
clean up leaves that directory behind; the next run finds it (its owner is gone), stops the
processes it names (by id, after checking that the id still belongs to the same program) and
removes it. Ports are free ones picked at start, so leftovers never block a run.
"""

import asyncio
import contextlib
import ctypes
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

PREFIX = "solidarity-faults-"
OWNER_FILE = "owner.json"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout, what, interval=0.05):
    """Poll `condition` until it returns something true; raise TimeoutError after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def _die_with_parent():
    """preexec_fn: the child gets SIGKILL if the runner dies, whatever kills it."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _start_time(pid):
    """The process's start time in clock ticks (field 22 of /proc/pid/stat), or None."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def _alive(pid, start_time):
    return start_time is not None and _start_time(pid) == start_time


class Workspace:
    """The run's temporary directory and the record of what runs in it."""

    def __init__(self):
        clean_stale_workspaces()
        self.path = Path(tempfile.mkdtemp(prefix=PREFIX))
        self.children = {}  # pid -> (start time, description)
        self._lock = threading.Lock()
        self._write()

    def _write(self):
        record = {
            "pid": os.getpid(),
            "start_time": _start_time(os.getpid()),
            "children": {str(pid): list(value) for pid, value in self.children.items()},
        }
        temporary = self.path / (OWNER_FILE + ".new")
        temporary.write_text(json.dumps(record))
        temporary.replace(self.path / OWNER_FILE)

    def spawn(self, command, log_name, env=None, cwd=None):
        """Start a child process whose output goes to a log file here; it dies with us."""
        log = open(self.path / log_name, "ab")  # noqa: SIM115 -- the child keeps it open
        try:
            process = subprocess.Popen(
                command,
                env=env,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,  # always spawned from the main thread
            )
        finally:
            log.close()
        with self._lock:
            self.children[process.pid] = (_start_time(process.pid), log_name)
            self._write()
        return process

    def forget(self, process):
        with self._lock:
            self.children.pop(process.pid, None)
            self._write()

    def log_tail(self, log_name, size=3000):
        try:
            return (self.path / log_name).read_bytes()[-size:].decode(errors="replace")
        except OSError:
            return ""

    def remove(self):
        shutil.rmtree(self.path, ignore_errors=True)


def stop_process(process, timeout=10, sig=signal.SIGTERM):
    """Stop a child we started: `sig`, then SIGKILL after `timeout` seconds."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            process.wait()


def clean_stale_workspaces():
    """Stop what earlier runs left running (their owner is dead) and remove their directories."""
    for directory in glob.glob(os.path.join(tempfile.gettempdir(), PREFIX + "*")):
        path = Path(directory)
        try:
            record = json.loads((path / OWNER_FILE).read_text())
        except (OSError, ValueError):
            record = None
        if record and _alive(record["pid"], record["start_time"]):
            continue  # another run, still going
        if record is None and time.time() - path.stat().st_mtime < 60:
            continue  # being made right now
        for pid, (start_time, _) in (record or {}).get("children", {}).items():
            if _alive(int(pid), start_time):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGKILL)
        data = path / "pgdata"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(Exception):
                PrivatePostgres.pg_ctl(data, "stop", "-m", "immediate", "-w", timeout=30)
        shutil.rmtree(path, ignore_errors=True)


# PostgreSQL -----------------------------------------------------------------------------------


def postgres_bin():
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if not found:
        raise RuntimeError("needs PostgreSQL's server binaries (/usr/lib/postgresql/*/bin)")
    return Path(found[-1]).parent


def as_postgres(command):
    """Run the server's programs as the postgres user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PrivatePostgres:
    """A PostgreSQL cluster of our own in the workspace, on a free port, trust auth."""

    def __init__(self, workspace):
        self.workspace = workspace
        self.data = workspace.path / "pgdata"
        self.socket_dir = workspace.path / "pgsocket"
        self.port = None

    @staticmethod
    def pg_ctl(data, *args, timeout=120):
        """Run pg_ctl. Its output goes to a file, never a pipe: a server it starts keeps the
        pipe open and a reader would wait for it to stop."""
        command = as_postgres([str(postgres_bin() / "pg_ctl"), "-D", str(data), *args])
        with tempfile.TemporaryFile() as output:
            finished = subprocess.run(
                command, stdin=subprocess.DEVNULL, stdout=output, stderr=output, timeout=timeout
            )
            if finished.returncode != 0:
                output.seek(0)
                message = output.read().decode(errors="replace")
                raise RuntimeError(f"pg_ctl {' '.join(args)} failed: {message}")

    def start(self):
        if os.geteuid() == 0:
            shutil.chown(self.workspace.path, "postgres")
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.socket_dir, "postgres")
        subprocess.run(
            as_postgres(
                [
                    str(postgres_bin() / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        for attempt in range(3):
            self.port = free_port()
            options = (
                f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
                " -c max_connections=200"
            )
            try:
                self.pg_ctl(
                    self.data, "start", "-w", "-l", str(self.workspace.path / "pg.log"),
                    "-o", options,
                )  # fmt: skip
                return
            except RuntimeError:
                if attempt == 2:
                    raise

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def restart(self):
        """`pg_ctl restart -m fast`: every client is disconnected; returns once it answers."""
        log = str(self.workspace.path / "pg.log")
        self.pg_ctl(self.data, "restart", "-m", "fast", "-w", "-l", log)

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            try:
                self.pg_ctl(self.data, "stop", "-m", "fast", "-w", timeout=60)
            except (RuntimeError, subprocess.SubprocessError, OSError):
                self.pg_ctl(self.data, "stop", "-m", "immediate", "-w", timeout=60)


# Redis ----------------------------------------------------------------------------------------


class PrivateRedis:
    """A redis-server of our own on a free port, keeping nothing on disk: a restart is empty."""

    def __init__(self, workspace):
        self.workspace = workspace
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("needs redis-server")
        command = [binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.workspace.path)]
        self.process = self.workspace.spawn(command, "redis.log")
        wait_for(self.ping, 20, "redis-server to answer")

    def ping(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def command(self, *words):
        """Send one inline command (e.g. FLUSHALL) and return the first line of the reply."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as conn:
            conn.sendall(" ".join(words).encode() + b"\r\n")
            return conn.recv(1024).split(b"\r\n", 1)[0]

    def crash(self):
        if self.process is not None:
            stop_process(self.process, sig=signal.SIGKILL)
            self.workspace.forget(self.process)
            self.process = None

    def stop(self):
        if self.process is not None:
            stop_process(self.process, timeout=5)
            self.workspace.forget(self.process)
            self.process = None


# SMTP -----------------------------------------------------------------------------------------


class FaultyInbox:
    """aiosmtpd handler recording every accepted recipient with the time it was accepted, and
    misbehaving on request:

    - `cut(k)`: for the next k messages, close the connection once the whole DATA has been
      received, without replying (the message counts as accepted: it reached the server);
    - `refuse[address] = "451 ..."` (or "550 ..."): that reply to RCPT TO for the address,
      every time.
    """

    def __init__(self):
        self.reset()

    def reset(self):
        self.accepted = []  # (monotonic time, recipient), in order of arrival
        self.cuts = []  # (monotonic time, recipient)
        self.refusals = []  # (monotonic time, recipient, reply)
        self.refuse = {}
        self._cuts_left = 0

    def cut(self, count):
        self._cuts_left = count

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.refuse.get(address.lower())
        if reply:
            self.refusals.append((time.monotonic(), address, reply))
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        now = time.monotonic()
        for recipient in envelope.rcpt_tos:
            self.accepted.append((now, recipient.lower()))
        if self._cuts_left > 0:
            self._cuts_left -= 1
            self.cuts.extend((now, recipient.lower()) for recipient in envelope.rcpt_tos)
            server.transport.abort()  # no reply: the client cannot know what became of it
            await asyncio.sleep(0)
        return "250 Message accepted for delivery"


class FaultySmtp:
    """The aiosmtpd server, run in a thread of this process."""

    def __init__(self):
        self.inbox = FaultyInbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()

    def stop(self):
        with contextlib.suppress(Exception):
            self.controller.stop()
