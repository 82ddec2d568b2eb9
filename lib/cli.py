"""Command line: process, list, show, export and delete stored articles.

Every failure a user can cause (a bad file, an unknown id) ends with one ``error:`` line on stderr and
exit status 1; usage mistakes exit with 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

from lib.access import clean_name
from lib.contract import DocumentError, ProcessedArticle
from lib.exports import FORMATS, export
from lib.ingest import InputError, RawArticle, parse_published
from lib.store import NotFound, Store, StoreError, data_dir, database_url, store_problem

if TYPE_CHECKING:
    from lib.pipeline import Failed


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
LIST_EACH = 20  # up to this many articles each gets a line; above, the progress bar and a summary


def expand(inputs: list[str]) -> list[Path]:
    """Files, folders (every article file inside, recursively) and glob patterns, each once, sorted.
    Folders and patterns keep only article files, so a pattern such as ``../../etc/*`` picks up nothing
    it should not; a file named explicitly is always read (and refused there if it is not an article)."""
    import glob

    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = list(path.rglob("*"))
        elif any(ch in item for ch in "*?[") and not path.exists():
            found = [Path(p) for p in glob.glob(item, recursive=True)]  # noqa: PTH207 (absolute too)
        else:
            paths.append(path)  # missing files are reported when read
            continue
        paths += [p for p in found if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES]
    return sorted(dict.fromkeys(paths))


def cmd_process(args: argparse.Namespace, store: Store) -> int:
    """Read every input, skip what is stored already (or held by another worker), process the rest in
    batches with ``nlp.pipe`` and store each article as soon as it is done. Bad files are reported
    and skipped; an interrupted run keeps what it finished, and running it again continues."""
    import socket

    from lib.ingest import read_path
    from lib.library import keep_failed, with_team_knowledge
    from lib.pipeline import Failed, process_many

    meta = {"title": args.title, "published": parse_published(args.published), "source": args.source}
    paths = expand(args.files)
    if len(paths) > 1 and args.title:
        return _fail("--title applies to one file; give it with a single FILE")
    if not paths:
        return _fail("no article files found (.txt, .md, .html)")
    worker = f"{socket.gethostname()}:{os.getpid()}"
    failures, skipped, stored = 0, 0, 0
    quiet = len(paths) < 2
    todo = []
    seen: set[str] = set()
    for path in paths:
        try:
            raw = read_path(path, **meta)
        except InputError as exc:
            failures += 1
            print(f"error: {exc}", file=sys.stderr)
            continue
        if raw.id in seen or store.exists(raw.id):
            skipped += 1
            if (args.json or quiet) and raw.id not in seen:
                _report(store.get(raw.id), args, created=False)
            continue
        seen.add(raw.id)
        todo.append((path, raw))
    names = {raw.id: path.name for path, raw in todo}

    bar = tqdm(total=len(todo), unit="article", disable=quiet, file=sys.stderr, smoothing=0.1)

    mine: set[str] = set()  # claimed by this run and not yet released

    def claimed() -> Iterator[RawArticle]:
        for path, raw in todo:
            if store.claim(raw.id, worker, is_dead=_gone):
                mine.add(raw.id)
                yield raw
            else:
                bar.update(1)
                bar.write(f"{path.name}: being processed by another worker, skipped", file=sys.stderr)

    failed: Counter[str] = Counter()  # stage -> articles a stage failed on (stored as failed)
    try:
        for result in process_many(claimed(), workers=args.workers, batch_size=args.batch_size):
            raw_id = result.raw.id if isinstance(result, Failed) else result.article.id
            try:
                if isinstance(result, Failed):
                    keep_failed(store, result)
                    failed[result.stage] += 1
                    bar.write(f"error: {names[raw_id]}: {_failed_line(result)}", file=sys.stderr)
                else:
                    result = with_team_knowledge(store, result)
                    created = store.add(result)
                    stored += created
                    if args.json or len(todo) <= LIST_EACH:
                        _report(result, args, created, bar)
            finally:
                store.release(raw_id, worker)
                mine.discard(raw_id)
            bar.update(1)
    except KeyboardInterrupt:
        bar.close()
        for article_id in mine:
            store.release(article_id, worker)
        print(f"interrupted: {stored} stored; run the same command again to continue", file=sys.stderr)
        return 130
    bar.close()
    if not quiet:
        parts = [f"{failures} unreadable"] if failures else []
        parts += [f"{n} in {stage}, kept as failed" for stage, n in sorted(failed.items())]
        detail = f" ({'; '.join(parts)})" if parts else ""
        retry = "; run the same command again to retry them" if failed else ""
        total = failures + sum(failed.values())
        print(f"{stored} stored, {skipped} already stored, {total} failed{detail}{retry}", file=sys.stderr)
    return 1 if failures or failed else 0


def _failed_line(failed: Failed) -> str:
    return (
        f"the {failed.stage} stage failed ({failed.error[:200]}); kept as failed, run again to retry "
        f"(details in {data_dir() / 'lens.log'})"
    )


def _gone(holder: str) -> bool:
    """A claim held by a process of this machine that no longer runs (killed, crashed)."""
    import socket

    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _report(
    doc: ProcessedArticle | None, args: argparse.Namespace, created: bool, bar: tqdm | None = None
) -> None:
    """One line per article on stderr, or the document itself on stdout with --json."""
    if doc is None:
        return
    if args.json:
        print(doc.to_json(indent=2 if len(args.files) == 1 and Path(args.files[0]).is_file() else None))
        return
    state = "stored" if created else "already stored"
    line = (
        f"{doc.article.id}  {state}: {doc.article.title[:60]} "
        f"({len(doc.places)} places, {len(doc.voices)} voices, {len(doc.claims)} claims)"
    )
    (bar.write if bar is not None else print)(line, file=sys.stderr)


def cmd_list(args: argparse.Namespace, store: Store) -> int:
    rows = store.articles()
    if not rows:
        print("No articles stored yet. Add one with: python -m lib process FILE")
        return 0
    print(f"{'ID':16}  {'PUBLISHED':10}  {'PLACES':>6} {'VOICES':>6} {'CLAIMS':>6}  TITLE")
    for r in rows:
        print(
            f"{r.id:16}  {r.published or '—':10}  {r.n_places:6} {r.n_voices:6} {r.n_claims:6}  "
            f"{r.title[:70]}"
        )
    return 0


def cmd_show(args: argparse.Namespace, store: Store) -> int:
    doc = store.get(args.id)
    a = doc.article
    print(a.title)
    print(f"id {a.id} · published {a.published or 'unknown'} · source {a.source or 'unknown'}")
    print(f"{len(a.text.split())} words · processed {a.processed_at:%Y-%m-%d %H:%M} UTC")
    for warning in a.warnings:
        print(f"note: {warning}")
    print(f"\nPlaces ({len(doc.places)}):")
    for p in sorted(doc.places, key=lambda p: -len(p.mentions)):
        where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "unresolved"
        print(f"  {p.name} [{p.kind}, {p.country_code or '?'}] ×{len(p.mentions)}  {where}")
    print(f"\nVoices ({len(doc.voices)}):")
    for v in doc.voices:
        print(f"  {v.name} [{v.source_type}] {len(v.quotes)} quotes")
    print(f"\nClaims ({len(doc.claims)}):")
    names = {v.id: v.name for v in doc.voices}
    for c in doc.claims:
        who = names.get(c.speaker or "", "article")
        print(f"  [{c.time.relation:7} {c.certainty:6}] {who}: {c.text[:90]}")
    return 0


def cmd_export(args: argparse.Namespace, store: Store) -> int:

    text = export(store.corrected(args.id), args.format)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            return _fail(f"cannot write {args.output}: {exc.strerror or exc}")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_delete(args: argparse.Namespace, store: Store) -> int:
    if not store.delete(args.id):
        raise NotFound(args.id)
    print(f"deleted {args.id}")
    return 0


def cmd_seed(args: argparse.Namespace, store: Store) -> int:
    from lib.library import seed_samples

    added = seed_samples(store, on_progress=lambda name: print(f"processing sample {name}", file=sys.stderr))
    print(f"{added} sample article(s) added" if added else "store already has articles; nothing to seed")
    del args
    return 0


def cmd_team(args: argparse.Namespace, store: Store) -> int:
    """Move the team lexicon between stores as JSON: export writes it, import checks a whole file
    first and adds all of it or nothing."""
    from lib import team

    if args.action == "export":
        known = team.read(store.knowledge())
        text = team.to_file(known)
        if args.file == "-":
            sys.stdout.write(text)
            return 0
        try:
            Path(args.file).write_text(text, encoding="utf-8")
        except OSError as exc:
            return _fail(f"cannot write {args.file}: {exc.strerror or exc}")
        print(f"wrote {len(known)} entries to {args.file}", file=sys.stderr)
        return 0
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        return _fail(f"cannot read {args.file}: {exc.strerror or exc}")
    try:
        entries = team.parse(data)
        for entry in entries:
            if isinstance(entry, team.PlaceKnowledge):
                team.check_place(entry)
    except team.TeamFileError as exc:
        return _fail(f"{args.file}: {exc}; nothing was imported")
    author = clean_name(args.by) or "command line"
    store.add_knowledge([(team.key(e), e.model_dump_json(exclude_none=True)) for e in entries], author)
    stale = team.stale_articles(store, entries)
    print(f"imported {len(entries)} entries", file=sys.stderr)
    if stale:
        print(
            f"{len(stale)} stored article(s) would change; the dashboard's Library offers to process "
            "them again",
            file=sys.stderr,
        )
    return 0


def _at_least_one(value: str) -> int:
    """A count such as --workers: a whole number from 1 up, else one usage line (exit status 2)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description="Article Lens command line")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("process", help="process and store articles (.txt, .md, .html): files, folders, globs")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--title", help="title to use instead of the one found in the file")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, if the file has none")
    p.add_argument("--source", help="publisher or source name")
    p.add_argument("--json", action="store_true", help="print the processed document to stdout")
    p.add_argument(
        "--workers", type=_at_least_one, default=1, metavar="N", help="parser processes (default 1)"
    )
    p.add_argument(
        "--batch-size", type=_at_least_one, default=16, metavar="N", help="articles per parser batch"
    )
    p.set_defaults(func=cmd_process)

    p = sub.add_parser("list", help="list stored articles")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="summary of one stored article")
    p.add_argument("id")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("export", help="export one article")
    p.add_argument("id")
    p.add_argument("--format", choices=FORMATS, default="json")
    p.add_argument("-o", "--output", metavar="PATH")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("seed", help="process the shipped sample articles if the store is empty")
    p.set_defaults(func=cmd_seed)

    p = sub.add_parser("team", help="export or import the team lexicon (corrections for every article)")
    p.add_argument("action", choices=("export", "import"))
    p.add_argument("file", metavar="FILE", help="a JSON file, or - for standard output / input")
    p.add_argument("--by", metavar="NAME", help="who the imported entries are recorded as made by")
    p.set_defaults(func=cmd_team)

    p = sub.add_parser("delete", help="delete one stored article")
    p.add_argument("id")
    p.set_defaults(func=cmd_delete)
    return parser


def _log_to_file() -> None:
    """Tracebacks (of a stage that failed on an article) go to ``lens.log`` in the data folder, not
    the terminal: the user gets one line, the team the details."""
    try:
        handler: logging.Handler = logging.FileHandler(data_dir() / "lens.log", encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger("lib")
    logger.addHandler(handler)
    logger.propagate = False


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _log_to_file()
    try:
        store = Store()
        return args.func(args, store)
    except NotFound as exc:
        shown = str(exc.args[0])[:40] if exc.args else ""
        return _fail(f"no stored article with id {shown!r} (see: python -m lib list)")
    except (InputError, DocumentError, StoreError) as exc:
        return _fail(str(exc))
    except SQLAlchemyError as exc:  # the store failed while a command used it
        return _fail(str(store_problem(exc, database_url())))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except BrokenPipeError:
        return 0
