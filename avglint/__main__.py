"""The ``avglint`` command and ``python -m avglint``: the command line of avglint/cli.py.

``avglint --version`` is answered here, before click and the rest are imported: editors and hooks
run it to find avglint, and it should cost about what starting Python costs.
"""

import sys

from . import __version__


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        print(f"avglint {__version__}")  # what the command line's --version writes
        return
    from .cli import main as command_line

    command_line()


if __name__ == "__main__":
    main()
