"""Comparison across teams: one cycle, one subtree of units, the CAIO office's view.

Where the work is done. Everything that touches answers is aggregated in the database, in two
GROUP BY passes over ``answer`` joined with a small item-metadata table: a ``VALUES`` CTE keyed
by (questionnaire row, item id), built from the content of each questionnaire version in
scope, so assessments answered against different versions are each scored against their own,
and answers to items their questionnaire lacks (supplementary modules) are left out:

1. per assessment (all cycles up to the selected one): the answered-or-N/A count and, per
   policy and principle, Σ weight × level and Σ weight over the scored items (packed several
   to a SUM, see :class:`_Packing`): one row per assessment;
2. per item: the sum and count of the levels given in the selected cycle (the weak items).

What follows works on one row per assessment: scores, overall, level and coverage use the
scoring model's own exact arithmetic and bands (so every figure equals ``score_assessment``
exactly), and the statistics, ranking, roll-up and trend are small folds over those rows.

Definitions (documented for users in ``compare --help`` and the report):

* latest cycle: the last cycle in :func:`models.org.list_cycles` order (start date, then
  name) that holds an assessment in scope; the last cycle at all when none does;
* ranking: overall score, highest first; ties by unit label (path, or alias when
  anonymised), then assessment id; assessments without an overall score come last;
* weak items: lowest mean level over the assessments that scored the item (N/A and
  unanswered left out), ties by item id; the first ten;
* roll-up: a unit's score is the mean of the overall scores of the assessments of units in
  its subtree, itself included, each assessment once; ``teams`` counts the distinct units
  it rests on. Only units inside the selected subtree, and only those resting on one team
  or more, are listed;
* trend: per unit and cycle (up to the selected one), the per-policy score (the mean when a
  unit has several assessments in one cycle), minus the same unit's score in its previous
  cycle that has an assessment in scope; ``None`` where either side has no score;
* the status filter applies to every part, the trend included.

Privacy: anonymised, every unit is shown as a stable alias (:func:`unit_alias`) and listed
in alias order, so neither names nor their alphabetical order leak, and any roll-up group
resting on fewer than ``min_group`` teams is left out.
"""

from __future__ import annotations

import base64
import hmac
import itertools
import json
import os
import secrets
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from hashlib import sha256
from math import prod
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from models import org
from models.config import data_dir
from models.db import describe
from models.errors import InvalidInput
from models.questionnaire_store import questionnaire_by_row
from models.tables import Assessment, OrgUnit, QuestionnaireVersion, Status
from models.txn import service
from questionnaires.model import Questionnaire
from questionnaires.scale import PROVISIONAL_BELOW, readiness_band
from questionnaires.schema import Item, Text
from questionnaires.scoring import ITEM_SCORE_PER_LEVEL

STATUSES = tuple(s.value for s in Status)
DEFAULT_MIN_GROUP = 3
WEAK_ITEMS = 10
ALIAS_PREFIX = "Unit-"
ALIAS_LENGTH = 10  # base32 characters: 50 bits, so aliases of 10,000 units collide with p < 1e-7
SALT_FILE = "compare-alias-salts.json"


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    mean: float | None
    median: float | None
    min: float | None
    max: float | None
    n: int

    def to_json(self) -> dict[str, Any]:
        return {"mean": self.mean, "median": self.median, "min": self.min, "max": self.max, "n": self.n}


@dataclass(frozen=True)
class AssessmentScores:
    id: int
    unit_id: int
    unit: str  # full path, or the alias when anonymised
    cycle: str
    status: str
    overall: float | None
    level: int | None
    coverage: float
    provisional: bool
    policies: dict[str, float | None]  # keys: the policies of the assessment's questionnaire
    principles: dict[str, float | None]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "unit": self.unit,
            "overall": self.overall,
            "level": self.level,
            "coverage": self.coverage,
            "provisional": self.provisional,
            "policies": dict(self.policies),
            "principles": dict(self.principles),
        }


@dataclass(frozen=True)
class WeakItem:
    item: str
    mean_level: float
    n: int
    policy: str
    question: Text

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "mean_level": self.mean_level, "n": self.n}


@dataclass(frozen=True)
class UnitRollup:
    unit_id: int
    path: str  # full path, or the alias when anonymised
    depth: int
    score: float
    teams: int

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "score": self.score, "teams": self.teams}


@dataclass(frozen=True)
class TrendEntry:
    unit_id: int
    unit: str
    cycle: str
    previous_cycle: str
    policies: dict[str, float | None]  # delta against the previous cycle

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "cycle": self.cycle,
            "previous_cycle": self.previous_cycle,
            "policies": dict(self.policies),
        }


@dataclass(frozen=True)
class CyclePoint:
    """One unit's scores in one cycle (means when it has several assessments there)."""

    cycle: str
    overall: float | None
    policies: dict[str, float | None]


@dataclass(frozen=True)
class Named:
    id: str
    name: Text


@dataclass(frozen=True)
class Comparison:
    cycle: str | None  # None only when the database has no cycle at all
    cycles: list[str]  # every cycle in order, for filters
    unit_path: str | None  # the subtree's root as asked for (None: all units)
    status: str | None
    anonymised: bool
    min_group: int
    policies: list[Named]
    principles: list[Named]
    assessments: list[AssessmentScores]
    ranking: list[int]
    policy_stats: dict[str, Stats]
    principle_stats: dict[str, Stats]
    weak_items: list[WeakItem]
    units: list[UnitRollup]
    suppressed_groups: int
    trend: list[TrendEntry]
    #: Per unit label, its points over the cycles up to the selected one (for trend charts).
    history: dict[str, list[CyclePoint]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The shape written by ``ai-readiness compare --format json`` (a contract); scores unrounded."""
        return {
            "cycle": self.cycle,
            "assessments": [a.to_json() for a in self.assessments],
            "ranking": list(self.ranking),
            "policy_stats": {k: s.to_json() for k, s in self.policy_stats.items()},
            "principle_stats": {k: s.to_json() for k, s in self.principle_stats.items()},
            "weak_items": [w.to_json() for w in self.weak_items],
            "units": [u.to_json() for u in self.units],
            "trend": [t.to_json() for t in self.trend],
        }


# --- aliases -------------------------------------------------------------------------------------


def alias_salt(database: str) -> bytes:
    """The secret salt of ``database`` (its path or password-free URL), made on first use.

    Unit ids are small consecutive numbers, so an unsalted hash of them could be undone by
    hashing 1, 2, 3…; with 32 random bytes it cannot. The salt is kept in the user's data
    folder (a private file), not in the database: the schema has no place for it without a
    migration, and whoever can read the database can read the names anyway, so the secret only
    has to be kept from the readers of anonymised files, who hold neither. Aliases are
    therefore stable for the same database on this computer; another computer sharing a
    PostgreSQL database makes its own.
    """
    path = data_dir() / SALT_FILE
    try:
        salts = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(salts, dict):
            salts = {}
    except FileNotFoundError:
        salts = {}
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"{path}: cannot read the alias salts ({exc}); move the file away to start afresh") from None
    value = salts.get(database)
    if isinstance(value, str) and len(value) == 64:
        return bytes.fromhex(value)
    salt = secrets.token_bytes(32)
    salts[database] = salt.hex()
    _write_private(path, json.dumps(salts, indent=2, sort_keys=True))
    return salt


def _write_private(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def unit_alias(salt: bytes, unit_id: int, length: int = ALIAS_LENGTH) -> str:
    """``Unit-`` and base32 of HMAC-SHA256(salt, unit id): keyed by the unit's id, not its
    name, so a renamed unit keeps its alias."""
    digest = hmac.new(salt, f"org_unit:{unit_id}".encode(), sha256).digest()
    return ALIAS_PREFIX + base64.b32encode(digest).decode("ascii")[:length]


def _aliases(salt: bytes, unit_ids: Iterable[int]) -> dict[int, str]:
    """Aliases of every unit; the rare colliding ones are lengthened until all differ."""
    ids = sorted(unit_ids)
    length = ALIAS_LENGTH
    result = {uid: unit_alias(salt, uid, length) for uid in ids}
    while len(set(result.values())) < len(result):
        length += 2
        seen: dict[str, int] = defaultdict(int)
        for alias in result.values():
            seen[alias] += 1
        result = {uid: (unit_alias(salt, uid, length) if seen[a] > 1 else a) for uid, a in result.items()}
    return result


# --- the SQL passes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scope:
    cycle_ids: list[int]  # the cycles whose assessments are scored (up to the selected one)
    unit_root: int | None
    status: str | None


def _scope_sql(scope: _Scope, params: dict[str, Any], *, cycle_ids: Sequence[int]) -> tuple[str, str]:
    """(the subtree CTE to put first, or "", the condition on the assessments ``s`` in scope)."""
    where = []
    names = []
    for i, cid in enumerate(cycle_ids):
        params[f"c{i}"] = cid
        names.append(f":c{i}")
    where.append(f"s.cycle_id IN ({', '.join(names) or 'NULL'})")
    if scope.status is not None:
        params["status"] = scope.status
        where.append("s.status = :status")
    prefix = ""
    if scope.unit_root is not None:
        params["root"] = scope.unit_root
        prefix = (
            "subtree(id) AS (SELECT CAST(:root AS INTEGER) UNION ALL"
            " SELECT u.id FROM org_unit u JOIN subtree ON u.parent_id = subtree.id), "
        )
        where.append("s.unit_id IN (SELECT id FROM subtree)")
    return prefix, " AND ".join(where)


@dataclass(frozen=True)
class _Packing:
    """Several per-key sums in one SQL SUM, to halve the aggregates per answer row.

    For one key and one assessment the pass needs Σ weight × level and Σ weight over the scored
    items. Both fit in a fixed number of bits (at most 15 and 3 per item), so a key's pair is
    one "chunk" of ``Σ weight × 2^level_bits + Σ weight × level``, and chunks of several keys sit
    side by side in one 63-bit integer. Per answer row that is ``level × a + c`` with ``a`` and
    ``c`` fixed per item (its weights, shifted into place): one multiply-add per integer instead
    of two aggregates per key. An N/A or unanswered level is NULL, so it adds nothing.
    """

    level_bits: int
    chunk_bits: int
    groups: list[list[int]]  # key columns per packed integer

    @classmethod
    def plan(cls, max_items: int, n_keys: int) -> _Packing:
        level_bits = (15 * max_items).bit_length()  # Σ weight × level < 2^level_bits
        chunk_bits = level_bits + (3 * max_items).bit_length()
        if chunk_bits > 62:  # a signed 64-bit sum must hold at least one chunk
            raise InvalidInput(f"a questionnaire of {max_items} items is too large to compare")
        per = 62 // chunk_bits
        return cls(level_bits, chunk_bits, [list(range(i, min(i + per, n_keys))) for i in range(0, n_keys, per)])

    def constants(self, weights: list[int]) -> list[int]:
        """(a, c) of each packed integer for an item with these weights per key."""
        out = []
        for group in self.groups:
            out.append(sum(weights[k] << (self.chunk_bits * j) for j, k in enumerate(group)))
            out.append(sum(weights[k] << (self.chunk_bits * j + self.level_bits) for j, k in enumerate(group)))
        return out

    def decode(self, totals: Sequence[int | None]) -> list[tuple[int, int] | None]:
        """(Σ weight × level, Σ weight) per key, or None when the key has no scored item."""
        pairs: list[tuple[int, int] | None] = []
        chunk_mask, level_mask = (1 << self.chunk_bits) - 1, (1 << self.level_bits) - 1
        for group, total in zip(self.groups, totals, strict=True):
            value = int(total or 0)
            for j in range(len(group)):
                chunk = (value >> (self.chunk_bits * j)) & chunk_mask
                weights = chunk >> self.level_bits
                pairs.append((chunk & level_mask, weights) if weights else None)
        return pairs


def _tagged(item: Item, kind: str, key: str) -> bool:
    return item.policy == key if kind == "policy" else key in item.principles


def _meta_cte(
    questionnaires: dict[int, Questionnaire], policies: list[str], principles: list[str], params: dict[str, Any]
) -> tuple[str, _Packing]:
    """The item-metadata CTE: one row per (questionnaire row, item) with the packed constants
    of the item's weight in its policy and in each of its principles. Ids are bound."""
    keys = [("policy", p) for p in policies] + [("principle", p) for p in principles]
    packing = _Packing.plan(max((len(q.items) for q in questionnaires.values()), default=1), len(keys))
    columns = [f"{name}{g}" for g in range(len(packing.groups)) for name in ("a", "c")]
    rows = []
    n = 0
    for qrow, questionnaire in sorted(questionnaires.items()):
        for item in questionnaire.items:
            params[f"i{n}"] = item.id
            values = packing.constants([item.weight if _tagged(item, kind, key) else 0 for kind, key in keys])
            # Integers from the validated content are literals (BIGINT, so PostgreSQL never
            # multiplies in 32 bits); the item id is bound.
            literals = [f"CAST({int(v)} AS BIGINT)" if n == 0 else str(int(v)) for v in values]
            rows.append(f"({int(qrow)}, :i{n}, {', '.join(literals)})")
            n += 1
    if not rows:  # no questionnaire in scope: an empty table of the right shape
        rows.append(f"(NULL, NULL, {', '.join('0' for _ in columns)})")
    header = ", ".join(["qid", "item_id", *columns])
    return f"meta({header}) AS (VALUES {', '.join(rows)})", packing


#: Each assessment in scope, each item of its questionnaire, that item's answer (by the unique
#: (assessment, item) index). CROSS JOIN fixes this loop order on SQLite, whose planner would
#: otherwise scan the tiny metadata table once per answer (4x slower at 10,000 assessments);
#: PostgreSQL treats it as a plain inner join and plans it as it likes.
_FROM = "assessment s CROSS JOIN meta m CROSS JOIN answer an"
_JOINED = "m.qid = s.questionnaire_id AND an.assessment_id = s.id AND an.item_id = m.item_id"


def _score_pass(
    session: Session, scope: _Scope, meta: str, packing: _Packing, params: dict[str, Any]
) -> dict[int, tuple[int, list[tuple[int, int] | None]]]:
    """Per assessment: (answered-or-N/A count, per key (Σ weight × level, Σ weight) over the
    scored items, or None when the key has none)."""
    prefix, where = _scope_sql(scope, params, cycle_ids=scope.cycle_ids)
    sums = "".join(f", SUM(an.level * m.a{g} + m.c{g})" for g in range(len(packing.groups)))
    # Grouping by (cycle, id) follows the cycle index SQLite reads the assessments by: no sort.
    sql = (
        f"WITH RECURSIVE {prefix}{meta} "
        f"SELECT s.id, COUNT(*){sums}"
        f" FROM {_FROM} WHERE {_JOINED} AND ({where}) AND (an.level IS NOT NULL OR an.na_reason IS NOT NULL)"
        " GROUP BY s.cycle_id, s.id"
    )
    rows = session.connection().execute(text(sql), params).all()
    return {int(row[0]): (int(row[1]), packing.decode(row[2:])) for row in rows}


def _weak_item_pass(
    session: Session, scope: _Scope, cycle_id: int, meta: str, params: dict[str, Any]
) -> list[tuple[str, int, int]]:
    """Per item id, over the selected cycle: (item, Σ level, number of levels given)."""
    prefix, where = _scope_sql(scope, params, cycle_ids=[cycle_id])
    sql = (
        f"WITH RECURSIVE {prefix}{meta} "
        "SELECT an.item_id, SUM(an.level), COUNT(an.level)"
        f" FROM {_FROM} WHERE {_JOINED} AND ({where}) AND an.level IS NOT NULL"
        " GROUP BY an.item_id"
    )
    return [(str(r[0]), int(r[1]), int(r[2])) for r in session.connection().execute(text(sql), params).all()]


# --- the service ------------------------------------------------------------------------------------


def _score(pair: tuple[int, int] | None) -> float | None:
    # 20 × Σ(weight × level) / Σ(weight): Python's int / int is correctly rounded, the same float
    # as the scoring model's exact Fraction turned into a float.
    return None if pair is None else ITEM_SCORE_PER_LEVEL * pair[0] / pair[1]


def _overall_and_level(existing: list[tuple[int, int]]) -> tuple[float | None, int | None]:
    """The plain mean of the policy scores that exist (given as (Σ weight × level, Σ weight)),
    and its readiness level, both from the exact value as questionnaires.scoring computes them."""
    if not existing:
        return None, None
    common = prod(d for _, d in existing)
    numerator = sum(ITEM_SCORE_PER_LEVEL * n * (common // d) for n, d in existing)
    denominator = common * len(existing)
    overall = numerator / denominator  # correctly rounded
    band = readiness_band(overall)
    if overall == band.lower:  # rounding may have reached the boundary from just below it
        band = readiness_band(Fraction(numerator, denominator))
    return overall, band.level


def _mean(values: list[float]) -> float | None:
    if not values:
        return None
    return values[0] if len(values) == 1 else statistics.fmean(values)


def _stats(values: list[float]) -> Stats:
    if not values:
        return Stats(None, None, None, None, 0)
    return Stats(statistics.fmean(values), statistics.median(values), min(values), max(values), len(values))


def _union_keys(questionnaires: list[Questionnaire]) -> tuple[list[Named], list[Named]]:
    """Policies and principles of every version in scope, the newest version's order first."""
    policies: dict[str, Named] = {}
    principles: dict[str, Named] = {}
    for q in questionnaires:
        for p in q.policies:
            policies.setdefault(p.id, Named(p.id, p.name))
        for p in q.principles:
            principles.setdefault(p.id, Named(p.id, p.name))
    return list(policies.values()), list(principles.values())


@dataclass(frozen=True)
class _Tree:
    """The unit tree from three columns: paths, parents, depth, and tree order (parents before
    children, siblings by name, as :func:`models.org.list_units`)."""

    order: list[int]
    parent: dict[int, int | None]
    path: dict[int, str]
    depth: dict[int, int]

    @classmethod
    def read(cls, session: Session) -> _Tree:
        rows = session.connection().execute(select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.name_ja)).all()
        children: dict[int | None, list[tuple[str, int]]] = defaultdict(list)
        for uid, parent, name in rows:
            children[parent].append((name, uid))
        name_of = {uid: name for uid, _, name in rows}
        order: list[int] = []
        path: dict[int, str] = {}
        depth: dict[int, int] = {}
        stack = [(uid, "", 0) for _, uid in sorted(children[None], reverse=True)]
        while stack:
            uid, prefix, level = stack.pop()
            path[uid] = f"{prefix}{org.PATH_SEPARATOR}{name_of[uid]}" if prefix else name_of[uid]
            depth[uid] = level
            order.append(uid)
            stack += [(child, path[uid], level + 1) for _, child in sorted(children[uid], reverse=True)]
        return cls(order, {uid: parent for uid, parent, _ in rows}, path, depth)

    def subtree(self, root: int) -> set[int]:
        result = {root}
        for uid in self.order:  # parents come before their children
            if self.parent[uid] in result:
                result.add(uid)
        return result


@service
def compare(
    *,
    session: Session,
    cycle: str | None = None,
    unit_path: str | None = None,
    status: str | None = None,
    anonymise: bool = False,
    min_group: int = DEFAULT_MIN_GROUP,
    weak_items: int = WEAK_ITEMS,
) -> Comparison:
    """Compare the assessments of one cycle (the latest by default) in one subtree of units
    (all by default), optionally of one status only. See the module docstring."""
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"status {status!r}: choose one of {', '.join(STATUSES)}")
    if min_group < 1:
        raise InvalidInput(f"the minimum group size must be at least 1, not {min_group}")
    tree = _Tree.read(session)
    root = org.find_unit(session=session, path=unit_path).id if unit_path else None
    in_subtree = tree.subtree(root) if root is not None else None
    cycles = org.list_cycles(session=session)

    # The assessments in scope, of every cycle: one light query on the assessment table.
    query = select(
        Assessment.id, Assessment.unit_id, Assessment.cycle_id, Assessment.questionnaire_id, Assessment.status
    )
    if status is not None:
        query = query.where(Assessment.status == status)
    rows = [r for r in session.connection().execute(query).all() if in_subtree is None or r[1] in in_subtree]

    if cycle is not None:
        selected = org.find_cycle(session=session, name=cycle)
    elif cycles:
        holding = {r[2] for r in rows}
        selected = next((c for c in reversed(cycles) if c.id in holding), cycles[-1])
    else:
        selected = None
    upto = cycles[: [c.id for c in cycles].index(selected.id) + 1] if selected else []
    rank = {c.id: i for i, c in enumerate(upto)}
    rows = [r for r in rows if r[2] in rank]

    # Every questionnaire version in scope, newest first (its names and order lead).
    qrows = sorted({r[3] for r in rows}, reverse=True)
    if not qrows:
        newest = session.exec(
            select(QuestionnaireVersion.id)
            .where(QuestionnaireVersion.kind == "plan")
            .order_by(col(QuestionnaireVersion.id).desc())
        ).first()
        qrows = [newest] if newest is not None else []
    questionnaires = {qid: questionnaire_by_row(session=session, questionnaire_id=qid) for qid in qrows}
    policies, principles = _union_keys([questionnaires[q] for q in qrows])
    policy_ids = [p.id for p in policies]
    principle_ids = [p.id for p in principles]

    scored: dict[int, tuple[int, list[tuple[int, int] | None]]] = {}
    item_sums: list[tuple[str, int, int]] = []
    if rows:
        assert selected is not None
        scope = _Scope(cycle_ids=list(rank), unit_root=root, status=status)
        params: dict[str, Any] = {}
        meta, packing = _meta_cte(questionnaires, policy_ids, principle_ids, params)
        scored = _score_pass(session, scope, meta, packing, dict(params))
        item_sums = _weak_item_pass(session, scope, selected.id, meta, dict(params))

    if anonymise:
        salt = alias_salt(describe(session.get_bind().url.render_as_string(hide_password=True)))
        label = _aliases(salt, tree.order)
    else:
        label = tree.path

    cycle_name = {c.id: c.name for c in cycles}
    # Per questionnaire version: (id, position in the score pass's columns) of its keys.
    keys = [*policy_ids, *principle_ids]
    layout = {
        qrow: (
            [(p.id, keys.index(p.id)) for p in q.policies],
            [(p.id, len(policy_ids) + principle_ids.index(p.id)) for p in q.principles],
            len(q.items),
        )
        for qrow, q in questionnaires.items()
    }
    unscored: tuple[int, list[tuple[int, int] | None]] = (0, [None] * len(keys))
    current: list[AssessmentScores] = []
    # Per unit, per cycle (by rank): (overall, policy scores) of each assessment, for the trend.
    series: dict[int, dict[int, list[_Scores]]] = defaultdict(dict)
    for aid, unit_id, cycle_id, qrow, astatus in rows:
        own_policies, own_principles, total = layout[qrow]
        answered, pairs = scored.get(aid, unscored)
        overall, level = _overall_and_level([pair for _, i in own_policies if (pair := pairs[i]) is not None])
        policy_scores = {key: _score(pairs[i]) for key, i in own_policies}
        series[unit_id].setdefault(rank[cycle_id], []).append((overall, policy_scores))
        if selected is None or cycle_id != selected.id:
            continue
        coverage = answered / total if total else 0.0
        current.append(
            AssessmentScores(
                id=aid,
                unit_id=unit_id,
                unit=label[unit_id],
                cycle=cycle_name[cycle_id],
                status=astatus,
                overall=overall,
                level=level,
                coverage=coverage,
                provisional=coverage < PROVISIONAL_BELOW,
                policies=policy_scores,
                principles={key: _score(pairs[i]) for key, i in own_principles},
            )
        )
    current.sort(key=lambda a: (a.unit, a.id))
    ranking = [a.id for a in sorted(current, key=lambda a: (a.overall is None, -(a.overall or 0.0), a.unit, a.id))]
    units, suppressed = _rollup(current, tree, root, label, anonymise, min_group)
    trend, history = _trend(series, [c.name for c in upto], policy_ids, label)
    return Comparison(
        cycle=selected.name if selected else None,
        cycles=[c.name for c in cycles],
        unit_path=label[root] if root is not None else None,
        status=status,
        anonymised=anonymise,
        min_group=min_group,
        policies=policies,
        principles=principles,
        assessments=current,
        ranking=ranking,
        policy_stats={p: _stats([v for a in current if (v := a.policies.get(p)) is not None]) for p in policy_ids},
        principle_stats={
            p: _stats([v for a in current if (v := a.principles.get(p)) is not None]) for p in principle_ids
        },
        weak_items=_weak_items(item_sums, questionnaires, qrows, weak_items),
        units=units,
        suppressed_groups=suppressed,
        trend=trend,
        history=history,
    )


def _weak_items(
    item_sums: list[tuple[str, int, int]], questionnaires: dict[int, Questionnaire], qrows: list[int], limit: int
) -> list[WeakItem]:
    # Means of exact integer sums: equal means compare equal, so ties fall to the item id.
    ranked = sorted((total / n, item, n) for item, total, n in item_sums if n)
    result = []
    for mean_level, item_id, n in ranked[:limit]:
        item = next(questionnaires[q].item_by_id[item_id] for q in qrows if item_id in questionnaires[q].item_by_id)
        result.append(WeakItem(item_id, mean_level, n, item.policy, item.question))
    return result


def _rollup(
    current: list[AssessmentScores],
    tree: _Tree,
    root: int | None,
    label: dict[int, str],
    anonymise: bool,
    min_group: int,
) -> tuple[list[UnitRollup], int]:
    """Each unit's mean over the assessments in its subtree (each once); groups resting on
    fewer than ``min_group`` teams are left out when anonymised. Returns (units, left out)."""
    overall_by_unit: dict[int, list[float]] = defaultdict(list)
    teams_by_unit: dict[int, set[int]] = defaultdict(set)
    for a in current:
        if a.overall is None:
            continue
        unit_id: int | None = a.unit_id
        while unit_id is not None:  # the unit itself and each ancestor up to the subtree's root
            overall_by_unit[unit_id].append(a.overall)
            teams_by_unit[unit_id].add(a.unit_id)
            unit_id = None if unit_id == root else tree.parent[unit_id]
    units = []
    suppressed = 0
    for unit_id in tree.order:
        if unit_id not in overall_by_unit:
            continue
        teams = len(teams_by_unit[unit_id])
        if anonymise and teams < min_group:
            suppressed += 1
            continue
        units.append(
            UnitRollup(unit_id, label[unit_id], tree.depth[unit_id], _mean(overall_by_unit[unit_id]) or 0.0, teams)
        )
    if anonymise:  # tree order would hint at the names' alphabetical order
        units.sort(key=lambda u: u.path)
    return units, suppressed


#: One assessment's (overall, policy scores), as the trend needs them.
_Scores = tuple[float | None, dict[str, float | None]]


def _trend(
    series: dict[int, dict[int, list[_Scores]]], cycle_names: list[str], policy_ids: list[str], label: dict[int, str]
) -> tuple[list[TrendEntry], dict[str, list[CyclePoint]]]:
    """Per unit (in label order), its points per cycle and the per-policy change from its previous point."""
    trend = []
    history = {}
    for unit_id in sorted(series, key=lambda u: (label[u], u)):
        points = [_point(cycle_names[r], group, policy_ids) for r, group in sorted(series[unit_id].items())]
        history[label[unit_id]] = points
        for previous, point in itertools.pairwise(points):
            deltas = {p: _delta(point.policies[p], previous.policies[p]) for p in policy_ids}
            trend.append(TrendEntry(unit_id, label[unit_id], point.cycle, previous.cycle, deltas))
    return trend, history


def _point(cycle: str, group: list[_Scores], policy_ids: list[str]) -> CyclePoint:
    if len(group) == 1:  # the usual case: one assessment of the unit in the cycle
        overall, policies = group[0]
        # Its own policies are a subset of all; the same size means the same keys.
        same = len(policies) == len(policy_ids)
        return CyclePoint(cycle, overall, policies if same else {p: policies.get(p) for p in policy_ids})
    return CyclePoint(
        cycle,
        _mean([overall for overall, _ in group if overall is not None]),
        {p: _mean([v for _, policies in group if (v := policies.get(p)) is not None]) for p in policy_ids},
    )


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before
