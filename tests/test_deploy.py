"""deploy/nginx.conf, run for real: workshop affinity, websockets, headers.

The production file is rewritten only where a test machine must differ: its
TLS lines become a plain-HTTP listen on a free port, its two app processes
become two stand-in HTTP servers in this process (each answers with its own
name and the headers it received), and paths point into a temporary prefix.
nginx runs in the foreground there and is stopped afterwards.

Without nginx the tests skip, except under CI=true, where they fail.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from local_services import free_port

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "deploy" / "nginx.conf"
APP_PORTS = (5001, 5002)


def nginx_binary():
    """The nginx executable, or skip (fail under CI=true) when there is none."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if found:
        return found
    reason = "nginx is not installed (apt-get install -y nginx)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def substitute(text, pattern, replacement, count=None):
    """re.sub that insists the production file still has the expected shape:
    exactly `count` matches, or at least one."""
    text, made = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    expected = count if count is not None else "some"
    assert made == count or (count is None and made), (
        f"{pattern!r}: {made} matches in {CONF}, expected {expected}"
    )
    return text


def runnable_config(prefix, https_port, http_port, backends):
    """deploy/nginx.conf as a test can run it: plain HTTP, stand-in backends."""
    site = CONF.read_text()
    site = substitute(site, r"^\s*ssl_.*\n", "", 8)
    site = substitute(site, r"^\s*listen \[::\]:\d+.*\n", "", 2)
    site = substitute(
        site, r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port};", 1
    )
    site = substitute(site, r"listen 80;", f"listen 127.0.0.1:{http_port};", 1)
    for app_port, backend_port in zip(APP_PORTS, backends, strict=True):
        site = substitute(
            site,
            rf"server 127\.0\.0\.1:{app_port}\b",
            f"server 127.0.0.1:{backend_port}",
            1,
        )
    site = substitute(site, r"/srv/common-ground\b", str(ROOT))
    site = substitute(site, r"/var/www/letsencrypt\b", str(prefix / "acme"))
    site = substitute(site, r"/var/log/nginx/", f"{prefix}/")
    directives = re.sub(r"#.*", "", site)
    assert not re.search(r"ssl|:500[12]\b|/etc/", directives), "left unswapped"
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "".join(
        f"    {kind}_temp_path {prefix}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes 1;\n"
        f"error_log {prefix}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "    types { text/css css; application/javascript js; image/svg+xml svg; }\n"
        "    default_type application/octet-stream;\n"
        f"    access_log {prefix}/access.log;\n"
        f"{temp_paths}"
        f"{site}\n"
        "}\n"
    )


class Backend(BaseHTTPRequestHandler):
    """A stand-in app process: says who it is and what headers it got.

    A websocket handshake gets 101, then a line of JSON over the upgraded
    connection, then an echo of the first line the client sends back.
    """

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        seen = {
            "name": self.server.name,
            "path": self.path,
            "headers": {key.lower(): value for key, value in self.headers.items()},
        }
        if self.headers.get("Upgrade", "").lower() == "websocket":
            self.send_response(101)
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.end_headers()
            self.wfile.write(json.dumps(seen).encode() + b"\n")
            self.wfile.flush()
            self.wfile.write(b"echo " + self.rfile.readline())
            self.wfile.flush()
            self.close_connection = True
            return
        body = json.dumps(seen).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start_backend(name):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Backend)
    server.daemon_threads = True
    server.name = name
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    return server, thread


def stop_backend(server, thread):
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def proxy():
    """nginx with deploy/nginx.conf in front of backends "a" and "b"."""
    nginx = nginx_binary()
    backends = {name: start_backend(name) for name in ("a", "b")}
    with tempfile.TemporaryDirectory(prefix="cg-nginx-") as tmp:
        prefix = Path(tmp)
        os.chmod(prefix, 0o755)
        (prefix / "acme").mkdir()
        ports = {"https": free_port(), "http": free_port()}
        conf = prefix / "nginx.conf"
        conf.write_text(
            runnable_config(
                prefix,
                ports["https"],
                ports["http"],
                [server.server_address[1] for server, _ in backends.values()],
            )
        )
        base = [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "e.log")]
        globals_ = f"daemon off; pid {prefix}/nginx.pid;"
        checked = subprocess.run(
            [*base, "-t", "-g", globals_], capture_output=True, text=True, timeout=10
        )
        assert checked.returncode == 0, checked.stderr
        process = subprocess.Popen(
            [*base, "-g", globals_],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(ports["https"], process, prefix)
            yield {"port": ports["https"], "http_port": ports["http"], **backends}
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            for server, thread in backends.values():
                stop_backend(server, thread)


def wait_for_port(port, process, prefix):
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (prefix / "error.log").read_text(errors="replace")
            pytest.fail(f"nginx exited with {process.returncode}: {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail("nginx did not start listening within 5 s")


def get(port, path, headers=None):
    """GET through nginx: (status, response headers, JSON body or raw bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        if response.getheader("Content-Type") == "application/json":
            body = json.loads(body)
        return response.status, response.headers, body
    finally:
        connection.close()


def backend_for(port, w):
    status, _, seen = get(port, f"/socket.io/?EIO=4&transport=polling&w={w}")
    assert status == 200
    return seen["name"]


def test_a_workshop_always_reaches_the_same_process(proxy):
    port = proxy["port"]
    placed = {f"ws{n}": backend_for(port, f"ws{n}") for n in range(40)}
    assert set(placed.values()) == {"a", "b"}, "every workshop went to one process"
    for w, name in list(placed.items())[:10]:
        assert {backend_for(port, w) for _ in range(5)} == {name}
    # Pages carry no workshop in the query string: spread over both.
    names = {get(port, "/auth/login")[2]["name"] for _ in range(10)}
    assert names == {"a", "b"}


def test_a_websocket_upgrade_passes_through(proxy):
    port = proxy["port"]
    expected = backend_for(port, "wsX")
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(
            b"GET /socket.io/?EIO=4&transport=websocket&w=wsX HTTP/1.1\r\n"
            b"Host: forum.example.org\r\n"
            b"Upgrade: websocket\r\n"
            b"Connection: Upgrade\r\n"
            b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            b"Sec-WebSocket-Version: 13\r\n"
            b"Origin: https://forum.example.org\r\n\r\n"
        )
        with sock.makefile("rb") as stream:
            status = stream.readline()
            assert status.startswith(b"HTTP/1.1 101"), status
            response_headers = []
            while (line := stream.readline()) not in (b"\r\n", b""):
                response_headers.append(line.decode().strip().lower())
            assert "upgrade: websocket" in response_headers
            seen = json.loads(stream.readline())
            assert seen["name"] == expected
            assert seen["headers"]["upgrade"] == "websocket"
            assert seen["headers"]["connection"].lower() == "upgrade"
            assert seen["headers"]["sec-websocket-key"] == "dGhlIHNhbXBsZSBub25jZQ=="
            assert seen["headers"]["host"] == "forum.example.org"
            # The connection is a tunnel now: bytes go both ways.
            sock.sendall(b"ping\n")
            assert stream.readline() == b"echo ping\n"


def test_forwarded_headers_name_the_client_not_what_it_claims(proxy):
    status, _, seen = get(
        proxy["port"],
        "/socket.io/?EIO=4&transport=polling&w=ws1",
        headers={"Host": "forum.example.org", "X-Forwarded-For": "203.0.113.9"},
    )
    assert status == 200
    headers = seen["headers"]
    assert headers["x-forwarded-for"] == "127.0.0.1"
    assert headers["x-forwarded-proto"] == "http"  # https in production
    assert headers["x-forwarded-host"] == "forum.example.org"
    assert "upgrade" not in headers
    _, _, page = get(proxy["port"], "/", headers={"X-Forwarded-For": "203.0.113.9"})
    assert page["headers"]["x-forwarded-for"] == "127.0.0.1"
    assert page["headers"]["x-forwarded-proto"] == "http"


def test_a_socket_waits_for_its_own_process_while_pages_move_on(proxy):
    port = proxy["port"]
    on_a = next(w for w in (f"ws{n}" for n in range(40)) if backend_for(port, w) == "a")
    stop_backend(*proxy["a"])
    status, _, _ = get(port, f"/socket.io/?EIO=4&transport=polling&w={on_a}")
    assert status == 502  # the client reconnects; its workshop is never split
    assert {get(port, "/")[2]["name"] for _ in range(4)} == {"b"}


def test_static_files_come_from_nginx_with_caching(proxy):
    status, headers, body = get(proxy["port"], "/static/css/app.css")
    assert status == 200
    assert body == (ROOT / "static" / "css" / "app.css").read_bytes()
    assert headers["Cache-Control"] == "public, max-age=3600"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["ETag"]
    vendored = next((ROOT / "static" / "vendor").rglob("*.js"))
    path = "/" + vendored.relative_to(ROOT).as_posix()
    status, headers, _ = get(proxy["port"], path)
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
    assert get(proxy["port"], "/static/no-such-file.css")[0] == 404


def test_plain_http_redirects_to_https(proxy):
    status, headers, _ = get(
        proxy["http_port"], "/join?x=1", headers={"Host": "forum.example.org"}
    )
    assert status == 301
    assert headers["Location"] == "https://forum.example.org/join?x=1"


def test_the_tls_server_block_is_valid_nginx(tmp_path):
    """The file as shipped (TLS and all) passes `nginx -t` with a test cert."""
    nginx = nginx_binary()
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: cannot make a test certificate")
    cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=forum.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=30,
    )
    site = CONF.read_text().replace(
        "/etc/letsencrypt/live/forum.example.org/", f"{tmp_path}/"
    )
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    conf = tmp_path / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        f"{user}error_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n    access_log off;\n{site}\n}}\n"
    )
    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "e")]
        + ["-g", f"pid {tmp_path}/nginx.pid;"],
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert checked.returncode == 0, checked.stderr


def settings_read():
    """Every environment variable the app and its entry point read."""
    names = set()
    for path in ("config.py", "wsgi.py", "serving.py", "app/database.py"):
        source = ROOT / path
        if source.exists():
            names |= set(
                re.findall(
                    r"""(?:environ\.get|_env_list)\(\s*["']([A-Z_]+)["']""",
                    source.read_text(),
                )
            )
    return names


def test_every_setting_is_documented_for_deployment():
    names = settings_read()
    assert {"SECRET_KEY", "DATABASE_URL", "PROXY_FIX_HOPS", "PORT"} <= names
    guide = (ROOT / "docs" / "deploy.md").read_text()
    example = (ROOT / "deploy" / "common-ground.env.example").read_text()
    assert sorted(n for n in names if f"`{n}`" not in guide) == []
    unlisted = {n for n in names if not re.search(rf"\b{n}\b", example)}
    assert unlisted <= {"TEST_DATABASE_URL"}, "missing from the env example"
