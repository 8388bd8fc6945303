"""`curator team ...`: a catalogue on a PostgreSQL server for the whole archive team."""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.cli.core import archive_location


def register(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser(
        "team", help="one catalogue on a PostgreSQL server for the whole team",
        description="Addresses are postgresql://USER@HOST[:PORT]/DATABASE; the password "
        "comes from ~/.pgpass, PGPASSWORD or a service file, never from the command line.")
    verbs = team.add_subparsers(dest="team_command", metavar="VERB")
    team.set_defaults(handler=lambda _args: (team.print_help(), 2)[1])

    p = verbs.add_parser("init", help="create the catalogue and the team's roles in an "
                                      "empty database")
    p.add_argument("url", metavar="URL")
    p.set_defaults(handler=cmd_init)

    p = verbs.add_parser("push", help="copy a local archive folder onto the server (every "
                                      "record, still and setting)")
    p.add_argument("local", type=Path, metavar="LOCAL.curator")
    p.add_argument("url", metavar="URL")
    p.set_defaults(handler=cmd_push)

    p = verbs.add_parser("pull", help="make a new local archive folder holding the server's "
                                      "whole catalogue")
    p.add_argument("url", type=archive_location, metavar="URL")
    p.add_argument("copy", type=Path, metavar="COPY.curator")
    p.set_defaults(handler=cmd_pull)

    p = verbs.add_parser("grant", help="give a user of the server a role: viewer, "
                                       "cataloguer, publisher or admin")
    p.add_argument("url", metavar="URL")
    p.add_argument("user", metavar="USER")
    p.add_argument("role", choices=["viewer", "cataloguer", "publisher", "admin"])
    p.set_defaults(handler=cmd_grant)

    p = verbs.add_parser("upgrade", help="upgrade the server's catalogue to this Curator's "
                                         "schema (an admin, after a pg_dump backup)")
    p.add_argument("url", metavar="URL")
    p.add_argument("--backup", type=Path, metavar="FILE", required=True,
                   help="where pg_dump writes the backup taken first")
    p.set_defaults(handler=cmd_upgrade)

    p = verbs.add_parser("connection", help="write a NAME.curator-team connection file (the "
                                            "address without a password, and this machine's "
                                            "cache folder)")
    p.add_argument("url", metavar="URL")
    p.add_argument("file", type=Path, metavar="NAME.curator-team")
    p.add_argument("--cache", type=Path, metavar="FOLDER",
                   help="where this machine keeps thumbnails and web sizes")
    p.set_defaults(handler=cmd_connection)


def cmd_init(args: argparse.Namespace) -> int:
    from curator.store.server import without_password
    from curator.store.server_setup import init_catalogue

    init_catalogue(args.url)
    print(f"{without_password(args.url)}: the catalogue and the roles curator_viewer, "
          "curator_cataloguer, curator_publisher and curator_admin are ready.")
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from curator.interchange.team import push

    report = push(args.local, args.url, say=_progress)
    print(_summary("Pushed", report))
    return 0


def cmd_pull(args: argparse.Namespace) -> int:
    from curator.interchange.team import pull

    report = pull(args.url, args.copy, say=_progress)
    print(_summary(f"Pulled into {args.copy}", report))
    return 0


def cmd_grant(args: argparse.Namespace) -> int:
    from curator.store.server_setup import grant_role

    grant_role(args.url, args.user, args.role)
    print(f"{args.user} is now {args.role}.")
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from curator.store.archive import SCHEMA_HEAD
    from curator.store.server_setup import upgrade_catalogue

    before = upgrade_catalogue(args.url, args.backup)
    if before is None:
        print(f"The catalogue is at schema {SCHEMA_HEAD} already; nothing to do (an "
              "admin's run gives the roles' grants on every table again).")
    else:
        print(f"Backed up to {args.backup}; upgraded from schema {before} to {SCHEMA_HEAD}.")
    return 0


def cmd_connection(args: argparse.Namespace) -> int:
    from curator.store.server import write_team_file

    path = write_team_file(args.file, args.url, args.cache)
    print(f"Wrote {path}; open it with \u201ccurator open {path}\u201d.")
    return 0


def _progress(line: str) -> None:
    import sys

    print(line, file=sys.stderr, flush=True)


def _summary(done: str, report: object) -> str:
    counts = getattr(report, "counts", {})
    parts = ", ".join(f"{n:,} {name}" for name, n in counts.items() if n)
    return f"{done}: {parts or 'an empty catalogue'}; {getattr(report, 'originals', 0):,} " \
           "originals. The counts agree."
