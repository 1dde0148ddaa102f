"""The ``avglint`` command and ``python -m avglint``: the command line of avglint/cli.py.

``avglint --version`` is answered here, before click and the rest are imported: editors and hooks
run it to find avglint, and it should cost about what starting Python costs.

When the command is done, the process ends without the interpreter's teardown (as mypy's does):
freeing every object a check made, the vocabularies and parser tables among them, one by one costs
more than the check of a small file. What the teardown does that anyone sees still happens first.
"""

import sys

from . import __version__


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        print(f"avglint {__version__}")  # what the command line's --version writes
        return
    if sys.argv[1:2] == ["check"]:
        import gc

        # a check pauses the cyclic garbage collector while it runs (avglint/parser.py) and the process ends
        # with it: paused from the start, the collector does not go over start-up's objects (a few
        # milliseconds), nor once more over all the check's objects when the check ends (about as many)
        gc.disable()
    from .cli import main as command_line

    try:
        command_line()
    except SystemExit as done:
        _end(done)


def _end(done: SystemExit) -> None:
    """End the process with ``done``'s status, after the exit handlers and with the standard streams
    flushed; when there is more to wait for (a thread still running) or a stream cannot be flushed,
    or the status is a message, Python's own exit does it all as usual."""
    import atexit
    import os
    import threading

    if not (done.code is None or isinstance(done.code, int)) or threading.active_count() > 1:
        raise done
    atexit._run_exitfuncs()  # noqa: SLF001 - what the interpreter runs at exit, before its teardown
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or failing stream: reported as Python reports it
        raise done from None
    os._exit(done.code or 0)


if __name__ == "__main__":
    main()
