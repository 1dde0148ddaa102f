"""The cache between runs (avglint/cache.py) and the vocabularies read from it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from avglint import cache, vocab
from avglint.engine import Config, lint
from avglint.vocab import loading

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.avg")) + sorted((ROOT / "examples").rglob("*.md"))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("AVGLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("AVGLINT_NO_CACHE", raising=False)
    return folder


def _fresh_default() -> vocab.Vocabularies:
    """What load() gives in a new process: built, or read from the cache."""
    return loading._default.__wrapped__()


def _findings(vocabularies: vocab.Vocabularies, monkeypatch) -> list[tuple]:
    monkeypatch.setattr(loading, "_default", lambda: vocabularies)
    result = lint([(str(path), path.read_bytes()) for path in EXAMPLES], Config())
    return [(f.rule, f.span.path, f.span.start, f.span.end, f.message.en, f.message.nl) for f in result.findings]


def test_vocabularies_are_stored_then_read_back_with_the_same_findings(cache_dir, monkeypatch):
    built = _fresh_default()
    stored = list(cache_dir.glob("vocabularies-*.pickle"))
    assert len(stored) == 1
    if hasattr(os, "getuid"):
        assert stored[0].stat().st_mode & 0o777 == 0o600
    read = _fresh_default()
    assert read is not built
    assert read.termset_names() == built.termset_names()
    assert _findings(read, monkeypatch) == _findings(built, monkeypatch) != []


def test_patterns_read_back_are_the_compiled_patterns(cache_dir):
    built = _fresh_default()
    read = _fresh_default()
    texts = ["Gerechtigd belang", "gezondheidsgegevens van werknemers", "camerabeelden 4 weken",
             "art. 6 lid 1 sub f AVG", "Facebook-pixel, Google Analytics", "geen BSN", "burger-servicenummer"]
    for name in built.termset_names():
        a, b = built.terms(name), read.terms(name)
        assert b._stored is not None  # a list read back is read whole only when it is first scanned
        for text in texts:
            assert [(m.start, m.end, m.term) for m in b.find(text)] == [(m.start, m.end, m.term) for m in a.find(text)]
            # past the prefilter, which may have answered the find above without the expression
            assert [(m.start, m.end, m.term) for m in b._scan(text, 0, False, False)] == \
                [(m.start, m.end, m.term) for m in a._scan(text, 0, False, False)]
        assert b._stored is None
        if a._re is None:
            assert b._re is None
            continue
        assert type(b._re) is re.Pattern
        assert (b._re.pattern, b._re.flags, b._re.groups) == (a._re.pattern, a._re.flags, a._re.groups)


def test_parser_tables_are_stored_then_read_back_with_the_same_model(cache_dir, monkeypatch):
    import lark

    from avglint import parser
    from avglint.source import decode

    build = parser._parser.__wrapped__  # as a new process does

    def blocks(fast: bool) -> list[tuple]:
        built = build(fast)
        if built is None:  # lark-cython is not installed
            return []
        monkeypatch.setattr(parser, "_parser", lambda wanted: built if wanted == fast else None)
        return [(b.kind, b.name, b.start, [(key, f.start, [i.value for i in f.items]) for key, f in b.fields.items()])
                for path in EXAMPLES if path.suffix == ".avg"
                for b in parser.parse(*decode(str(path), path.read_bytes())).blocks]

    built = [blocks(False), blocks(True)]
    assert len(list(cache_dir.glob("parser-*.pickle"))) == 1  # the same tables with or without lark-cython
    monkeypatch.undo()
    monkeypatch.setenv("AVGLINT_CACHE_DIR", str(cache_dir))
    monkeypatch.setattr(lark.Lark, "__init__", lambda *args, **kwargs: pytest.fail("the tables were built again"))
    assert [blocks(False), blocks(True)] == built != [[], []]


def test_a_damaged_cache_file_is_rebuilt(cache_dir):
    _fresh_default()
    (stored,) = cache_dir.glob("vocabularies-*.pickle")
    stored.write_bytes(stored.read_bytes()[:1000])
    assert _fresh_default().terms("special_categories").find("gezondheidsgegevens")
    assert stored.stat().st_size > 1000  # written again


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_file_others_may_write_is_not_read(cache_dir):
    cache.store("probe", "k", {"a": 1})
    path = cache_dir / "probe-k.pickle"
    assert cache.load("probe", "k", dict) == {"a": 1}
    path.chmod(0o666)
    assert cache.load("probe", "k", dict) is None


def test_wrong_type_and_missing_files_read_as_nothing(cache_dir):
    cache.store("probe", "k", [1, 2])
    assert cache.load("probe", "k", dict) is None
    assert cache.load("probe", "other", list) is None


def test_the_newest_files_are_kept_older_ones_removed(cache_dir):
    for n in range(6):
        cache.store("probe", f"k{n}", n)
        os.utime(cache_dir / f"probe-k{n}.pickle", (1_000_000 + n, 1_000_000 + n))
    cache.store("probe", "k6", 6)  # installations side by side (another Python) keep theirs
    assert sorted(p.name for p in cache_dir.iterdir()) == [f"probe-k{n}.pickle" for n in (3, 4, 5, 6)]
    assert cache.load("probe", "k3", int) == 3


def test_no_cache_when_turned_off(cache_dir, monkeypatch):
    monkeypatch.setenv("AVGLINT_NO_CACHE", "1")
    assert cache.directory() is None
    assert cache.store("probe", "k", 1) is False
    _fresh_default()
    assert not cache_dir.exists()


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root may write anywhere")
def test_an_unwritable_cache_directory_costs_only_speed(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("AVGLINT_CACHE_DIR", str(folder / "avglint"))
    assert cache.store("probe", "k", 1) is False
    assert _fresh_default().terms("bsn").find("BSN")


def test_an_unusable_cache_path_costs_only_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("AVGLINT_CACHE_DIR", str(blocker / "avglint"))
    assert cache.store("probe", "k", 1) is False
    assert cache.load("probe", "k", int) is None
    assert _fresh_default().terms("bsn").find("BSN")


def test_key_changes_with_content():
    assert cache.key("a", b"b") == cache.key("a", b"b")
    assert cache.key("a", b"b") != cache.key("a", b"c")
    assert cache.key("ab") != cache.key("a", "b")


def test_the_vocabulary_key_covers_every_module_of_the_package(monkeypatch):
    """Each module of avglint/vocab/ shapes the stored object, so editing any one of them changes the key."""
    texts = loading._shipped_texts()
    modules = sorted(Path(loading.__file__).parent.glob("*.py"))
    real_read_bytes = Path.read_bytes
    keys = {loading._content_key(texts)}
    for module in modules:
        monkeypatch.setattr(Path, "read_bytes",
                            lambda self, edited=module: real_read_bytes(self) + (b"#" if self == edited else b""))
        keys.add(loading._content_key(texts))
    assert len(modules) > 1 and len(keys) == len(modules) + 1


def test_default_directory_follows_the_platform(monkeypatch, tmp_path):
    monkeypatch.delenv("AVGLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("AVGLINT_NO_CACHE", raising=False)
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        assert cache.directory() == tmp_path / "avglint"
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the spec says
        assert cache.directory() == Path.home() / ".cache" / "avglint"
    assert cache.directory() is not None


def test_a_second_process_reads_the_cache(cache_dir):
    probe = ("import avglint.vocab.loading as v, avglint.cache as c; calls = []; real = v._build; "
             "v._build = lambda o: calls.append(1) or real(o); v.load(); print(len(calls))")
    env = {**os.environ, "AVGLINT_CACHE_DIR": str(cache_dir)}
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert (first.stdout.strip(), second.stdout.strip()) == ("1", "0")
