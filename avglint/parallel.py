"""Running the register rules of a large check on more than one core (``avglint check --jobs``).

After parsing, the process forks workers (Linux and other systems with ``os.fork``; elsewhere
the check stays in one process). The rules are split in units of work, the rules of a family
(which share readings) each, heaviest first; the parent and the workers take the next unit
from a pipe as each is free, so that they end at about the same time whatever the rules cost on
this register. The workers write their findings to a file that the parent reads when they end. The
model is never copied: findings refer to the source files, blocks, fields and items they concern by
where these stand in the model (the third item of a field of a block), the same in every process
forked after parsing, and the parent finds its own object there.

What ``run`` returns is what ran to the end, by rule id; the engine runs every other rule
itself, in rule order, and merges in that order, so the findings are those of a check in one
process. A rule that raises is run again by the engine, which reports it as it always does
(``avglint.engine.RuleCrash``, in rule order); when a worker dies (killed, out of memory), the unit it had
taken is run by the engine too. Only the command line forks: never a library caller or
the language server (``lint(jobs=1)`` is the default), and the child never returns into the
caller's code: it ends with ``os._exit``, without exit handlers or a second flush of the
parent's buffers.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import tempfile
from typing import Callable

from .findings import Finding
from .model import Block, Field, Item, Register
from .registry import Rule
from .source import SourceFile

# Milliseconds the register rules of each family take on their own, the texts' keys read ahead: on the
# generator's 10,000-activity register (benchmarks/generate.py --seed 1) and on one of realistic distinctness
# (--distinct 0.67), added. The units are taken heaviest first, so that the last ones, taken as processes become
# free, are the small ones; a family not listed (a plugin's, a configuration's own rules) counts DEFAULT_COST a
# rule.
COST = {"structure": 219, "completeness": 592, "lawful_basis": 271, "legitimate_interest": 321, "consent": 205,
        "special_categories": 680, "transfers": 222, "retention": 653, "dpia": 536, "sources": 269}
DEFAULT_COST = 60

RunRule = Callable[[Rule], "list[Finding]"]


def run(rules: list[Rule], run_rule: RunRule, registers: list[Register], *, jobs: int, vocabularies=None,
        progress: Callable[[int], None] | None = None,
        meanwhile: Callable[[], object] | None = None) -> dict[str, list[Finding]]:
    """The findings of ``rules`` (register rules, ``run_rule(rule)`` on ``registers`` with the configuration's
    ``vocabularies``) that ran to the end, by rule id, in up to ``jobs`` processes (none ran where the
    system cannot fork: empty). ``progress(count)``: called as rules are done, with how many are;
    ``meanwhile()``: work of this process for after the rules, done while the workers end their last units."""
    if jobs < 2 or not hasattr(os, "fork"):
        return {}
    units = _units(rules)
    if len(units) < 2:
        return {}
    try:  # loaded once here, not once in every process; when they cannot be, the engine reports it as it does
        from .vocab import load

        load(vocabularies)
    except Exception:  # noqa: BLE001 - the engine's own loop raises it again, naming the rule
        return {}
    try:
        queue = _queue(len(units))
    except OSError:  # no pipe to be had: the engine runs them all
        return {}
    model = _Model(registers)
    sys.stdout.flush()
    sys.stderr.flush()
    workers: list[_Worker] = []
    ran: dict[str, list[Finding]] = {}
    try:
        for _ in range(min(jobs, len(units)) - 1):
            try:
                workers.append(_Worker(units, queue, run_rule, model))
            except OSError:
                break  # no more processes or pipes: fewer take the units
        for done in _take(units, queue, run_rule):
            ran.update(done)
            if progress:
                progress(len(ran))
        if meanwhile is not None and workers:
            meanwhile()
        for worker in workers:
            ran.update(worker.collect())
            if progress:
                progress(len(ran))
    finally:
        os.close(queue)
        for worker in workers:
            worker.end()
    return ran


def _units(rules: list[Rule]) -> list[list[Rule]]:
    """The rules in units of work: the rules of a family (which share readings) each, heaviest first."""
    families: dict[str, list[Rule]] = {}
    for declared in rules:
        families.setdefault(declared.family, []).append(declared)
    cost = {family: COST.get(family, DEFAULT_COST * len(members)) for family, members in families.items()}
    return [families[family] for family in sorted(families, key=lambda name: -cost[name])]


def _queue(count: int) -> int:
    """A pipe that holds the numbers of ``count`` units, to be read by the processes that take them: its
    reading end (the writing end is closed, so that a process that finds it empty is told so)."""
    read, write = os.pipe()
    try:
        _send(write, b"".join(number.to_bytes(2, "little") for number in range(count)))  # far below a pipe's buffer
    except OSError:
        os.close(read)
        raise
    finally:
        os.close(write)
    return read


def _take(units: list[list[Rule]], queue: int, run_rule: RunRule):
    """Take units from ``queue`` until it is empty, and run them: for each, the findings of its rules by id
    (up to a rule that raises: the engine runs it again in rule order, and the rest; no more are taken)."""
    while True:
        number = os.read(queue, 2)  # two bytes in one read: the pipe's readers never share a unit
        if len(number) < 2:
            return
        done = {}
        for declared in units[int.from_bytes(number, "little")]:
            try:
                done[declared.id] = run_rule(declared)
            except Exception:  # noqa: BLE001 - a rule raised
                yield done
                return
        yield done


class _Model:
    """The model objects of the check, named by where they stand in it: a finding refers to them by that name,
    which is the same in every process forked after they were made (an object made since has none, and is sent
    by value). Naming and finding an object reads only its own place (its field's items, its block's fields, its
    parent's children), not an index of the whole model."""

    def __init__(self, registers: list[Register]):
        self.registers = registers
        self._tops: dict[int, tuple[int, int]] | None = None  # a top-level block's id -> (register, position)

    def key(self, thing: object) -> tuple | None:
        """The name of a model object of the check; None for anything else (sent by value)."""
        named = _NAMED.get(type(thing))  # asked of each object pickled that is not of a built-in type
        if named is None:
            named = _NAMED[type(thing)] = issubclass(type(thing), (Item, Field, Block, Register, SourceFile))
        if not named:
            return None
        if isinstance(thing, Item):
            where = self.key(thing.field) if thing.field is not None else None
            return None if where is None else _place("item", where, (thing.field.items,), thing)
        if isinstance(thing, Field):
            where = self.key(thing.block) if thing.block is not None else None
            return None if where is None else _place("field", where, _fields(thing.block), thing)
        if isinstance(thing, Block):
            if thing.parent is not None:
                where = self.key(thing.parent)
                return None if where is None else _place("block", where, (thing.parent.children,), thing)
            if self._tops is None:
                self._tops = {id(top): (number, position) for number, register in enumerate(self.registers)
                              for position, top in enumerate(register.blocks)}
            found = self._tops.get(id(thing))
            if found is None or self.registers[found[0]].blocks[found[1]] is not thing:
                return None
            return ("top", *found)
        if isinstance(thing, Register):
            return next((("register", number) for number, register in enumerate(self.registers) if register is thing),
                        None)
        if isinstance(thing, SourceFile):
            return next((("source", number, position) for number, register in enumerate(self.registers)
                         for position, source in enumerate(register.sources) if source is thing), None)
        return None

    def get(self, key: tuple) -> object:
        """The object of this process that ``key`` names."""
        kind = key[0]
        if kind == "top":
            return self.registers[key[1]].blocks[key[2]]
        if kind == "register":
            return self.registers[key[1]]
        if kind == "source":
            return self.registers[key[1]].sources[key[2]]
        within = self.get(key[1])
        groups = (within.items,) if kind == "item" else _fields(within) if kind == "field" else (within.children,)
        return groups[key[2]][key[3]]


_NAMED: dict[type, bool] = {}  # whether objects of a type are the model's (``_Model.key``)


def _fields(block: Block) -> tuple:
    return tuple(block.fields.values()), block.unknown, block.duplicates


def _place(kind: str, where: tuple, groups: tuple, thing: object) -> tuple | None:
    """(kind, where, group, position) of ``thing`` among ``groups`` (compared by identity), or None."""
    for group, members in enumerate(groups):
        for position, member in enumerate(members):
            if member is thing:
                return kind, where, group, position
    return None


class _Child:
    """A forked process that does ``work(answer)`` (which never returns: see ``_work``) and writes its answer
    to ``answer``: a file that only the two processes have (through a pipe, its last few megabytes would wait
    for this process to read them)."""

    def __init__(self, work: Callable[[int], None]):
        self.file = tempfile.TemporaryFile()
        try:
            self.pid = os.fork()
        except OSError:
            self.file.close()
            raise
        if self.pid == 0:
            try:
                work(self.file.fileno())
            finally:
                os._exit(1)  # ``work`` ends the process itself: this is for one that failed before it could

    def answer(self) -> bytes | None:
        """What it wrote, once it ended (None when it died, however it died)."""
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        parts, taken = [], 0
        with self.file:
            answer = self.file.fileno()
            size = os.fstat(answer).st_size
            while status == 0 and taken < size:  # a read may return part of it
                part = os.pread(answer, size - taken, taken)
                if not part:
                    break
                parts.append(part)
                taken += len(part)
        self.file = None
        if status != 0 or taken != size:
            return None
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def end(self) -> None:
        """Stop a child whose answer was not taken (the parent is interrupted or failed)."""
        if self.file is not None:
            self.file.close()
            self.file = None
        if self.pid is not None:
            try:
                os.kill(self.pid, 9)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None


class _Worker(_Child):
    """A forked process that takes units of rules as the parent does, and sends back the findings of those
    that ran to the end (stopping at a rule that raises)."""

    def __init__(self, units: list[list[Rule]], queue: int, run_rule: RunRule, model: _Model):
        self.model = model
        super().__init__(lambda write: _work(units, queue, run_rule, model, write))

    def collect(self) -> dict[str, list[Finding]]:
        """What the worker ran (nothing when it died)."""
        sent = self.answer()
        if sent is None:
            return {}
        return dict(_Unpickler(io.BytesIO(sent), self.model).load())


def _work(units: list[list[Rule]], queue: int, run_rule: RunRule, model: _Model, write: int) -> None:
    """The worker's life: take and run units, send the findings, end (never return into the caller)."""
    status = 1
    try:
        ran = [pair for done in _take(units, queue, run_rule) for pair in done.items()]
        _send_pickled(write, ran, model=model)
        status = 0
    finally:
        os._exit(status)


class ReadAhead(_Child):
    """A forked process that, while this one parses, reads the term lists' keys of the values the texts of a
    register appear to hold (``parser.likely_values``, ``prefilter.read_keys``), which every rule's screen
    reads first: the rules' processes, forked after parsing, then find them read. Near the end of the parse
    it is told to stop (``tell``: it writes what it read while the parser reads the rest), and when the parse
    is done what it read is taken (``take``); the rules read the rest themselves, as they read everything
    when it cannot be taken (it failed, or the lists' bits differ)."""

    def __init__(self, texts: list[str], vocabularies=None):
        from .vocab import load

        load(vocabularies)  # here, so that the lists and the order of their bits are this process's
        told, self.stop = os.pipe()  # closed by this process: the reader stops
        try:
            super().__init__(lambda write: _read_ahead(texts, told, self.stop, write))
        except OSError:  # no process or pipe to be had: no reader
            self.tell()
            raise
        finally:
            os.close(told)

    def take(self) -> int:
        """Stop the reader and take what it read: how many texts."""
        from .vocab import prefilter

        self.tell()
        sent = self.answer()
        return prefilter.adopt(pickle.loads(sent)) if sent else 0

    def end(self) -> None:
        self.tell()
        super().end()

    def tell(self) -> None:
        """Tell the reader to stop and send what it read (``take`` takes it)."""
        if self.stop is not None:
            os.close(self.stop)
            self.stop = None


def _read_ahead(texts: list[str], told: int, stop: int, write: int) -> None:
    """The reader's life (as a worker's: it never returns): values read a piece of a text at a time, until
    ``told`` ends (the parent closed ``stop``, its end: this process closes its own copy first)."""
    status = 1
    try:
        import select

        from .parser import likely_values
        from .vocab import prefilter

        os.close(stop)

        def values():
            for text in texts:
                for piece in _pieces(text):
                    if select.select([told], [], [], 0)[0]:
                        return
                    yield from likely_values(piece)

        # without a memo: every text is a new object (twice as fast, while the parent waits)
        _send_pickled(write, prefilter.read_keys(values()), memo=False)
        status = 0
    finally:
        os._exit(status)


def _pieces(text: str, size: int = 1 << 15):
    """``text`` a piece at a time, each ``size`` characters or a little more, up to the end of a line."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + size) + 1 or len(text)
        yield text[start:end]
        start = end


def _send_pickled(write: int, thing, *, model: _Model | None = None, memo: bool = True) -> None:
    """Send ``thing`` pickled: the objects of ``model`` by their names, and without a memo where it holds no
    object twice (``memo=False``)."""
    sent = io.BytesIO()
    pickler = pickle.Pickler(sent, pickle.HIGHEST_PROTOCOL) if model is None else _Pickler(sent, model)
    pickler.fast = not memo
    pickler.dump(thing)
    _send(write, sent.getbuffer())


class _Pickler(pickle.Pickler):
    """Pickles the objects of a model by their names (``_Model.key``). It is asked only about objects that are
    not of a built-in type (``reducer_override``): a persistent id would be asked about every text and number."""

    def __init__(self, file, model: _Model):
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.model = model

    def reducer_override(self, thing):
        key = self.model.key(thing)
        return NotImplemented if key is None else (_named, (key,))


def _named(key: tuple) -> object:
    """Stands for the model object a name names, in what ``_Pickler`` pickles (``_Unpickler`` finds it)."""
    raise RuntimeError(f"{key}: a model object read without its model")


class _Unpickler(pickle.Unpickler):
    """Reads what ``_Pickler`` pickled: a name as this process's object of ``model``."""

    def __init__(self, file, model: _Model):
        super().__init__(file)
        self.model = model

    def find_class(self, module: str, name: str):
        if module == __name__ and name == _named.__name__:
            return self.model.get
        return super().find_class(module, name)


def _send(write: int, data) -> None:
    unsent = memoryview(data)
    while unsent:  # a write may take part of it
        unsent = unsent[os.write(write, unsent):]
