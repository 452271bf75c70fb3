#!/usr/bin/env python3
"""Run moto's DynamoDB (and the rest of moto) one request at a time.

moto's stock server (`moto_server`) is threaded, and a failed transaction
rolls back by restoring a copy of the whole table, so acknowledged concurrent
writes can be lost. Served here by a single-threaded, single-process werkzeug
server instead: every request runs alone, and is atomic as in DynamoDB.
moto_patches.install() (beside this file) also makes a transaction back up only the
items it touches, not the whole table, so writes stay fast as the table grows, and lets
moto read back numbers written with trailing zeros (as DynamoDB does).

    .venv/bin/python infra/moto_server.py [--host 127.0.0.1] [--port 0] [--ready-file FILE]

--port 0 picks a free port. Once the socket is listening, the port number is
written to --ready-file (atomically: written to a temporary file, then renamed)
and `MOTO LISTENING http://HOST:PORT` is printed to stdout. Stops on SIGINT or
SIGTERM. Request logging is off unless --verbose.
"""

from __future__ import annotations

import argparse
import faulthandler
import logging
import os
import signal
import sys
import threading
import time
from typing import Any

from werkzeug.serving import make_server

import moto_patches

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)


class QuietRequestHandler(MotoRequestHandler):
    """moto's request handler without the per-request access log line."""

    def log_request(self, code: Any = "-", size: Any = "-") -> None:  # noqa: D102
        pass


def _write_ready_file(path: str, port: int) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="ascii") as f:
        f.write(f"{port}\n")
    os.replace(tmp, path)


def _exit_when_orphaned(parent_pid: int) -> None:
    """Exit when the process that started us is gone (e.g. pytest killed -9)."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent_pid:
            os._exit(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("MOTO_PORT", "5000")),
                        help="port to bind; 0 picks a free one (default $MOTO_PORT or 5000)")
    parser.add_argument("--ready-file", help="write the listening port number to this file")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="exit when the parent process goes away")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)

    if not args.verbose:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)

    moto_patches.install()
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server(
        args.host,
        args.port,
        app,
        threaded=False,
        processes=1,
        request_handler=MotoRequestHandler if args.verbose else QuietRequestHandler,
    )
    port = server.server_port
    # moto builds some URLs (e.g. in S3/SQS answers) from MOTO_PORT.
    os.environ["MOTO_PORT"] = str(port)

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # `kill -USR1 PID` prints every thread's stack to stderr (for a server that seems stuck).
    faulthandler.register(signal.SIGUSR1, all_threads=True)

    if args.exit_with_parent:
        threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()

    if args.ready_file:
        _write_ready_file(args.ready_file, port)
    print(f"MOTO LISTENING http://{args.host}:{port}", flush=True)

    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
