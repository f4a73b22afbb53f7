"""Command line: ``python -m tajik_peace {validate,resolve,explain,codebook,stats}``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from . import sources as _sources
from .codebook import CodebookError, is_current, paths, write_codebook
from .data import DataError, load_dataset
from .explain import field_evidence, format_evidence
from .names import build_index
from .paths import display_path, resolve_data_dir
from .validate import validate


def _quote_decision(args: argparse.Namespace) -> tuple[bool, Path | None, str]:
    """Whether to check quotations, against which directory, and a line saying so."""
    directory = Path(args.sources) if args.sources else _sources.sources_dir(required=False)
    env = _sources.SOURCES_ENV
    if args.quotes is False:
        return False, None, "Quote check skipped: --no-quotes was given."
    if directory is not None and directory.is_dir():
        return True, directory, f"Quotations checked against the source texts in {directory}."
    if args.quotes:  # asked for explicitly: validate() reports that it cannot run
        return True, directory, ""
    why = f"{args.sources} is not a directory" if args.sources else f"{env} is not set"
    return (
        False,
        None,
        (
            f"Quote check skipped: {why}. The source texts are third-party "
            f"copyright and not in the repository; set {env} or pass --sources DIR."
        ),
    )


def cmd_validate(args: argparse.Namespace) -> int:
    check, directory, line = _quote_decision(args)
    report = validate(args.data, sources_dir=directory, check_quotes=check)
    if line:
        print(line)
    print(report.format())
    return 0 if report.ok else 1


def _load(args: argparse.Namespace):
    """The validated dataset, or None after printing why it cannot be loaded."""
    try:
        return load_dataset(args.data)
    except DataError as exc:
        print(f"cannot load the data package:\n{exc}", file=sys.stderr)
        return None


def cmd_resolve(args: argparse.Namespace) -> int:
    ds = _load(args)
    if ds is None:
        return 1
    index = build_index(ds)
    status = 0
    for spelling in args.spelling:
        found = index.candidates(spelling, args.kind)
        if not found:
            try:
                index.resolve(spelling, args.kind)
            except LookupError as exc:
                print(f"error: {exc.args[0]}", file=sys.stderr)
            status = 1
            continue
        if len(found) > 1:  # every candidate, with what separates them; never a guess
            print(f"{spelling!r} is ambiguous; it may be:", file=sys.stderr)
            status = 1
        for m in found:
            print(f"{spelling}\t{m.kind}\t{m.id}\t{m.name}\t{m.how}\t{m.context}")
    return status


def cmd_explain(args: argparse.Namespace) -> int:
    ds = _load(args)
    if ds is None:
        return 1
    try:
        evidence = field_evidence(ds, args.table, args.record_id)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 1
    print(format_evidence(args.table, args.record_id, evidence))
    return 0


def cmd_codebook(args: argparse.Namespace) -> int:
    readme, _ = paths(args.data)
    if args.check:
        if is_current(args.data):
            print(f"{display_path(readme)} is up to date with datapackage.json.")
            return 0
        print(
            f"{display_path(readme)} is stale: run `python -m tajik_peace codebook`.",
            file=sys.stderr,
        )
        return 1
    changed = write_codebook(args.data)
    print(f"{display_path(readme)} {'updated' if changed else 'already up to date'}.")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    ds = _load(args)
    if ds is None:
        return 1
    att = ds.attestations["table"].value_counts()
    width = max(map(len, ds))
    print(f"{'table':<{width}}  {'rows':>6}  {'attestations':>12}")
    for name, df in ds.items():
        print(f"{name:<{width}}  {len(df):>6}  {int(att.get(name, 0)):>12}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tajik_peace",
        description="Validate and query the coded dataset of the Tajik peace process.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def data_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--data",
            metavar="DIR",
            default=None,
            help="data package directory (default: $TAJIK_PEACE_DATA or the "
            f"repository's data/, here {display_path(resolve_data_dir())})",
        )

    p = sub.add_parser("validate", help="check the data package; exit 1 on any problem")
    data_option(p)
    p.add_argument(
        "--sources",
        metavar="DIR",
        default=None,
        help=f"directory of source texts (default: ${_sources.SOURCES_ENV})",
    )
    p.add_argument(
        "--quotes",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="check quotations and aliases against the source texts (default: when "
        "the texts are available)",
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("resolve", help="resolve spellings to actor or place ids")
    data_option(p)
    p.add_argument("spelling", nargs="+", help="a spelling, e.g. 'Kurgan-Tyube'")
    p.add_argument(
        "--kind", choices=["actor", "place"], default=None, help="look only among actors or places"
    )
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("explain", help="each field of a record with the quotation that carries it")
    data_option(p)
    p.add_argument("table", help="a table, e.g. events")
    p.add_argument("record_id", help="the record's id, e.g. round1_moscow_1994")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("codebook", help="regenerate the field reference in data/README.md")
    data_option(p)
    p.add_argument("--check", action="store_true", help="exit 1 if the codebook is stale")
    p.set_defaults(func=cmd_codebook)

    p = sub.add_parser("stats", help="row and attestation counts per table")
    data_option(p)
    p.set_defaults(func=cmd_stats)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command: 0 when it succeeds, 1 for a problem in the data, 2 for a usage error."""
    args = build_parser().parse_args(argv)  # exits 2 on a usage error
    try:
        status = args.func(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # The reader went away (`stats | head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except CodebookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
