"""What the README shows a new user is what they get: the Quick start's output, the pre-commit rev."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
OMITTED = "…"   # a line of the README's excerpt that stands for lines left out


def first_block(heading: str) -> str:
    """The first fenced block of the README's section ``heading``."""
    section = README.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```[a-z]*\n(.*?)```", section, flags=re.S).group(1)


def quick_start_check() -> list[str]:
    """The avglint command the Quick start ends with, as arguments after 'avglint'."""
    command = first_block("Quick start").strip().split("&&")[-1]
    program, *arguments = shlex.split(command)
    assert Path(program).name == "avglint", command
    return arguments


def test_what_it_looks_like_is_the_output_of_the_quick_start():
    shown = first_block("What it looks like").splitlines()
    process = subprocess.run([sys.executable, "-m", "avglint", *quick_start_check()], cwd=ROOT,
                             capture_output=True, text=True, encoding="utf-8")
    assert process.returncode == 1, process.stderr
    output = process.stdout.splitlines()
    assert shown[-1] == output[-1]   # the summary, whole
    excerpt = [line for line in shown[:-1] if line != OMITTED]
    assert len(excerpt) >= 3
    positions = [output.index(line) for line in excerpt]   # each shown line is a line of the output ...
    assert positions == sorted(positions)                  # ... in the output's order


def snippet_revision() -> str:
    [rev] = re.findall(r"^\s+rev: (\S+)", first_block("pre-commit"), flags=re.M)
    return rev


def test_the_pre_commit_snippet_pins_a_commit_of_this_repository_with_its_hooks():
    """A full commit id (pre-commit warns about a branch) that this clone has, whose manifest has the
    hooks the snippet names; the snippet itself is run by pre-commit in test_precommit.py."""
    rev = snippet_revision()
    assert re.fullmatch(r"[0-9a-f]{40}", rev), rev
    git = ["git", "-C", str(ROOT)]
    if subprocess.run([*git, "rev-parse", "--is-shallow-repository"], capture_output=True,
                      text=True).stdout.strip() == "true":
        pytest.skip("a shallow clone lacks the history the README's rev names")
    manifest = subprocess.run([*git, "show", f"{rev}:.pre-commit-hooks.yaml"], capture_output=True, text=True)
    assert manifest.returncode == 0, manifest.stderr
    named = re.findall(r"- id: (\S+)", first_block("pre-commit"))
    assert named and all(f"- id: {hook}\n" in manifest.stdout for hook in named)


def test_the_configuration_example_is_a_valid_configuration(tmp_path):
    from avglint.config import load_project

    path = tmp_path / ".avglint.yaml"
    path.write_text(first_block("Configuration"), encoding="utf-8")
    project = load_project(path)
    assert project.config.lang == "nl" and project.publish == ["-beveiliging"]
