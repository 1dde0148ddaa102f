"""Configuration files: discovery, validation with positions, and whole-register reading."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from avglint.cli import cli
from avglint.config import ConfigError, find_config, load_project


def run(args):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_config_is_found_upward_and_read(tmp_path):
    write(tmp_path / ".avglint.yaml", "lang: nl\nfail_on: error\nignore: [AVG011]\nseverity: {AVG006: error}\n")
    (tmp_path / "sub").mkdir()
    found = find_config(str(tmp_path / "sub"))
    assert found == tmp_path / ".avglint.yaml"
    project = load_project(found)
    assert project.config.lang == "nl" and project.config.fail_on == "error"
    assert project.config.ignore == ["AVG011"] and project.config.severity == {"AVG006": "error"}
    assert project.config.root == tmp_path


def test_pyproject_section(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.avglint]\nlang = "nl"\nselect = ["AVG0"]\n')
    project = load_project(find_config(str(tmp_path)))
    assert project.config.lang == "nl" and project.config.select == ["AVG0"]


@pytest.mark.parametrize("text, line, words", [
    ("lang: nl\nselekt: [AVG1]\n", 2, "unknown key 'selekt'; did you mean 'select'?"),
    ("ignore: [AVG999]\n", 1, "unknown rule 'AVG999'"),
    ("lang: fr\n", 1, "'lang' must be 'en' or 'nl'"),
    ("severity:\n  AVG006: fatal\n", 2, "must be 'error', 'warning', 'note' or 'off'"),
    ("select: [AVG1\n", 2, "not valid YAML"),
    ("x: !!python/object/apply:os.system ['echo hacked']\n", 1, "not valid YAML"),
    ("- just\n- a list\n", 1, "must be a mapping"),
    ("rules:\n  AVG003: {colour: blue}\n", 1, "unknown key 'rules'"),  # no rule has options
])
def test_bad_configuration_names_file_line_and_fix(tmp_path, text, line, words):
    path = write(tmp_path / ".avglint.yaml", text)
    with pytest.raises(ConfigError) as caught:
        load_project(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert words in str(caught.value)


def test_bad_configuration_exits_2_with_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".avglint.yaml", "selekt: [AVG1]\n")
    write(tmp_path / "r.avg", 'verwerking "X" {\n}\n')
    result = run(["check"])
    assert result.exit_code == 2
    assert result.output.startswith("avglint: configuration error: ") and "Traceback" not in result.output
    assert run(["check", "--no-config", "--select", "AVG0"]).exit_code == 0


def test_named_files_are_checked_against_the_whole_register(tmp_path, monkeypatch):
    """As pre-commit does: only some files are named; cross-file rules still see all of them."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".avglint.yaml", "select: [AVG0]\ninclude: ['registers/**/*.avg']\n")
    write(tmp_path / "registers" / "hr.avg", 'verwerking "Salaris" {\n  id: 1\n  verwerkers: Loonbureau\n}\n')
    write(tmp_path / "registers" / "it" / "processors.avg", 'verwerker "Loonbureau" {\n  land: Nederland\n}\n')
    write(tmp_path / "registers" / "it" / "ict.avg", 'verwerking "Helpdesk" {\n  id: 1\n}\n')
    result = run(["check", "registers/hr.avg"])
    # no AVG008: the processor is defined in another file; AVG007 is reported in the named file only
    assert result.exit_code == 0, result.output
    result = run(["check", "registers/it/ict.avg"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("registers/it/ict.avg:2:7: error AVG007")
    assert not any(line.startswith("registers/hr.avg") for line in result.output.splitlines())


MARKETING = ('organisatie "Voorbeeld B.V." {\n}\nverwerker "Loonbureau" {\n  land: Nederland\n}\n'
             'verwerking "Nieuwsbrief" {\n  verwerkers: MailChimp Inc\n}\n')


def repository(root, files: dict[str, str]):
    """A git work tree without configuration: the register is the .avg files of one organisation in it."""
    (root / ".git").mkdir(parents=True)
    for name, text in files.items():
        write(root / name, text)


def test_without_configuration_a_named_file_is_checked_with_the_rest_of_its_register(tmp_path, monkeypatch):
    """The pre-commit case: only the changed file is named; its processor is defined in another file."""
    monkeypatch.chdir(tmp_path)
    repository(tmp_path, {"marketing.avg": MARKETING,
                          "verwerkers/mailchimp.avg": 'verwerker "MailChimp Inc" {\n  land: Verenigde Staten\n}\n'})
    result = run(["check", "marketing.avg", "--select", "AVG008"])
    assert result.exit_code == 0, result.output
    assert result.output == "No problems found in 2 files, 1 activity.\n"
    alone = run(["check", "marketing.avg", "--select", "AVG008", "--no-register-context"])
    assert alone.exit_code == 1 and "marketing.avg:7:15: warning AVG008" in alone.output


def test_without_configuration_a_problem_across_files_is_reported_on_the_named_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    repository(tmp_path / "repo", {
        "registers/marketing.avg": MARKETING.replace('verwerker "Loonbureau" {\n  land: Nederland\n}\n', ""),
        "registers/verwerkers.avg": 'verwerker "Mailchimp" {\n  land: Verenigde Staten\n}\n'
                                    'verwerker "Loonbureau" {\n}\n'})
    result = run(["check", "repo/registers/marketing.avg", "--select", "AVG008,AVG114"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "repo/registers/marketing.avg:4:15: warning AVG008 No 'verwerker' block is called 'MailChimp Inc' "
        "(did you mean 'Mailchimp'?).",
        "Found 1 problem (1 warning) in 2 files, 1 activity."]   # AVG114 on Loonbureau: not a file named


def test_a_file_of_the_register_that_cannot_be_read_is_left_out_with_a_warning(tmp_path, monkeypatch):
    """A binary .avg beside the file named is no reason not to check the file named (it is, when named)."""
    monkeypatch.chdir(tmp_path)
    repository(tmp_path, {"marketing.avg": MARKETING})
    (tmp_path / "kapot.avg").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = CliRunner().invoke(cli, ["check", "marketing.avg", "--select", "AVG008"])
    assert result.exit_code == 1 and "marketing.avg:7:15: warning AVG008" in result.stdout
    assert result.stderr == ("avglint: warning: kapot.avg: cannot read (a binary file, not text); "
                             "left out of the register it would belong to\n")
    named = run(["check", "kapot.avg"])
    assert named.exit_code == 2


def test_the_register_is_one_organisation_and_skips_dependencies_and_excluded_files(tmp_path, monkeypatch):
    """Another organisation's processor, a copy under node_modules/ or an excluded file do not count."""
    monkeypatch.chdir(tmp_path)
    processor = 'verwerker "MailChimp Inc" {\n  land: Verenigde Staten\n}\n'
    repository(tmp_path, {
        "marketing.avg": MARKETING,
        "ander/register.avg": 'organisatie "Ander B.V." {\n}\n' + processor,
        "node_modules/pakket/mailchimp.avg": processor,
        "archief/mailchimp.avg": processor})
    result = run(["check", "marketing.avg", "--select", "AVG008"])
    assert result.output == "No problems found in 2 files, 1 activity.\n"   # archief/ belongs to it, for now
    write(tmp_path / ".avglint.yaml", "exclude: ['archief/**']\n")
    result = run(["check", "marketing.avg", "--select", "AVG008"])
    assert result.output.splitlines() == [
        "marketing.avg:7:15: warning AVG008 No 'verwerker' block is called 'MailChimp Inc'; add one (with its "
        "agreement, country and safeguard) or correct the name.", "Found 1 problem (1 warning) in 1 file, 1 activity."]


def test_outside_a_repository_only_the_named_files_are_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "marketing.avg", MARKETING)
    write(tmp_path / "mailchimp.avg", 'verwerker "MailChimp Inc" {\n}\n')
    result = run(["check", "marketing.avg", "--select", "AVG008"])
    assert result.exit_code == 1 and result.output.endswith("in 1 file, 1 activity.\n")


def test_force_exclude_drops_excluded_named_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".avglint.yaml", "select: [AVG0]\nexclude: ['archief/*']\n")
    write(tmp_path / "archief" / "oud.avg", 'verwerkng "X" {\n}\n')
    write(tmp_path / "nieuw.avg", 'verwerking "Y" {\n}\n')
    assert run(["check", "archief/oud.avg"]).exit_code == 1
    assert run(["check", "--force-exclude", "archief/oud.avg", "nieuw.avg"]).exit_code == 0


@pytest.mark.parametrize("relative, pattern, expected", [
    ("registers/hr.avg", "registers/**/*.avg", True),
    ("registers/a/b/hr.avg", "registers/**/*.avg", True),
    ("other/hr.avg", "registers/**/*.avg", False),
    ("deep/x/legacy.avg", "legacy.avg", True),
    ("a/b.avg", "*.avg", True),
    ("a/b.avg", "a/*.avg", True),
    ("a/c/b.avg", "a/*.avg", False),
    # .gitignore semantics: character classes, a directory with everything in it, '**/' as none
    ("src/x.c", "*.[ch]", True),
    ("src/x.h", "*.[ch]", True),
    ("src/x.o", "*.[ch]", False),
    ("docs/a/b.md", "docs/", True),
    ("x/docs/a.md", "docs/", True),
    ("documents/a.md", "docs/", False),
    ("x", "**/x", True),
    ("a/b/x", "**/x", True),
    ("a/b/xy", "**/x", False),
])
def test_globs(relative, pattern, expected):
    from avglint.globs import matches
    assert matches(relative, pattern) is expected


def test_a_negated_glob_takes_back_an_earlier_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".avglint.yaml", "select: [AVG0]\nexclude: ['archief/', '!archief/lopend.avg']\n")
    write(tmp_path / "archief" / "oud.avg", 'verwerkng "X" {\n}\n')
    write(tmp_path / "archief" / "lopend.avg", 'verwerkng "Y" {\n}\n')
    output = run(["check", "--force-exclude", "archief/oud.avg", "archief/lopend.avg"]).output
    assert "archief/lopend.avg:1:1: error AVG003" in output and "archief/oud.avg" not in output


def test_per_file_ignores(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".avglint.yaml", "select: [AVG0]\nper-file-ignores:\n  'legacy/*.avg': [AVG003]\n")
    write(tmp_path / "legacy" / "old.avg", 'verwerkng "X" {\n}\n')
    write(tmp_path / "new.avg", 'verwerkng "Y" {\n}\n')
    result = run(["check"])
    assert "new.avg:1:1: error AVG003" in result.output and "legacy/old.avg" not in result.output


def test_bad_vocabulary_override_is_a_configuration_error(tmp_path):
    path = write(tmp_path / ".avglint.yaml", "lang: nl\nvocabularies:\n  purposes:\n    vague_purposes: 12\n")
    with pytest.raises(ConfigError) as caught:
        load_project(path)
    assert str(caught.value).startswith(f"{path}:2: 'vocabularies': ")
