"""The ``ai-readiness`` command: no subcommand opens the desktop app; subcommands call the
same services as the GUI. A user's mistake prints one line to stderr and exits 2 (usage)
or 1 (failure), never a traceback. ``--json`` gives machine-readable output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

PROG = "ai-readiness"
EXIT_FAILURE = 1
EXIT_USAGE = 2


class UsageError(Exception):
    pass


class Failure(Exception):
    """A failure already worded for the user (one line, or several for validation)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def _common() -> argparse.ArgumentParser:
    # SUPPRESS keeps a value given before the subcommand from being reset after it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: AI_READINESS_DB or the user data folder)",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
    common.add_argument(
        "--user",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="who is acting, for the audit trail (default: AI_READINESS_USER or the login name)",
    )
    return common


#: Each module registers its own subcommands through ``register(cli: Registrar)``.
COMMAND_MODULES = (
    "cli.org_commands",
    "cli.assessment_commands",
    "cli.evidence_commands",
    "cli.questionnaire_commands",
    "cli.report_commands",
    "cli.exchange_commands",
    "cli.compare_commands",
)


class Registrar:
    """Adds subcommands that all share the common options (--db, --json, --user)."""

    def __init__(self, sub: Any, common: argparse.ArgumentParser):
        self._sub = sub
        self._common = common

    def command(self, name: str, help_: str, handler: Callable[[argparse.Namespace], Any]) -> argparse.ArgumentParser:
        p = self._sub.add_parser(name, help=help_, parents=[self._common], description=help_)
        p.set_defaults(handler=handler)
        return p

    def group(self, name: str, help_: str) -> Registrar:
        p = self._sub.add_parser(name, help=help_, parents=[self._common], description=help_)
        sub = p.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION", required=True)
        return Registrar(sub, self._common)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    common = _common()
    parser = _Parser(
        prog=PROG, parents=[common], description="AI Readiness: team self-assessment against Japan's AI Basic Plan."
    )
    parser.add_argument("--smoke", action="store_true", help="start the GUI, report start-up times in ms, exit")
    parser.add_argument("--lang", choices=("ja", "en"), default=None, help="interface language for the GUI")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    registrar = Registrar(sub, common)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(registrar)
    return parser


def emit(args: argparse.Namespace, data: Any, text: str | Callable[[], str]) -> None:
    """Print ``data`` as JSON with --json, else the human text."""
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        out = text() if callable(text) else text
        if out:
            print(out)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version print and exit 0
        return int(exc.code or 0)
    if args.command is None:
        from gui.app import run

        return run(db=getattr(args, "db", None), smoke=args.smoke, lang=args.lang)
    return dispatch(args)


def dispatch(args: argparse.Namespace) -> int:
    from models.errors import ServiceError
    from questionnaires.loader import QuestionnaireError

    try:
        args.handler(args)
    except (ServiceError, Failure) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except QuestionnaireError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_FAILURE
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_FAILURE
    return 0


def output_path(value: str) -> Path:
    path = Path(value).expanduser()
    if path.is_dir():
        raise Failure(f"{path}: is a folder; give a file name")
    if not path.parent.exists():
        raise Failure(f"{path.parent}: folder does not exist")
    return path


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
