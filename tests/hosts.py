"""Separate hosts on this one machine, for tests/test_two_hosts.py: each a network namespace
with its own loopback and its own address on a private subnet, joined to this machine's root
namespace by a veth pair, running deploy/serve.sh on one shared data folder; a relay per host
from its address to serve.sh's nginx (which listens on the namespace's 127.0.0.1 only); the
front nginx of deploy/front-nginx.conf.template in the root namespace, on 127.0.0.1.

Everything is started with its own process group and stopped by its PID; `Network.remove`
deletes the namespaces and veths. Run as a script inside a namespace, this module is also

    python tests/hosts.py relay ADDRESS PORT TARGET_PORT    # ADDRESS:PORT -> 127.0.0.1:TARGET_PORT
    python tests/hosts.py publish [HOOK ...] -- CLI_ARGS     # python -m fitjp.record CLI_ARGS, hooked

where a hook makes the publish die (SIGKILL) at a chosen point, hold the lock a while, or say
when it is about to take the lock (see `hooked_cli`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERVE = REPO / "deploy" / "serve.sh"
FRONT_TEMPLATE = REPO / "deploy" / "front-nginx.conf.template"
SUBNET = "10.231"  # 10.231.N.0/24, N the first not in use on this machine
HOST_PORT = 8080  # each namespace has its own ports: serve.sh's nginx and the relay both use it


def run(*command: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=check, capture_output=True, text=True, timeout=30)


def fetch(url: str, timeout: float = 10, headers: dict | None = None):
    """(status, headers, body) of a GET; an HTTP error status is an answer, not a failure."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as reply:
            return reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def netns_usable() -> str | None:
    """Why namespaces cannot be made here, or None when they can."""
    if os.geteuid() != 0:
        return "needs root: it creates network namespaces and veth pairs"
    if not shutil.which("ip"):
        return "`ip` (iproute2) is not installed"
    probe = f"fitjp-probe-{os.getpid()}"
    made = run("ip", "netns", "add", probe, check=False)
    if made.returncode != 0:
        return f"`ip netns add` is not permitted here: {made.stderr.strip()}"
    run("ip", "netns", "del", probe, check=False)
    return None


# ---- the network ---------------------------------------------------------------------------

class Network:
    """Namespaces joined to the root namespace, each by a veth pair on a /30 of its own:
    host i is SUBNET.N.(4i+2), the root side SUBNET.N.(4i+1)."""

    def __init__(self):
        self.tag = f"{os.getpid() % 100000}"
        self.net = self._free_subnet()
        self.namespaces: list[str] = []
        self.links: list[str] = []

    @staticmethod
    def _free_subnet() -> int:
        used = run("ip", "-4", "-o", "addr").stdout
        for n in range(256):
            if f" {SUBNET}.{n}." not in used:
                return n
        raise RuntimeError(f"every {SUBNET}.N.0/24 is in use")

    def add_host(self, letter: str) -> tuple[str, str]:
        """A namespace with its loopback up and one address: (its name, its address)."""
        i = len(self.namespaces)
        name, outside, inside = f"fitjp-{letter}-{self.tag}", f"fj{letter}{self.tag}", f"fj{letter}{self.tag}n"
        root_address, address = f"{SUBNET}.{self.net}.{4 * i + 1}", f"{SUBNET}.{self.net}.{4 * i + 2}"
        run("ip", "netns", "add", name)
        self.namespaces.append(name)
        run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside)
        self.links.append(outside)
        run("ip", "link", "set", inside, "netns", name)
        run("ip", "addr", "add", f"{root_address}/30", "dev", outside)
        run("ip", "link", "set", outside, "up")
        for command in (("ip", "link", "set", "lo", "up"), ("ip", "addr", "add", f"{address}/30", "dev", inside),
                        ("ip", "link", "set", inside, "up")):
            run("ip", "netns", "exec", name, *command)
        return name, address

    def remove(self) -> None:
        for link in self.links:  # deleting one end deletes its peer
            run("ip", "link", "del", link, check=False)
        for name in self.namespaces:
            run("ip", "netns", "del", name, check=False)
        self.links, self.namespaces = [], []


# ---- processes -----------------------------------------------------------------------------

def stop_group(process: subprocess.Popen | None, sig: int = signal.SIGTERM, seconds: float = 40) -> None:
    """Stop a process started with its own process group, by its PID: `sig`, then SIGKILL to the
    group (anything it left behind), and reap it."""
    if process is None:
        return
    if process.poll() is None:
        try:
            os.kill(process.pid, sig)
            process.wait(timeout=seconds)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


class Host:
    """deploy/serve.sh in a namespace, as tests/test_deploy.py starts it (SERVE_RUN_DIR, PORT,
    WORKERS, PYTHON), on the shared data folder, and the relay that makes it reachable."""

    def __init__(self, letter: str, namespace: str, address: str, data_dir: Path, run_dir: Path):
        self.letter, self.namespace, self.address = letter, namespace, address
        self.data_dir, self.run_dir = data_dir, run_dir
        self.base = f"http://{address}:{HOST_PORT}"
        self.serve: subprocess.Popen | None = None
        self.relay: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return os.environ | {"FITJP_DATA_DIR": str(self.data_dir), "PYTHON": sys.executable}

    def in_namespace(self, *command: str) -> list[str]:
        return ["ip", "netns", "exec", self.namespace, *command]

    def start(self) -> None:
        env = self.env() | {"PORT": str(HOST_PORT), "WORKERS": "1", "RESTART_DELAY": "1",
                            "SERVE_RUN_DIR": str(self.run_dir)}
        with open(self.run_dir / "serve.out", "ab") as out:
            # `ip netns exec` execs the command: the PID is bash's, the group is its own.
            self.serve = subprocess.Popen(self.in_namespace("bash", str(SERVE)), cwd=REPO, env=env, stdout=out,
                                          stderr=subprocess.STDOUT, start_new_session=True)
            self.relay = subprocess.Popen(
                self.in_namespace(sys.executable, __file__, "relay", self.address, str(HOST_PORT), str(HOST_PORT)),
                cwd=REPO, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def streamlit_pids(self) -> dict[int, int]:
        text = (self.run_dir / "streamlit.pids").read_text()
        return {int(port): int(pid) for port, pid in (line.split() for line in text.splitlines())}

    def ready(self) -> bool:
        """Answering through its address, its process warmed (serve.sh's loadtest.warm)."""
        if self.serve.poll() is not None:
            raise AssertionError(f"host {self.letter}: serve.sh exited:\n{self.output()}")
        if not (self.run_dir / "streamlit.pids").exists() or fetch(self.base + "/_stcore/health", 5)[0] != 200:
            return False
        return all(f"warmed http://127.0.0.1:{port}:" in (self.run_dir / f"streamlit-{port}.log").read_text()
                   for port in self.streamlit_pids())

    def output(self) -> str:
        path = self.run_dir / "serve.out"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def live_release(self) -> str:
        """The release this host's data URLs name (/data/datapackage.json)."""
        status, _, body = fetch(self.base + "/data/datapackage.json", 5)
        return json.loads(body)["release"]["id"] if status == 200 else ""

    def www_dirs(self) -> list[Path]:
        """serve.sh's copy of the static files (its trap removes it; a SIGKILL does not)."""
        conf = self.run_dir / "nginx.conf"
        text = conf.read_text() if conf.exists() else ""
        return sorted({Path(m) for m in re.findall(r"(/\S*/fitjp-www\.\w+)/", text)})

    def kill(self) -> None:
        """The host dies at once: SIGKILL to serve.sh's process group (nginx, Streamlit, the
        warm-up) and to the relay, each by its PID."""
        os.killpg(self.serve.pid, signal.SIGKILL)
        os.killpg(self.relay.pid, signal.SIGKILL)
        self.serve.wait(timeout=10)
        self.relay.wait(timeout=10)

    def stop(self) -> None:
        stop_group(self.serve)  # SIGTERM: serve.sh's trap stops what it started, by PID
        stop_group(self.relay, seconds=5)
        for folder in self.www_dirs():
            shutil.rmtree(folder, ignore_errors=True)


class Front:
    """deploy/front-nginx.conf.template on 127.0.0.1, balancing across the hosts."""

    def __init__(self, port: int, hosts: list[Host], run_dir: Path):
        self.port, self.hosts, self.run_dir = port, hosts, run_dir
        self.base = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        (self.run_dir / "tmp").mkdir(parents=True, exist_ok=True)
        upstreams = "".join(f"        server {h.address}:{HOST_PORT} max_fails=1 fail_timeout=10s;\n"
                            for h in self.hosts)
        text = (FRONT_TEMPLATE.read_text().replace("@UPSTREAMS@\n", upstreams)
                .replace("@RUN_DIR@", str(self.run_dir)).replace("@LISTEN@", f"127.0.0.1:{self.port}"))
        conf = self.run_dir / "nginx.conf"
        conf.write_text(text)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        command = [nginx, "-p", str(self.run_dir), "-c", str(conf), "-e", str(self.run_dir / "error.log")]
        subprocess.run([*command[:1], "-t", "-q", *command[1:]], check=True, timeout=30)
        self.process = subprocess.Popen(command, start_new_session=True)

    def streams(self) -> dict[str, str]:
        """Affinity cookie -> the host address its websocket was answered by (the front's log)."""
        text = (self.run_dir / "access.log").read_text()
        found = re.findall(r'"GET /_stcore/stream[^"]*" 101 \d+ upstream=(\S+(?:, \S+)*) affinity=(\w+)', text)
        return {affinity: upstream.split(", ")[-1].rsplit(":", 1)[0] for upstream, affinity in found}

    def stop(self) -> None:
        stop_group(self.process, seconds=10)


# ---- a page as a viewer reads it -----------------------------------------------------------

def stream(base: str, origin: str | None = None):
    """A websocket to `base`'s /_stcore/stream as loadtest's protocol opens it (its own affinity
    cookie); with no Origin header unless `origin` is given, as a program's client sends."""
    import websocket

    return websocket.create_connection(
        base.replace("http://", "ws://", 1) + "/_stcore/stream", subprotocols=["streamlit"], timeout=30,
        cookie=f"fitjp_affinity={uuid.uuid4().hex}", **({"origin": origin} if origin else {"suppress_origin": True}))


def page_text(base: str, page: str, lang: str = "en") -> str:
    """The markdown and captions of `page` (a URL path) run once over Streamlit's websocket,
    in loadtest's protocol, in a new session."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from loadtest.protocol import DONE, Session

    session = Session(stream(base))
    try:
        message = BackMsg()
        message.rerun_script.query_string = f"lang={lang}"
        message.rerun_script.page_name = page
        session.ws.send_binary(message.SerializeToString())
        texts = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            reply = ForwardMsg()
            reply.ParseFromString(session.ws.recv())
            kind = reply.WhichOneof("type")
            if kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                element = reply.delta.new_element
                if element.WhichOneof("type") == "markdown":
                    texts.append(element.markdown.body)
            elif kind == "script_finished" and reply.script_finished in DONE:
                return "\n".join(texts)
        raise AssertionError(f"{base}/{page}: no script_finished within 60 s")
    finally:
        session.close()


# ---- run inside a namespace ----------------------------------------------------------------

def relay(address: str, port: int, target_port: int) -> None:
    """Every connection to address:port copied both ways to 127.0.0.1:target_port."""
    import asyncio

    async def pipe(reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def handle(client_reader, client_writer):
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", target_port)
        except OSError:
            client_writer.close()  # nothing behind: the front sees the connection end and moves on
            return
        await asyncio.gather(pipe(client_reader, upstream_writer), pipe(upstream_reader, client_writer))

    async def main():
        server = await asyncio.start_server(handle, address, port, backlog=1024)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def hooked_cli(hooks: list[str], cli_args: list[str]) -> int:
    """`python -m fitjp.record CLI_ARGS` with hooks in fitjp.record.releases:
    die-after-tables=N  SIGKILL itself once N tables of the new release are written (staging)
    die-before-live     SIGKILL itself once the release folder is in place, before LIVE moves
    hold=MARKER,UNTIL   under the lock, write MARKER, then wait until the file UNTIL exists
                        (at most 30 s) and one second more, then carry on
    announce=MARKER     write MARKER just before taking the lock, and the seconds it waited
                        for it once it has it ("waited 2.345")"""
    sys.path.insert(0, str(REPO))
    from fitjp.record import cli, releases

    def die():
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    for hook in hooks:
        name, _, value = hook.partition("=")
        if name == "die-after-tables":
            real_write, written = releases.write_table, []

            def write_table(folder, table, frame, real_write=real_write, written=written, limit=int(value)):
                real_write(folder, table, frame)
                written.append(table)
                if len(written) == limit:
                    die()
            releases.write_table = write_table
        elif name == "die-before-live":
            releases.set_live = lambda release_id: die()
        elif name == "hold":
            marker, until = value.split(",")
            real_release = releases.write_release

            def write_release(folder, tables, manifest, real_release=real_release, marker=marker, until=until):
                Path(marker).write_text(f"{time.time()}\n")
                deadline = time.monotonic() + 30
                while not Path(until).exists() and time.monotonic() < deadline:
                    time.sleep(0.05)
                time.sleep(1)  # the other publisher is now blocked on the lock
                real_release(folder, tables, manifest)
            releases.write_release = write_release
        elif name == "announce":
            real_locked = releases.locked

            @contextmanager
            def locked(folder, real_locked=real_locked, marker=value):
                asked = time.monotonic()
                Path(marker).write_text("asking\n")
                with real_locked(folder):
                    Path(marker).write_text(f"waited {time.monotonic() - asked:.3f}\n")
                    yield
            releases.locked = locked
        else:
            raise SystemExit(f"unknown hook {hook!r}")
    return cli.main(cli_args)


if __name__ == "__main__":
    if sys.argv[1] == "relay":
        relay(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "publish":
        split = sys.argv.index("--")
        sys.exit(hooked_cli(sys.argv[2:split], sys.argv[split + 1:]))
    else:
        raise SystemExit(__doc__)
