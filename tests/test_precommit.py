"""The pre-commit hooks, run by pre-commit itself on repositories with a register: the README's
configuration with this clone at its HEAD commit, and try-repo with the working tree as it is."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_manifest_is_valid(pre_commit):
    result = pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_try_repo_runs_the_working_tree_and_fails_on_a_finding(tmp_path, pre_commit):
    bad = pre_commit.repository(tmp_path / "bad", {
        ".avglint.yaml": "select: [AVG0, AVG2]\n",
        "registers/r.avg": 'verwerking "Testen" {\n  grondslag: Gerechtigd belang\n}\n',
    })
    result = pre_commit("try-repo", str(ROOT), "avglint", "--all-files", cwd=bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "registers/r.avg:2:14: warning AVG202" in result.stdout


def test_the_model_register_passes(tmp_path, pre_commit):
    good = pre_commit.repository(tmp_path / "good", {
        ".pre-commit-config.yaml": pre_commit.config("avglint"),
        "register.avg": (ROOT / "examples" / "model-register.avg").read_text(encoding="utf-8"),
    })
    result = pre_commit("run", "--all-files", cwd=good)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def readme_snippet(repo: str, rev: str) -> str:
    """The README's .pre-commit-config.yaml, with only the repository and the rev replaced."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1]
    snippet = re.search(r"```yaml\n(.*?)```", section, flags=re.S).group(1)
    snippet, repos = re.subn(r"(?m)^(\s+- repo: )\S+$", lambda m: m.group(1) + repo, snippet)
    snippet, revs = re.subn(r"(?m)^(\s+rev: )\S+", lambda m: m.group(1) + rev, snippet)
    assert repos == revs == 1, snippet
    return snippet


def test_the_readme_snippet_checks_a_split_register_without_configuration(tmp_path, pre_commit):
    """pre-commit run, configured as the README says (this clone at its HEAD commit as the repository),
    on the model register with one processor moved to a file of its own, without .avglint.yaml,
    passing only the changed file."""
    model = (ROOT / "examples" / "model-register.avg").read_text(encoding="utf-8")
    processor = re.search(r'(?ms)^verwerker "MailStroom Inc\." \{\n.*?^\}\n', model).group(0)
    repo = pre_commit.repository(tmp_path / "split", {
        ".pre-commit-config.yaml": readme_snippet(str(ROOT), pre_commit.head()),
        "register.avg": model.replace(processor, ""),
        "verwerkers/mailstroom.avg": processor,
    })
    result = pre_commit("run", "--files", "register.avg", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr   # the processor is in the other file
    assert "Passed" in result.stdout
    (repo / "verwerkers" / "mailstroom.avg").write_text(processor.replace("MailStroom Inc.", "Mailstroom"),
                                                        encoding="utf-8")
    result = pre_commit("run", "--files", "register.avg", cwd=repo)
    assert result.returncode == 1, result.stdout + result.stderr
    line = model.split("\n").index("            verwerkers: MailStroom Inc.") + 1
    assert f"register.avg:{line}:25: warning AVG008 No 'verwerker' block is called 'MailStroom Inc.'" in result.stdout
    assert "verwerkers/mailstroom.avg:" not in result.stdout   # reported on the file passed only
