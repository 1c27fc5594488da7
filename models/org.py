"""Services for the organisation tree (府省庁 → 局・部 → 課・室・チーム) and assessment cycles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.errors import InvalidInput, NotFound
from models.tables import Cycle, OrgUnit
from models.txn import commit, service

PATH_SEPARATOR = "/"
#: Units nest at most this deep (a ministry is 府省庁/局/部/課/室 or so; far deeper is a mistake).
MAX_DEPTH = 20
_FISCAL_YEAR = re.compile(r"^FY(?P<year>[0-9]{4})(?:-(?P<half>H[12]))?$")


@dataclass(frozen=True)
class UnitRead:
    id: int
    parent_id: int | None
    name_ja: str
    name_en: str | None
    code: str | None
    path: str
    depth: int

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "path": self.path,
            "name": self.name_ja,
            "name_en": self.name_en,
            "code": self.code,
            "parent_id": self.parent_id,
        }


@dataclass(frozen=True)
class CycleRead:
    id: int
    name: str
    starts_on: date | None
    ends_on: date | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
        }


# --- units ----------------------------------------------------------------------------------


def split_path(path: str) -> list[str]:
    parts = [part.strip() for part in path.split(PATH_SEPARATOR)]
    if not path.strip() or any(not part for part in parts):
        raise InvalidInput(
            f"unit path {path[:200]!r}: give names joined by '/', e.g. デジタル庁/戦略・組織グループ/AI推進チーム"
        )
    if len(parts) > MAX_DEPTH:
        raise InvalidInput(
            f"unit path {path[:60]!r}…: {len(parts)} levels; at most {MAX_DEPTH} levels (府省庁/局/部/課/室/…)"
        )
    for part in parts:
        if len(part) > 200:
            raise InvalidInput(f"unit path {path!r}: a name is longer than 200 characters")
    return parts


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidInput("a unit name cannot be empty")
    if PATH_SEPARATOR in name:
        raise InvalidInput(f"unit name {name!r}: '/' separates units in a path and cannot be part of a name")
    if len(name) > 200:
        raise InvalidInput("a unit name is at most 200 characters")
    return name


@service
def list_units(*, session: Session) -> list[UnitRead]:
    """Every unit with its full path, parents before children, siblings by name."""
    rows = session.exec(select(OrgUnit)).all()
    by_parent: dict[int | None, list[OrgUnit]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)
    result: list[UnitRead] = []

    def walk(parent: int | None, prefix: str, depth: int) -> None:
        for row in sorted(by_parent.get(parent, []), key=lambda r: r.name_ja):
            assert row.id is not None
            path = f"{prefix}{PATH_SEPARATOR}{row.name_ja}" if prefix else row.name_ja
            result.append(UnitRead(row.id, row.parent_id, row.name_ja, row.name_en, row.code, path, depth))
            walk(row.id, path, depth + 1)

    walk(None, "", 0)
    return result


@service
def unit_paths(*, session: Session) -> dict[int, str]:
    """Every unit's full path by id (three columns read, no ORM objects)."""
    rows = session.exec(select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.name_ja)).all()
    parent = {uid: pid for uid, pid, _ in rows}
    name = {uid: n for uid, _, n in rows}
    paths: dict[int, str] = {}

    def path_of(unit_id: int) -> str:
        # Iterative walk up to the first known ancestor, so any depth works.
        chain = []
        current: int | None = unit_id
        while current is not None and current not in paths and len(chain) <= len(rows):
            chain.append(current)
            current = parent.get(current)
        prefix = paths.get(current, "") if current is not None else ""
        for uid in reversed(chain):
            prefix = f"{prefix}{PATH_SEPARATOR}{name[uid]}" if prefix else name[uid]
            paths[uid] = prefix
        return paths[unit_id]

    for uid in parent:
        assert uid is not None
        path_of(uid)
    return paths


@service
def find_unit(*, session: Session, path: str) -> UnitRead:
    parts = split_path(path)
    parent: int | None = None
    for part in parts:
        row = session.exec(
            select(OrgUnit)
            .where(OrgUnit.parent_id == parent if parent is not None else col(OrgUnit.parent_id).is_(None))
            .where(OrgUnit.name_ja == part)
        ).first()
        if row is None:
            raise NotFound(f"unit {path!r} not found; create it with: ai-readiness unit add {path!r}")
        parent = row.id
    assert parent is not None
    return get_unit(session=session, unit_id=parent)


@service
def get_unit(*, session: Session, unit_id: int) -> UnitRead:
    row = session.get(OrgUnit, unit_id)
    if row is None:
        raise NotFound(f"unit {unit_id} not found")
    path = unit_paths(session=session)[unit_id]
    depth = path.count(PATH_SEPARATOR)  # names never hold the separator
    return UnitRead(unit_id, row.parent_id, row.name_ja, row.name_en, row.code, path, depth)


def _child(session: Session, parent: int | None, name: str) -> OrgUnit | None:
    query = select(OrgUnit).where(OrgUnit.name_ja == name)
    query = query.where(col(OrgUnit.parent_id).is_(None) if parent is None else OrgUnit.parent_id == parent)
    return session.exec(query).first()


@service
def add_unit_path(
    *, session: Session, path: str, name_en: str | None = None, code: str | None = None
) -> tuple[UnitRead, bool]:
    """Create the unit at ``path`` and any missing parents; return (unit, created).

    ``name_en`` and ``code`` apply to the last unit of the path. Adding a path that exists
    changes nothing (and reports created=False).
    """
    parts = [_check_name(part) for part in split_path(path)]
    name_en = (name_en or "").strip() or None
    code = (code or "").strip() or None
    if name_en is not None and len(name_en) > 200:
        raise InvalidInput("an English name is at most 200 characters")
    if code is not None and len(code) > 50:
        raise InvalidInput("a unit code is at most 50 characters")
    for attempt in (1, 2):
        try:
            return _add_path(session, parts, name_en, code)
        except IntegrityError:
            session.rollback()
            if attempt == 2:
                raise InvalidInput(f"unit {path!r} could not be added (a name or code is taken); try again") from None
            # Someone added the same parent at the same moment: walk again, it exists now.
    raise AssertionError("unreachable")


def _add_path(session: Session, parts: list[str], name_en: str | None, code: str | None) -> tuple[UnitRead, bool]:
    parent: int | None = None
    created = False
    for index, part in enumerate(parts):
        row = _child(session, parent, part)
        if row is None:
            last = index == len(parts) - 1
            if last and code is not None:
                _check_code_free(session, code)
            row = OrgUnit(
                name_ja=part, parent_id=parent, name_en=name_en if last else None, code=code if last else None
            )
            session.add(row)
            session.flush()
            created = True
        parent = row.id
    commit(session)
    assert parent is not None
    return get_unit(session=session, unit_id=parent), created


def _check_code_free(session: Session, code: str) -> None:
    holder = session.exec(select(OrgUnit.id).where(OrgUnit.code == code)).first()
    if holder is not None:
        raise InvalidInput(f"unit code {code!r} is already used by {unit_paths(session=session)[holder]}")


@service
def rename_unit(*, session: Session, unit_id: int, name_ja: str, name_en: str | None = None) -> UnitRead:
    row = session.get(OrgUnit, unit_id)
    if row is None:
        raise NotFound(f"unit {unit_id} not found")
    name_ja = _check_name(name_ja)
    sibling = _child(session, row.parent_id, name_ja)
    if sibling is not None and sibling.id != unit_id:
        raise InvalidInput(f"a unit named {name_ja!r} already exists at this level")
    row.name_ja = name_ja
    row.name_en = name_en.strip() or None if name_en is not None else row.name_en
    session.add(row)
    commit(session)
    return get_unit(session=session, unit_id=unit_id)


@service
def subtree_ids(*, session: Session, unit_id: int) -> set[int]:
    units = list_units(session=session)
    children: dict[int | None, list[int]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit.id)
    result = {unit_id}
    stack = [unit_id]
    while stack:
        for child in children.get(stack.pop(), []):
            result.add(child)
            stack.append(child)
    return result


# --- cycles ---------------------------------------------------------------------------------


def fiscal_dates(name: str) -> tuple[date | None, date | None]:
    """The dates of a Japanese fiscal-year cycle name (April to March): FY2026, FY2026-H1/H2."""
    match = _FISCAL_YEAR.match(name)
    if not match or not 1 <= int(match["year"]) < 9999:  # FY0000 or FY9999: a name without dates
        return None, None
    year = int(match["year"])
    half = match["half"]
    if half == "H1":
        return date(year, 4, 1), date(year, 9, 30)
    if half == "H2":
        return date(year, 10, 1), date(year + 1, 3, 31)
    return date(year, 4, 1), date(year + 1, 3, 31)


def _cycle_read(row: Cycle) -> CycleRead:
    assert row.id is not None
    return CycleRead(row.id, row.name, row.starts_on, row.ends_on)


@service
def add_cycle(
    *, session: Session, name: str, starts_on: date | None = None, ends_on: date | None = None
) -> tuple[CycleRead, bool]:
    """Add a cycle; return (cycle, created). FYyyyy and FYyyyy-H1/H2 get Japanese fiscal-year
    dates (April to March) unless dates are given; other names sort after dated cycles
    unless dated."""
    name = name.strip()
    if not name or len(name) > 40 or PATH_SEPARATOR in name:
        raise InvalidInput(
            f"cycle name {name!r}: give a short name such as FY2026 or FY2026-H1 (at most 40 characters, no '/')"
        )
    existing = session.exec(select(Cycle).where(Cycle.name == name)).first()
    if existing is not None:
        return _cycle_read(existing), False
    fiscal_start, fiscal_end = fiscal_dates(name)
    starts_on = starts_on or fiscal_start
    ends_on = ends_on or fiscal_end
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        raise InvalidInput(f"cycle {name}: it ends ({ends_on}) before it starts ({starts_on})")
    row = Cycle(name=name, starts_on=starts_on, ends_on=ends_on)
    session.add(row)
    try:
        commit(session)
    except IntegrityError:
        session.rollback()
        existing = session.exec(select(Cycle).where(Cycle.name == name)).one()
        return _cycle_read(existing), False
    return _cycle_read(row), True


@service
def list_cycles(*, session: Session) -> list[CycleRead]:
    """Cycles oldest first: by start date where known, then by name."""
    rows = session.exec(select(Cycle)).all()
    rows = sorted(rows, key=lambda r: (r.starts_on or date.max, r.name))
    return [_cycle_read(row) for row in rows]


@service
def find_cycle(*, session: Session, name: str) -> CycleRead:
    row = session.exec(select(Cycle).where(Cycle.name == name.strip())).first()
    if row is None:
        raise NotFound(f"cycle {name!r} not found; create it with: ai-readiness cycle add {name}")
    return _cycle_read(row)


@service
def rename_cycle(*, session: Session, cycle_id: int, name: str) -> CycleRead:
    row = session.get(Cycle, cycle_id)
    if row is None:
        raise NotFound(f"cycle {cycle_id} not found")
    name = name.strip()
    if not name or len(name) > 40:
        raise InvalidInput("a cycle name is 1 to 40 characters")
    other = session.exec(select(Cycle).where(Cycle.name == name)).first()
    if other is not None and other.id != cycle_id:
        raise InvalidInput(f"a cycle named {name!r} already exists")
    row.name = name
    row.starts_on, row.ends_on = fiscal_dates(name)
    session.add(row)
    commit(session)
    return _cycle_read(row)
