"""Starting and stopping the processes the integration tests run against.

Every child's stdout and stderr go to files under the run's artifact directory
(never to a pipe nobody reads, which would block a chatty child), and every
child is asked by the kernel to die with us (PR_SET_PDEATHSIG) so a killed
pytest leaves nothing running.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Callable, Mapping, Sequence

PR_SET_PDEATHSIG = 1

# Shutdown problems seen this session, for the end-of-run summary.
warnings: list[str] = []


class HarnessError(RuntimeError):
    """The test stack could not be brought up; the message says why."""


def _die_with_parent() -> None:  # runs in the child, between fork and exec
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def tail(path: Path, max_chars: int = 4000) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return text[-max_chars:]


class ManagedProcess:
    """A long-running child process with its output captured to files."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        log_dir: Path,
        cwd: Path | None = None,
        stack_dump_signal: int | None = None,
    ) -> None:
        self.name = name
        self.stack_dump_signal = stack_dump_signal
        self.argv = list(argv)
        self.stdout_path = log_dir / f"{name}.stdout.log"
        self.stderr_path = log_dir / f"{name}.stderr.log"
        log_dir.mkdir(parents=True, exist_ok=True)
        self._stdout = open(self.stdout_path, "wb")
        self._stderr = open(self.stderr_path, "wb")
        try:
            self.proc = subprocess.Popen(
                self.argv,
                env=dict(env),
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=self._stdout,
                stderr=self._stderr,
                preexec_fn=_die_with_parent,
            )
        except OSError as e:
            self._close_files()
            raise HarnessError(f"could not start {name} ({self.argv[0]}): {e}") from e

    def describe_failure(self, what: str) -> str:
        rc = self.proc.poll()
        state = f"exited with status {rc}" if rc is not None else "still running"
        return (
            f"{self.name}: {what} ({state}).\n"
            f"command: {' '.join(self.argv)}\n"
            f"--- stdout ({self.stdout_path}) ---\n{tail(self.stdout_path)}\n"
            f"--- stderr ({self.stderr_path}) ---\n{tail(self.stderr_path)}"
        )

    def wait_for(self, probe: Callable[[], str | None], *, timeout: float, what: str) -> str:
        """Polls `probe` until it returns a value; fails if the process dies or time runs out."""
        deadline = time.monotonic() + timeout
        while True:
            value = probe()
            if value is not None:
                return value
            if self.proc.poll() is not None:
                # One last look: the process may have written and exited.
                value = probe()
                if value is not None:
                    return value
                raise HarnessError(self.describe_failure(f"exited before {what}"))
            if time.monotonic() > deadline:
                raise HarnessError(self.describe_failure(f"no {what} within {timeout:.0f} s"))
            time.sleep(0.05)

    def wait_for_stdout_line(self, pattern: str, *, timeout: float) -> re.Match[str]:
        regex = re.compile(pattern, re.MULTILINE)

        def probe() -> re.Match[str] | None:
            return regex.search(self.stdout_path.read_text(errors="replace"))

        return self.wait_for(probe, timeout=timeout, what=f"stdout line matching {pattern!r}")

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, wait, then SIGKILL. A child that needed SIGKILL is noted in `warnings`."""
        if self.proc.poll() is None:
            started = time.monotonic()
            self.proc.terminate()
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                if self.stack_dump_signal is not None:
                    # Ask it to print where it is stuck (into its stderr log) before it dies.
                    self.proc.send_signal(self.stack_dump_signal)
                    time.sleep(0.5)
                self.proc.kill()
                self.proc.wait(timeout=timeout)
                warnings.append(
                    f"{self.name} did not exit within {timeout:.0f} s of SIGTERM and was killed"
                    f" (logs: {self.stderr_path})"
                )
            else:
                took = time.monotonic() - started
                if took > 2.0:
                    warnings.append(f"{self.name} took {took:.1f} s to exit after SIGTERM")
        self._close_files()

    def _close_files(self) -> None:
        for f in (self._stdout, self._stderr):
            if not f.closed:
                f.close()


def run_tool(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    timeout: float = 60.0,
) -> subprocess.CompletedProcess[str]:
    """Runs a short-lived command; raises HarnessError with its output if it fails."""
    try:
        result = subprocess.run(
            list(argv),
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_die_with_parent,
        )
    except subprocess.TimeoutExpired as e:
        raise HarnessError(
            f"`{' '.join(argv)}` did not finish within {timeout:.0f} s\n"
            f"--- stdout ---\n{e.stdout}\n--- stderr ---\n{e.stderr}"
        ) from e
    except OSError as e:
        raise HarnessError(f"could not run `{' '.join(argv)}`: {e}") from e
    if result.returncode != 0:
        raise HarnessError(
            f"`{' '.join(argv)}` exited with status {result.returncode}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )
    return result
