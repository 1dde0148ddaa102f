"""The register rules of a large check run in forked workers (``lint(jobs=N)``, ``avglint check --jobs``):
the findings and every output are those of a check in one process, a rule that raises is reported as
it is there, a worker that dies leaves its share to the parent, and progress is still reported."""

from __future__ import annotations

import io
import os
import time
from collections import Counter
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from test_generated import generate

from avglint import parallel
from avglint.cli import check, cli
from avglint.engine import LARGE, Config, RuleCrash, lint
from avglint.findings import Edit, Fix, Message, Related
from avglint.formats import Options, writer
from avglint.registry import Rule, report

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")

PARENT = os.getpid()


def _files(activities: int = 300, files: int = 3, seed: int = 11):
    return [(name, text.encode("utf-8"))
            for name, text in generate.generate(activities, files=files, seed=seed, defects=0.3)]


def _outputs(result) -> str:
    out = io.StringIO()
    for output_format in ("json", "sarif", "text"):
        for lang in ("en", "nl"):
            writer(output_format)(result, out, Options(lang=lang))
    return out.getvalue()


def _test_rule(number: int, in_worker=None, log=None, wait: bool = False) -> Rule:
    """A rule of its own family reporting each activity (with a fix and a related place); in a worker it
    first writes its process id to ``log`` and does ``in_worker()``, when given. ``wait``: in the parent it
    first waits until a worker has written to ``log`` (processes take the families as they are free: so a
    worker takes a test rule's while the parent is in this one)."""
    waited = []

    def check(activity, ctx):
        if os.getpid() != PARENT:
            if log is not None:
                with open(log, "a") as written:
                    written.write(f"{os.getpid()}\n")
            if in_worker is not None:
                in_worker()
        elif wait and not waited:
            waited.append(_wait_for(log))
        name = activity.name_span
        yield report(name, en="Test.", nl="Test.", fix=Fix(Message("Fix.", "Fix."), (Edit(name, "X"),), True),
                     related=[Related(activity.head_span, Message("Here.", "Hier."))], field="naam")

    return Rule(id=f"TST00{number}", slug=f"test-{number}", severity="note", articles=(), fix="yes", scope="activity",
                title=Message("Test.", "Test."), docs=Message("Test.", "Test."), check=check, family=f"test{number}")


def _wait_for(log, seconds: float = 30) -> bool:
    """Whether a process has written to ``log`` within ``seconds``."""
    end = time.monotonic() + seconds
    while not os.path.exists(log) and time.monotonic() < end:
        time.sleep(0.01)
    return os.path.exists(log)


def _config(*rules: Rule) -> Config:
    return Config(select=["AVG", *(declared.id for declared in rules)], custom_rules=list(rules))


@pytest.mark.parametrize("jobs", [2, 3])
def test_findings_and_outputs_are_those_of_one_process(jobs):
    files = _files()
    alone, shared = lint(files, Config()), lint(files, Config(), jobs=jobs, jobs_from=0)
    assert shared.findings and _outputs(shared) == _outputs(alone)


def test_findings_refer_to_the_parents_model_not_to_copies(tmp_path):
    log = tmp_path / "pids"
    rules = (_test_rule(1, log=log, wait=True), _test_rule(2, log=log, wait=True))
    result = lint(_files(), _config(*rules), jobs=2, jobs_from=0)
    assert {int(pid) for pid in log.read_text().split()} - {PARENT}  # one of them ran in a worker
    activities = {id(activity) for register in result.registers for activity in register.activities}
    sources = {id(source) for source in result.sources}
    tested = [finding for finding in result.findings if finding.rule.startswith("TST")]
    assert len(tested) == 2 * result.activity_count
    for finding in tested:
        assert id(finding.activity) in activities
        assert {id(finding.span.source), id(finding.fix.edits[0].span.source), id(finding.related[0].span.source)} \
            <= sources


def test_the_model_names_each_object_by_its_place():
    from avglint.model import Block, Field, Item

    result = lint(_files(), Config())
    model = parallel._Model(result.registers)
    objects = [*result.registers, *(source for register in result.registers for source in register.sources)]
    for register in result.registers:
        for block in (block for top in register.blocks for block in top.walk()):
            objects.append(block)
            for field in (field for group in parallel._fields(block) for field in group):
                objects += [field, *field.items]
    assert {type(thing) for thing in objects} >= {Field, Item} and any(isinstance(thing, Block) and thing.parent
                                                                      for thing in objects)
    for thing in objects:
        key = model.key(thing)
        assert key is not None and model.get(key) is thing, thing
    field = next(thing for thing in objects if isinstance(thing, Field) and thing.items)
    made_since = [Item(field.items[0].value, 0, 1, False, field), Field(field.written, (), 0, 1), "text", 3]
    assert [model.key(thing) for thing in made_since] == [None] * len(made_since)


def test_a_small_register_stays_in_one_process(tmp_path):
    log = tmp_path / "pids"
    lint(_files(), _config(_test_rule(1, log=log), _test_rule(2, log=log)), jobs=2)  # below LARGE
    assert not log.exists()


@pytest.mark.parametrize("order", [(1, 2), (2, 1)])
def test_a_rule_that_raises_is_reported_as_in_one_process_the_first_in_rule_order(order):
    def fail():
        raise ValueError("broken")

    rules = [_test_rule(number) for number in order]
    for declared in rules:
        object.__setattr__(declared, "check", lambda activity, ctx: fail())
    config = _config(*rules)
    with pytest.raises(RuleCrash) as alone:
        lint(_files(), config)
    with pytest.raises(RuleCrash) as shared:
        lint(_files(), config, jobs=2, jobs_from=0)
    assert str(shared.value) == str(alone.value) == f"rule TST00{order[0]} (test-{order[0]}) failed: ValueError: broken"


@pytest.mark.parametrize("in_worker", [lambda: os._exit(9), lambda: os.kill(os.getpid(), 9), lambda: 1 / 0],
                         ids=["exits", "killed", "raises"])
def test_what_a_worker_did_not_finish_the_parent_runs(tmp_path, in_worker):
    log = tmp_path / "pids"
    rules = [[_test_rule(number, in_worker, log, wait) for number in (1, 2)] for wait in (False, True)]
    files = _files()
    alone = lint(files, _config(*rules[0]))
    shared = lint(files, _config(*rules[1]), jobs=2, jobs_from=0)
    assert log.exists() and _outputs(shared) == _outputs(alone)


def test_progress_is_reported_by_the_parent_up_to_every_rule():
    calls = []
    result = lint(_files(), Config(), jobs=2, jobs_from=0, progress=lambda *call: calls.append(call))
    rules = [call for call in calls if call[0] == "rules"]
    counts = [done for _, done, _ in rules]
    assert all(total == len(result.rules) for _, _, total in rules)
    assert counts == sorted(counts) and counts[-1] == len(result.rules) and len(counts) < len(result.rules)


def test_the_parent_reads_where_the_files_lines_start_while_the_workers_end(monkeypatch):
    """Every format gives each finding's line: the parent reads the line starts once its own rules are done."""
    asked = []
    original = parallel.run

    def run(*args, meanwhile=None, **options):
        def reading():
            asked.append(os.getpid())
            return meanwhile()
        return original(*args, meanwhile=reading, **options)

    monkeypatch.setattr(parallel, "run", run)
    result = lint(_files(), Config(), jobs=2, jobs_from=0)
    assert asked == [os.getpid()]
    assert all(source._line_starts is not None for source in result.registers[0].sources)


def test_units_are_families_heaviest_first():
    rules = [declared for declared in Config().enabled_rules() if declared.scope in ("register", "activity", "processor")]
    units = parallel._units(rules)
    assert sorted(declared.id for unit in units for declared in unit) == sorted(declared.id for declared in rules)
    families = [{declared.family for declared in unit} for unit in units]
    assert all(len(family) == 1 for family in families) and len(families) == len(set.union(*families))
    costs = [parallel.COST[family.pop()] for family in families]
    assert costs == sorted(costs, reverse=True)
    assert len(parallel._units(rules[:1])) == 1


def test_a_busy_worker_leaves_the_other_units_to_the_parent(tmp_path):
    log = tmp_path / "ran"
    rules = [SimpleNamespace(id=f"R{number}", family=f"family{number}") for number in range(6)]

    def run_rule(declared):
        with open(log, "a") as written:
            written.write(f"{os.getpid()} {declared.id}\n")
        if os.getpid() != PARENT:
            time.sleep(2)  # a worker busy with its first unit (the parent, free, takes the rest at once)
        return []

    ran = parallel.run(rules, run_rule, [], jobs=2)
    assert sorted(ran) == [declared.id for declared in rules]
    taken = Counter(line.split()[0] for line in log.read_text().splitlines())
    assert taken[str(PARENT)] >= 4  # in shares fixed beforehand it would have run three


def test_the_command_line_runs_a_large_register_in_workers_with_the_same_report(tmp_path):
    for name, text in generate.generate(LARGE, files=2, seed=5, defects=0.2):
        (tmp_path / name).write_text(text, encoding="utf-8")
    runs = {jobs: CliRunner().invoke(cli, ["check", str(tmp_path), "--format", "sarif", *(("--jobs", jobs) if jobs else ())])
            for jobs in ("1", "2", "auto", None)}
    assert runs["1"].exit_code == 1 and runs["1"].output.count('"ruleId"') > 100
    assert runs["2"].output == runs["auto"].output == runs[None].output == runs["1"].output


def test_auto_is_the_default_and_uses_the_cpus_this_process_may_use_up_to_a_bound(monkeypatch):
    from avglint import cli as command_line

    assert next(p for p in check.params if p.name == "jobs").default == "auto"
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert command_line._jobs("auto") == command_line.AUTO_JOBS == 4
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert command_line._jobs("auto") == 1 and command_line._jobs("3") == 3


@pytest.mark.parametrize("jobs", ["0", "-2", "many"])
def test_jobs_is_a_number_of_processes_or_auto(jobs):
    result = CliRunner().invoke(cli, ["check", "--jobs", jobs, "nothing.avg"])
    assert result.exit_code == 2 and "--jobs" in result.output


def test_the_keys_read_ahead_while_parsing_are_those_the_rules_would_read(monkeypatch):
    from avglint.vocab import prefilter

    taken = []
    take = parallel.ReadAhead.take

    def checked_take(self):
        count = take(self)  # never told to stop (``tell`` does nothing): it reads every value before it answers
        os.close(self.stop)
        self.stop = None
        taken.append(count)
        read = prefilter.text_keys.__wrapped__  # the reading itself, not what it remembers
        assert all(mask == read(text) for text, mask in prefilter.TEXT_MASKS.items())
        return count

    monkeypatch.setattr(parallel.ReadAhead, "take", checked_take)
    monkeypatch.setattr(parallel.ReadAhead, "tell", lambda self: None)
    files = _files()
    alone, shared = lint(files, Config()), lint(files, Config(), jobs=2, jobs_from=0)
    assert taken and taken[0] > 1000 and _outputs(shared) == _outputs(alone)


def test_the_reader_ahead_is_told_to_stop_while_the_last_of_the_registers_is_parsed(monkeypatch):
    """So that it sends what it read while the parser reads the rest; ``take`` then only takes it."""
    events = []
    tell, take = parallel.ReadAhead.tell, parallel.ReadAhead.take
    monkeypatch.setattr(parallel.ReadAhead, "tell",
                        lambda self: events.append("tell" if self.stop is not None else "told") or tell(self))
    monkeypatch.setattr(parallel.ReadAhead, "take", lambda self: events.append("take") or take(self))
    files = _files()
    assert _outputs(lint(files, Config(), jobs=2, jobs_from=0)) == _outputs(lint(files, Config()))
    assert events[:3] == ["tell", "take", "told"]


def test_a_reader_ahead_is_started_for_files_with_so_many_block_heads_between_them():
    from avglint.engine import _holds_braces
    from avglint.source import SourceFile

    files = [SourceFile("a.avg", 'verwerking "A" {\n}\n' * 3), SourceFile("b.avg", "groep {\n}\n")]
    assert _holds_braces(files, 4) and not _holds_braces(files, 5)
    assert _holds_braces([], 0) and not _holds_braces([], 1)


def test_a_childs_answer_of_megabytes_is_taken_whole_and_one_that_dies_gives_none():
    big = os.urandom(3 << 20)

    def answers(write: int) -> None:
        parallel._send(write, big)
        os._exit(0)

    assert parallel._Child(answers).answer() == big
    assert parallel._Child(lambda write: parallel._send(write, big) or os._exit(5)).answer() is None
    assert parallel._Child(lambda write: os.kill(os.getpid(), 9)).answer() is None


@pytest.mark.parametrize("reader", [lambda *ends: os._exit(3), lambda *ends: os.kill(os.getpid(), 9),
                                    lambda *ends: 1 / 0], ids=["exits", "killed", "raises"])
def test_a_read_ahead_that_dies_changes_nothing(monkeypatch, reader):
    monkeypatch.setattr(parallel, "_read_ahead", reader)
    taken = []
    take = parallel.ReadAhead.take
    monkeypatch.setattr(parallel.ReadAhead, "take", lambda self: taken.append(take(self)) or taken[-1])
    files = _files()
    assert _outputs(lint(files, Config(), jobs=2, jobs_from=0)) == _outputs(lint(files, Config()))
    assert taken == [0]


def test_keys_read_with_other_lists_are_not_taken():
    from avglint.readings import TEXT_LIMIT
    from avglint.vocab import load, prefilter

    load(None)
    prefilter.TEXT_MASKS.clear()  # a reading's table: what another test read is read again when asked
    read = prefilter.read_keys(["naam", "e-mailadres", "x" * (TEXT_LIMIT + 1)])
    masks = dict(zip(read.texts, (read.masks[n] for n in read.which)))
    prefilter.TEXT_MASKS.clear()
    assert prefilter.adopt(read) == 2 and sorted(masks) == ["e-mailadres", "naam"]
    assert {text: prefilter.TEXT_MASKS[text] for text in masks} == masks
    other = read._replace(lists=read.lists[:-1], texts=["naam"], masks=[0], which=read.which[:1])
    assert prefilter.adopt(other) == 0 and prefilter.TEXT_MASKS["naam"] == masks["naam"]


def test_the_read_ahead_stops_when_told_and_gives_what_it_read():
    from avglint.parser import likely_values

    texts = [text for _, text in generate.generate(3000, files=1, seed=3, defects=0.0)] * 4
    reader = parallel.ReadAhead(texts)
    taken = reader.take()  # at once: it has read a piece or two
    assert 0 <= taken < len(set(likely_values(texts[0])))
