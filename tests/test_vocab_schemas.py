"""The JSON Schemas of the vocabulary files (rules/vocab/schemas/) and the errors they give, with file and line."""

from __future__ import annotations

import copy
import datetime
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from avglint._yaml import load_yaml
from avglint.vocab import VocabularyError, loading, schema
from avglint.vocab.errors import Source
from avglint.vocab.validate import _validate_file

VOCAB = resources.files("avglint.rules") / "vocab"
NAMES = sorted(p.name[: -len(".yaml")] for p in VOCAB.iterdir() if p.name.endswith(".yaml"))


def shipped(name: str) -> dict:
    return copy.deepcopy(loading._shipped()[name])


def check_text(name: str, text: str, path: Path) -> dict:
    data = load_yaml(text)
    return _validate_file(name, data, Source(data, str(path), text))


def broken(name: str, data: dict, tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / f"{name}.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")
    return path, text


def line_with(text: str, needle: str) -> int:
    (line,) = [n for n, written in enumerate(text.splitlines(), 1) if needle in written]
    return line


def entry_sections(data: dict) -> list[str]:
    return [section for section, value in data.items() if isinstance(value, list) and value and isinstance(value[0], dict)]


def first_entries(data: dict) -> tuple[str, list]:
    """The first section that is a list of entries."""
    section = entry_sections(data)[0]
    return section, data[section]


WITH_ENTRIES = [n for n in NAMES if entry_sections(loading._shipped()[n])]


def error_of(name: str, text: str, path: Path) -> str:
    with pytest.raises(VocabularyError) as caught:
        check_text(name, text, path)
    return str(caught.value)


def test_every_file_has_a_schema_and_every_schema_a_file():
    schemas = {n[: -len(".schema.json")] for n in schema.schema_texts()}
    assert schemas == {*NAMES, "common"}


@pytest.mark.parametrize("name", NAMES)
def test_every_shipped_file_validates(name):
    text = (VOCAB / f"{name}.yaml").read_text(encoding="utf-8")
    if name == "transfers":  # a date written as a string is read as a date too
        text = text.replace("gecontroleerd_op: 2026-11-23", "gecontroleerd_op: '2026-11-23'", 1)
    dates = []

    def collect(node):
        if isinstance(node, dict):
            dates.extend(v for k, v in node.items() if k in schema._date_keys())
        for value in node.values() if isinstance(node, dict) else node if isinstance(node, list) else ():
            collect(value)

    collect(check_text(name, text, Path(f"{name}.yaml")))
    assert all(value is None or type(value) is datetime.date for value in dates)


@pytest.mark.parametrize("name", WITH_ENTRIES)
def test_an_unknown_key_is_named_at_its_line(name, tmp_path):
    data = shipped(name)
    section, entries = first_entries(data)
    entries[0]["zz_unknown_key"] = "x"
    path, text = broken(name, data, tmp_path)
    message = error_of(name, text, path)
    assert message.startswith(f"{path}:{line_with(text, 'zz_unknown_key:')}: {section}[0]")
    assert "unknown key 'zz_unknown_key'" in message


@pytest.mark.parametrize("name", WITH_ENTRIES)
def test_a_wrong_type_is_named_at_its_line(name, tmp_path):
    data = shipped(name)
    section, entries = first_entries(data)
    key = next(iter(entries[0]))  # id (or the first key of an entry without one)
    entries[0][key] = True
    path, text = broken(name, data, tmp_path)
    message = error_of(name, text, path)
    assert re.fullmatch(rf"{re.escape(str(path))}:{line_with(text, f'- {key}: true')}: {section}\[0\]( \(True\))?\.{key}: "
                        r"expected a string( or a whole number)?, got true", message)


@pytest.mark.parametrize("name", WITH_ENTRIES)
def test_a_wrong_section_type_is_named_at_its_line(name, tmp_path):
    data = shipped(name)
    section, _ = first_entries(data)
    data[section] = "zz_wrong_type"
    path, text = broken(name, data, tmp_path)
    assert error_of(name, text, path) == (f"{path}:{line_with(text, 'zz_wrong_type')}: {section}: "
                                          f"expected a list, got a string 'zz_wrong_type'")


@pytest.mark.parametrize("name", WITH_ENTRIES)
def test_a_missing_required_key_is_named_at_the_entry(name, tmp_path):
    data = shipped(name)
    section, entries = first_entries(data)
    key = next(iter(entries[0]))
    del entries[0][key]
    path, text = broken(name, data, tmp_path)
    entry_line = text.splitlines().index(f"{section}:") + 2
    assert error_of(name, text, path).startswith(f"{path}:{entry_line}: {section}[0]")
    assert re.search(rf"missing {key}\b.*\(required\)", error_of(name, text, path))


def pattern_sections(data: dict) -> list[str]:
    """Sections whose entries' patterns a term list reads."""
    return [spec["section"] for spec in (data.get("termsets") or {}).values()
            if "section" in spec and spec.get("terms", "terms") == "terms"]


@pytest.mark.parametrize("name", [n for n in NAMES if pattern_sections(loading._shipped()[n])])
def test_a_bad_regular_expression_is_named_at_its_line(name, tmp_path):
    data = shipped(name)
    section = pattern_sections(data)[0]
    data[section][0].setdefault("patterns", []).append("zz(unclosed")
    path, text = broken(name, data, tmp_path)
    message = error_of(name, text, path)
    assert message.startswith(f"{path}:{line_with(text, 'zz(unclosed')}: {section}[0]")
    assert "invalid regular expression 'zz(unclosed'" in message


@pytest.mark.parametrize("name", [n for n in NAMES if pattern_sections(loading._shipped()[n])])
def test_a_bad_term_is_named_at_its_line(name, tmp_path):
    data = shipped(name)
    section = pattern_sections(data)[0]
    data[section][0].setdefault("terms", []).append("zz*bad")
    path, text = broken(name, data, tmp_path)
    message = error_of(name, text, path)
    assert message.startswith(f"{path}:{line_with(text, 'zz*bad')}: {section}[0]")
    assert message.endswith("'*' may only start or end a term: 'zz*bad'")


@pytest.mark.parametrize("change, message", [
    (lambda d: d["meta"].update(gecontroleerd_op="2026-02-30"), "meta.gecontroleerd_op: expected an ISO date"),
    (lambda d: d["ap_list"][1].update(nummer=1), r"ap_list\[1\] \(\w+\)\.nummer: duplicate nummer 1"),
    (lambda d: d["ap_list"].append(dict(d["ap_list"][0], nummer=99)),
     r"ap_list\[17\] \(\w+\)\.id: duplicate id"),
    (lambda d: d["termsets"]["dpia_ap_list"].update(section="ap_lijst"),
     "termsets.dpia_ap_list.section: 'ap_lijst' is not a list of entries in dpia; did you mean 'ap_list'?"),
    (lambda d: d["termsets"]["adm"].update(section="meta"), "termsets.adm.section: 'meta' is not a list of entries"),
    (lambda d: d["termsets"].update(DPIA=d["termsets"]["adm"]), "termsets.DPIA: 'DPIA' is not a valid name"),
    (lambda d: d["ap_list"][0].update(nummer=0), r"ap_list\[0\] \(\w+\)\.nummer: expected a number at least 1"),
])
def test_other_schema_errors(change, message, tmp_path):
    data = shipped("dpia")
    change(data)
    path, text = broken("dpia", data, tmp_path)
    assert re.search(rf"^{re.escape(str(path))}:\d+: {message}", error_of("dpia", text, path))


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(zz_unknown_key=["x"]), r"zz_unknown_key: unknown section 'zz_unknown_key' \(known: meta, paragraph_words, .*\)"),
    (lambda d: d.pop("sentence_words"), r"missing sentence_words \(required\)"),
    (lambda d: d["paragraph_words"].append(True), r"paragraph_words\[12\]: expected a string, got true"),
    (lambda d: d["sentence_words"].clear(), r"sentence_words: expected at least 1 item, got 0"),
    (lambda d: d["ordinals"].update(eerste="een"), "ordinals.eerste: expected a whole number, got a string 'een'"),
])
def test_errors_in_a_file_of_words(change, message, tmp_path):
    """citations.yaml has lists of plain words, not entries."""
    data = shipped("citations")
    change(data)
    path, text = broken("citations", data, tmp_path)
    assert re.search(rf"^{re.escape(str(path))}:\d+: {message}$", error_of("citations", text, path))


def test_a_fix_suggestion_needs_its_english_twin(tmp_path):
    """AVG702's fix writes the suggestion in the register's language, so a Dutch one alone is an error."""
    data = shipped("retention")
    period = next(p for p in data["statutory_periods"] if "suggestie" in p)
    del period["suggestie_en"]
    path, text = broken("retention", data, tmp_path)
    assert re.search(rf"^{re.escape(str(path))}:\d+: statutory_periods\[\d+\] \({period['id']}\): "
                     "'suggestie' needs 'suggestie_en' as well$", error_of("retention", text, path))


def test_a_broken_shipped_file_fails_the_build_at_its_line(monkeypatch):
    texts = dict(loading._shipped_texts())
    texts["purposes"] = texts["purposes"].replace("  - id: marketing\n", "  - id: marketing\n    levl: warning\n", 1)
    monkeypatch.setattr(loading, "_shipped_texts", lambda: texts)
    monkeypatch.setattr(loading, "_shipped", lambda: {n: load_yaml(t) for n, t in texts.items()})
    line = texts["purposes"].splitlines().index("    levl: warning") + 1
    with pytest.raises(VocabularyError, match=rf"purposes\.yaml:{line}: vague_purposes\[\d+\] \(marketing\)\.levl: "
                                              r"unknown key 'levl'; did you mean 'level'\?"):
        loading._build(None)


def test_the_cache_key_covers_the_schemas(monkeypatch):
    texts = loading._shipped_texts()
    keys = {loading._content_key(texts)}
    for file_name, text in schema.schema_texts().items():
        edited = {**schema.schema_texts(), file_name: text + " "}
        monkeypatch.setattr(loading, "schema_texts", lambda edited=edited: edited)
        keys.add(loading._content_key(texts))
    assert len(keys) == len(schema.schema_texts()) + 1


def test_a_cache_hit_does_not_import_the_validator(tmp_path):
    probe = "import sys, avglint.vocab as v; v.load(); print('fastjsonschema' in sys.modules)"
    env = {**os.environ, "AVGLINT_CACHE_DIR": str(tmp_path)}
    env.pop("AVGLINT_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
            for _ in range(2)]
    assert [run.stdout.strip() for run in runs] == ["True", "False"]


def test_the_readme_documents_every_schema():
    readme = (VOCAB / "README.md").read_text(encoding="utf-8")
    assert all(f"`schemas/{file_name}`" in readme for file_name in schema.schema_texts())
