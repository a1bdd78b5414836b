"""The ``attrib`` command line: a thin layer of argparse over the library; heavy imports wait for the command."""

from __future__ import annotations

import argparse
import os
import sys

FORMATS = ("text", "line", "json", "markdown", "github", "sarif")


def _add_registry_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sources", metavar="FILE", help="the registry of primary sources (default: sources.yaml found by config)"
    )
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: attrib.toml or pyproject.toml)")


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--verbose", action="store_true", help="show tracebacks for internal errors")


def build_parser() -> argparse.ArgumentParser:
    from attrib import __version__

    parser = argparse.ArgumentParser(
        prog="attrib",
        description="Check the attributions in news drafts against the primary record: who said what, and when. "
        "attrib checks attribution, not whether a claim is true.",
    )
    parser.add_argument("--version", action="version", version=f"attrib {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check drafts and report every attribution")
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.md .markdown .txt .html .htm), or - for stdin")
    check.add_argument("--format", choices=FORMATS, help="output format (default: text)")
    check.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    check.add_argument("--date", metavar="YYYY-MM-DD", help="the article's date; wins over front matter and metadata")
    check.add_argument("--stdin-format", choices=("text", "markdown", "html"), default=None, help="how to read - (default: markdown)")
    check.add_argument("--fail-on", metavar="LEVEL", help="severity (error, warning, note) or comma-separated verdicts that make the exit code 1")
    check.add_argument("--show-verified", action="store_true", default=None, help="list verified claims in machine formats too")
    check.add_argument("--diff", metavar="REF", help="report only findings on lines changed since git REF")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline")
    check.add_argument("--max-size", metavar="BYTES", type=int, help="largest article to read (default 5000000)")
    check.add_argument("--window-days", metavar="N", type=int, help="days before the article date to search when a claim has no date (default 14)")
    check.add_argument("--no-color", action="store_true", help="no colour in the terminal report")
    _add_registry_option(check)
    _add_common(check)

    sources = sub.add_parser("sources", help="the registry of primary sources: check, list, schema, fetch")
    ssub = sources.add_subparsers(dest="sources_command", metavar="SUBCOMMAND")
    s_check = ssub.add_parser("check", help="validate sources.yaml")
    s_list = ssub.add_parser("list", help="list every document with its date, kind, speakers and recorded state")
    s_schema = ssub.add_parser("schema", help="print the JSON Schema of sources.yaml")
    s_fetch = ssub.add_parser("fetch", help="record url documents into cassettes/ (the only command that uses the network)")
    s_fetch.add_argument("ids", nargs="*", metavar="ID", help="document ids (default: every url document)")
    s_fetch.add_argument("--refresh", action="store_true", help="record again even if a cassette exists")
    s_fetch.add_argument("--concurrency", type=int, default=4, help="requests in flight at once (default 4)")
    s_fetch.add_argument("--timeout", type=float, default=20.0, help="connect and read timeout in seconds (default 20)")
    for p in (s_check, s_list, s_schema, s_fetch):
        _add_registry_option(p)
        _add_common(p)

    config = sub.add_parser("config", help="print the effective configuration and where each value came from")
    config.add_argument("--config", metavar="FILE", help="configuration file")
    config.add_argument("--format", choices=("text", "json"), default="text")
    _add_common(config)

    baseline = sub.add_parser("baseline", help="record today's findings so that later runs report only new ones")
    baseline.add_argument("file", metavar="FILE", help="the baseline file to write")
    baseline.add_argument("paths", nargs="+", metavar="PATH")
    baseline.add_argument("--date", metavar="YYYY-MM-DD")
    _add_registry_option(baseline)
    _add_common(baseline)

    schema = sub.add_parser("schema", help="print the JSON Schema of the JSON report")
    _add_common(schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "sources" and args.sources_command is None:
        parser.parse_args(["sources", "--help"])
    from attrib.errors import AttribError

    try:
        return _dispatch(args)
    except AttribError as error:
        print(f"attrib: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("attrib: interrupted", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - the one place a bug becomes exit 2 instead of exit 1
        if getattr(args, "verbose", False):
            raise
        print(f"attrib: internal error: {type(error).__name__}: {error} (run with --verbose for the traceback)", file=sys.stderr)
        return 2


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        from attrib.check import run_check

        return run_check(args)
    if args.command == "sources":
        if args.sources_command == "fetch":
            from attrib.fetch import run_fetch

            return run_fetch(args)
        from attrib import sources_cmd

        return {"check": sources_cmd.run_check, "list": sources_cmd.run_list, "schema": sources_cmd.run_schema}[
            args.sources_command
        ](args)
    if args.command == "config":
        from attrib.config_cmd import run_config

        return run_config(args)
    if args.command == "baseline":
        from attrib.baseline import run_baseline

        return run_baseline(args)
    if args.command == "schema":
        from attrib.report_schema import schema_text

        sys.stdout.write(schema_text())
        return 0
    raise AssertionError(args.command)
