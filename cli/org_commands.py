"""``unit`` and ``cycle`` commands."""

from __future__ import annotations

import argparse
from datetime import date

from cli.common import session
from cli.main import Registrar, emit


def register(cli: Registrar) -> None:
    units = cli.group("unit", "organisation units (府省庁/局/課)")
    p = units.command("add", "add a unit and any missing parents", unit_add)
    p.add_argument("path", metavar="PATH", help="names joined by '/', e.g. デジタル庁/戦略・組織グループ/AI推進チーム")
    p.add_argument("--en", dest="name_en", help="English name of the last unit")
    p.add_argument("--code", help="code of the last unit")
    units.command("list", "list units", unit_list)

    cycles = cli.group("cycle", "assessment cycles (FY2026, FY2026-H1, …)")
    p = cycles.command("add", "add a cycle (FYyyyy and FYyyyy-H1/H2 get Japanese fiscal-year dates)", cycle_add)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--starts", type=_date, metavar="YYYY-MM-DD", help="first day (for names other than FYyyyy)")
    p.add_argument("--ends", type=_date, metavar="YYYY-MM-DD", help="last day")
    cycles.command("list", "list cycles, oldest first", cycle_list)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-04-01") from None


def unit_add(args: argparse.Namespace) -> None:
    from models import org

    with session(args) as s:
        unit, created = org.add_unit_path(session=s, path=args.path, name_en=args.name_en, code=args.code)
    emit(args, unit.to_json() | {"created": created}, f"{'added' if created else 'exists'}: {unit.path} (id {unit.id})")


def unit_list(args: argparse.Namespace) -> None:
    from models import org

    with session(args) as s:
        units = org.list_units(session=s)
    emit(args, [u.to_json() for u in units], lambda: "\n".join(f"{u.id:>5}  {u.path}" for u in units))


def cycle_add(args: argparse.Namespace) -> None:
    from models import org

    with session(args) as s:
        cycle, created = org.add_cycle(session=s, name=args.name, starts_on=args.starts, ends_on=args.ends)
    emit(
        args,
        cycle.to_json() | {"created": created},
        f"{'added' if created else 'exists'}: {cycle.name} (id {cycle.id})",
    )


def cycle_list(args: argparse.Namespace) -> None:
    from models import org

    with session(args) as s:
        cycles = org.list_cycles(session=s)

    def text() -> str:
        return "\n".join(
            f"{c.id:>5}  {c.name:<12} {c.starts_on or ''} – {c.ends_on or ''}".rstrip(" –") for c in cycles
        )

    emit(args, [c.to_json() for c in cycles], text)
