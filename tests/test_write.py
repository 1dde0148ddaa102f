"""Every file avglint writes goes through avglint/atomic.py: whole or not at all, with the permissions
a user expects (new files: 0666 & ~umask; existing files: their own mode; the cache: 0600)."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from avglint import atomic, cache
from avglint.cli import cli

pytestmark = pytest.mark.skipif(not hasattr(os, "umask") or os.name == "nt", reason="POSIX permissions")

REGISTER = 'verwerking "X" {\n    doel: testen\n    grondslag: Toestemmming\n}\n'
UNFORMATTED = 'verwerking  X {\n  doel:testen\n}\n'
TABLE = "Naam;Doel;Grondslag\nTesten;testen;toestemming\n"


@pytest.fixture(params=[0o022, 0o077], ids=["umask022", "umask077"])
def umask(request):
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def mode_of(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def listing(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- one command line per command that writes: (arguments, the file written, files it needs) --------

def check_output(folder):
    (folder / "r.avg").write_text(REGISTER)
    return ["check", str(folder / "r.avg"), "--format", "sarif", "-o", str(folder / "out.sarif")], "out.sarif"


def write_baseline(folder):
    (folder / "r.avg").write_text(REGISTER)
    return ["check", str(folder / "r.avg"), "--write-baseline", str(folder / "baseline.json")], "baseline.json"


def import_output(folder):
    (folder / "table.csv").write_text(TABLE)
    return ["import", str(folder / "table.csv"), "-o", str(folder / "out.avg"), "--force"], "out.avg"


def fmt_in_place(folder):
    (folder / "r.avg").write_text(UNFORMATTED)
    return ["fmt", str(folder / "r.avg")], "r.avg"


def fix_in_place(folder):
    (folder / "r.avg").write_text(REGISTER)
    return ["check", str(folder / "r.avg"), "--select", "AVG202", "--fix"], "r.avg"


NEW_FILES = [check_output, write_baseline, import_output]
REWRITES = [fmt_in_place, fix_in_place]


@pytest.mark.parametrize("command", NEW_FILES)
def test_a_new_file_gets_what_the_umask_gives(tmp_path, umask, command):
    args, written = command(tmp_path)
    run(*args)
    assert mode_of(tmp_path / written) == 0o666 & ~umask


@pytest.mark.parametrize("command", NEW_FILES + REWRITES)
def test_an_existing_file_keeps_its_mode_whatever_the_umask(tmp_path, umask, command):
    args, written = command(tmp_path)
    target = tmp_path / written
    if not target.exists():
        target.write_text("old\n")
    target.chmod(0o664 if umask == 0o077 else 0o600)  # a mode the umask would not give
    before = target.read_bytes()
    run(*args)
    assert target.read_bytes() != before
    assert mode_of(target) == (0o664 if umask == 0o077 else 0o600)


def test_the_cache_is_0600_whatever_the_umask(tmp_path, monkeypatch, umask):
    monkeypatch.setenv("AVGLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AVGLINT_NO_CACHE", raising=False)
    assert cache.store("probe", "k", {"a": 1})
    assert mode_of(tmp_path / "probe-k.pickle") == 0o600
    (tmp_path / "probe-k.pickle").chmod(0o644)
    assert cache.store("probe", "k", {"a": 2})  # written again: 0600 again, not the 0644 it found
    assert mode_of(tmp_path / "probe-k.pickle") == 0o600
    assert cache.load("probe", "k", dict) == {"a": 2}


@pytest.mark.parametrize("fails", ["fsync", "replace", "chmod"])
@pytest.mark.parametrize("command", NEW_FILES + REWRITES)
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, command, fails):
    args, written = command(tmp_path)
    target = tmp_path / written
    if not target.exists():
        target.write_text("old\n")
    before, files = target.read_bytes(), listing(tmp_path)

    def failing(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, fails, failing)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, (result.output, result.exception)
    assert target.read_bytes() == before
    assert listing(tmp_path) == files


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "r.avg"

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write(target, b"new\n")
    assert listing(tmp_path) == []


def test_a_failed_cache_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    monkeypatch.setenv("AVGLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AVGLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(atomic.os, "replace", lambda *args: (_ for _ in ()).throw(OSError(28, "full")))
    assert cache.store("probe", "k", {"a": 1}) is False
    assert listing(tmp_path) == []


def test_a_symbolic_link_stays_a_link_to_the_new_contents(tmp_path):
    (tmp_path / "real.avg").write_text(UNFORMATTED)
    (tmp_path / "link.avg").symlink_to("real.avg")
    assert run("fmt", str(tmp_path / "link.avg")).exit_code == 0
    assert (tmp_path / "link.avg").is_symlink()
    assert (tmp_path / "real.avg").read_text().startswith('verwerking "X" {')


def test_a_file_changed_since_it_was_read_is_refused(tmp_path):
    target = tmp_path / "r.avg"
    target.write_bytes(b"someone else's\n")
    with pytest.raises(atomic.ChangedOnDisk):
        atomic.write(target, b"new\n", expected=b"what was read\n")
    assert target.read_bytes() == b"someone else's\n"
    target.unlink()
    with pytest.raises(atomic.ChangedOnDisk):  # removed meanwhile: not brought back
        atomic.write(target, b"new\n", expected=b"what was read\n")
    assert listing(tmp_path) == []


def test_no_other_module_writes_files_itself():
    """One writer: the rest of avglint opens no file for writing and renames none."""
    import re
    from pathlib import Path

    package = Path(atomic.__file__).parent
    writing = re.compile(r"""open\([^)]*["'][wax]b?["']|\.write_(text|bytes)\(|os\.replace\(|mkstemp\(""")
    offenders = [f"{path.relative_to(package)}:{number}"
                 for path in sorted(package.rglob("*.py")) if path.name != "atomic.py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if writing.search(line)]
    assert offenders == []
