"""Baselines: accept today's findings, fail only on new ones.

A team adopting avglint on a large existing register writes a baseline once
(``avglint check --write-baseline avglint-baseline.json``) and then checks with
``--baseline avglint-baseline.json``: findings recorded there are kept but
suppressed (SARIF ``suppressions`` kind ``external``), so only new findings count.

A finding is identified without line numbers (``Finding.identity``: rule, file,
activity path, field and the normalised words it points at) so the baseline
survives lines moving and edits elsewhere in the file. The same identity, hashed,
is the finding's fingerprint in JSON and SARIF.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

from . import atomic
from .findings import BASELINE_REASON, Finding, Suppression

FORMAT = 1


class BaselineError(Exception):
    """A baseline file that cannot be read."""


def write(path: str, findings: Iterable[Finding]) -> int:
    counts = Counter(f.identity for f in findings if f.suppression is None)
    entries = [{"rule": rule, "path": file, "activity": activity, "field": field, "text": text, "count": count}
               for (rule, file, activity, field, text), count in sorted(counts.items())]
    text = json.dumps({"avglint_baseline": FORMAT, "findings": entries}, ensure_ascii=False, indent=1) + "\n"
    atomic.write(path, text.encode("utf-8"))
    return sum(counts.values())


def load(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline ({error.strerror or error})") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}: not a baseline file (invalid JSON: {error.msg})") from None
    if not isinstance(data, dict) or data.get("avglint_baseline") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not an avglint baseline file (write one with --write-baseline)")
    counts: Counter = Counter()
    try:
        for entry in data["findings"]:
            key = (entry["rule"], entry["path"], entry["activity"], entry["field"], entry["text"])
            counts[key] += int(entry.get("count", 1))
    except (KeyError, TypeError, ValueError):
        raise BaselineError(f"{path}: a baseline entry lacks rule, path, activity, field or text") from None
    return counts


def apply(findings: Iterable[Finding], baseline: Counter) -> int:
    """Suppress the findings the baseline records (each entry as often as its count); returns how many."""
    remaining = Counter(baseline)
    matched = 0
    for finding in findings:
        if finding.suppression is not None:
            continue
        key = finding.identity
        if remaining[key] > 0:
            remaining[key] -= 1
            finding.suppression = Suppression("external", BASELINE_REASON.en, None)
            matched += 1
    return matched
