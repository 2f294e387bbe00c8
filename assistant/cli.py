"""The `assistant` command: ingest, ship-vectors, search, ask, eval, fit-abstention, fit-answer, bench, indicators,
initiatives, feedback, serve (the HTTP API) and api-key."""

from __future__ import annotations

import argparse
import html
import io
import json
import logging
import os
import re
import sys
from pathlib import Path

from assistant.errors import AssistantError
from assistant.ingest.control_chars import terminal_safe
from assistant.ingest.instructions import instruction_notice
from assistant.settings import Settings
from assistant.swedish_argparse import SwedishArgumentParser

log = logging.getLogger("assistant")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _configure_logging(logging.INFO if args.verbose else logging.WARNING)
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    # Document text, file names and metadata reach the output: a terminal must show them, never obey them.
    stdout, sys.stdout = sys.stdout, TerminalSafeStream(sys.stdout)
    try:
        settings = Settings.load(corpus_dir=getattr(args, "corpus", None))
        return args.run(args, settings)
    except AssistantError as exc:
        log.debug("cause: %s", exc.cause)
        print(f"Fel: {terminal_safe(exc.user_message)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())  # as the Python docs advise
        return 0
    finally:
        sys.stdout = stdout


class TerminalSafeStream(io.TextIOBase):
    """A text stream that writes through without escape sequences or control characters (ingest/control_chars)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()

    @property
    def encoding(self):  # as the wrapped stream's
        return getattr(self._stream, "encoding", "utf-8")


class TerminalSafeLog(logging.Filter):
    """Log lines on the terminal without escape sequences or control characters (file names, document text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = terminal_safe(record.getMessage()), None
        return True


def _configure_logging(level: int) -> None:
    root = logging.getLogger()
    had_handlers = bool(root.handlers)
    logging.basicConfig(level=level, format="%(levelname)s %(message)s")
    if not had_handlers:  # the handler basicConfig made (not a test's or an embedding application's)
        for handler in root.handlers:
            handler.addFilter(TerminalSafeLog())


def _parser() -> argparse.ArgumentParser:
    parser = SwedishArgumentParser(prog="assistant", description="Nära vård-assistenten")
    parser.add_argument("-v", "--verbose", action="store_true", help="visa loggmeddelanden")
    commands = parser.add_subparsers(required=True, metavar="kommando")

    ingest = commands.add_parser("ingest", help="bygg eller uppdatera indexet")
    ingest.add_argument("--corpus", metavar="MAPP", help="mapp med dokumenten (annars ASSISTANT_CORPUS_DIR)")
    ingest.add_argument("--force", action="store_true", help="bygg om även om inget ändrats")
    ingest.set_defaults(run=_ingest)

    ship = commands.add_parser(
        "ship-vectors", help="skriv passagernas vektorer till korpusmappen, så att en ny klon inte behöver bädda in"
    )
    ship.add_argument("--corpus", help="mapp med dokumenten (annars ASSISTANT_CORPUS_DIR)")
    ship.set_defaults(run=_ship_vectors)

    search = commands.add_parser("search", help="sök passager")
    search.add_argument("question", metavar="FRÅGA", help="vad du söker, på svenska eller engelska")
    search.add_argument("-k", type=int, default=5, metavar="ANTAL", help="antal passager (standard 5)")
    search.add_argument("--doc", action="append", default=[], metavar="DOKUMENT", help="begränsa till dokument-id")
    search.add_argument("--kind", action="append", default=[], metavar="TYP", help="begränsa till dokumenttyp")
    search.add_argument("--year", action="append", type=int, default=[], metavar="ÅR", help="begränsa till år")
    search.set_defaults(run=_search)

    evaluate = commands.add_parser("eval", help="utvärdera sökningen (och svaren) på varje frågemängd för sig")
    evaluate.add_argument(
        "--questions", metavar="FIL", help="bara denna fråge- eller samtalsfil (annars alla filer i evals/)"
    )
    evaluate.add_argument("--report", metavar="FIL", help="skriv hela resultatet som JSON hit")
    evaluate.add_argument(
        "--answers", action="store_true", help="utvärdera även svaren (källor, fakta, avstår) och samtalen"
    )
    evaluate.set_defaults(run=_eval)

    fit = commands.add_parser(
        "fit-abstention", help="anpassa avståendebeslutet på dev-frågorna och visa det korsvaliderat"
    )
    fit.add_argument("--questions", metavar="MAPP", help="mapp med frågefiler (annars evals/questions)")
    fit.add_argument("--folds", type=int, default=5, metavar="ANTAL", help="antal vikningar i korsvalideringen")
    fit.add_argument("--seed", type=int, default=0, metavar="TAL", help="frö för vikningarna")
    fit.add_argument("--write", action="store_true", help="skriv modellen som assistenten använder")
    fit.set_defaults(run=_fit_abstention)

    fit_answer = commands.add_parser(
        "fit-answer", help="anpassa svarets vikter (vilka meningar som väljs) och visa dem korsvaliderat"
    )
    fit_answer.add_argument("--questions", metavar="MAPP", help="mapp med frågefiler (annars evals/questions)")
    fit_answer.add_argument(
        "--conversations", metavar="MAPP", help="mapp med samtalsfiler (annars evals/conversations)"
    )
    fit_answer.add_argument("--folds", type=int, default=5, metavar="ANTAL", help="antal vikningar i korsvalideringen")
    fit_answer.add_argument("--seed", type=int, default=0, metavar="TAL", help="frö för vikningarna")
    fit_answer.add_argument("--write", action="store_true", help="skriv vikterna som assistenten använder")
    fit_answer.set_defaults(run=_fit_answer)

    fit_facts = commands.add_parser(
        "fit-fact-model",
        help="anpassa vilka meningar som lämnas utanför svaret (troligen utan efterfrågade fakta), korsvaliderat",
    )
    fit_facts.add_argument("--questions", metavar="MAPP", help="mapp med frågefiler (annars evals/questions)")
    fit_facts.add_argument("--folds", type=int, default=5, metavar="ANTAL", help="antal vikningar i korsvalideringen")
    fit_facts.add_argument("--seed", type=int, default=0, metavar="TAL", help="frö för vikningarna")
    fit_facts.add_argument("--write", action="store_true", help="skriv modellen som assistenten använder")
    fit_facts.set_defaults(run=_fit_fact_model)

    ask = commands.add_parser("ask", help="ställ en fråga och få ett svar med källor")
    ask.add_argument("question", metavar="FRÅGA", help="frågan, på svenska eller engelska")
    ask.add_argument("--doc", action="append", default=[], metavar="DOKUMENT", help="begränsa till dokument-id")
    ask.set_defaults(run=_ask)

    bench = commands.add_parser("bench", help="mät byggtid, söktid (ensam och under last) och minne")
    bench.add_argument(
        "--questions",
        default=str(Path(__file__).resolve().parent.parent / "evals" / "questions"),
        metavar="MAPP",
        help="mapp med frågefiler (standard evals/questions)",
    )
    bench.add_argument("--users", type=int, default=10, metavar="ANTAL", help="samtidiga användare i lastmätningen")
    bench.set_defaults(run=_bench)

    # The table commands take their options from the lookups' own declarations (assistant/tables/registry.py).
    indicators = commands.add_parser("indicators", help="indikatorbibliotekets mått, eller ett måtts definition")
    indicators.add_argument("name", nargs="?", metavar="NAMN", help="måttets namn (tål stavfel och saknade å/ä/ö)")
    _lookup_options(indicators, "measures")
    indicators.set_defaults(run=_indicators)

    initiatives = commands.add_parser("initiatives", help="färdplanens länsgemensamma satsningar med status")
    initiatives.add_argument("name", nargs="?", metavar="NAMN", help="en satsnings namn")
    _lookup_options(initiatives, "initiatives")
    initiatives.set_defaults(run=_initiatives)

    feedback = commands.add_parser("feedback", help="visa eller exportera återkopplingen på svaren")
    feedback.add_argument(
        "--export", nargs="?", const="-", metavar="FIL", help="skriv som CSV till FIL (utan FIL: skärmen)"
    )
    feedback.set_defaults(run=_feedback)

    serve = commands.add_parser("serve", help="starta HTTP-API:t (REST och OpenAI-kompatibel chatt)")
    serve.add_argument(
        "--host", default="127.0.0.1", metavar="ADRESS", help="adress att lyssna på (standard 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, metavar="PORT", help="port att lyssna på (standard 8000)")
    serve.set_defaults(run=_serve)

    api_key = commands.add_parser("api-key", help="skapa, lista eller återkalla API-nycklar")
    key_commands = api_key.add_subparsers(required=True, metavar="åtgärd")
    create = key_commands.add_parser("create", help="skapa en nyckel (visas en gång, sparas bara som hash)")
    create.add_argument("name", metavar="NAMN", help="vem eller vad nyckeln är till, t.ex. intranatet")
    create.set_defaults(run=_api_key_create)
    listing = key_commands.add_parser("list", help="lista nycklarna (namn, början, skapad, återkallad)")
    listing.set_defaults(run=_api_key_list)
    revoke = key_commands.add_parser("revoke", help="återkalla nycklarna med ett namn")
    revoke.add_argument("name", metavar="NAMN", help="nyckelns namn, som i assistant api-key list")
    revoke.set_defaults(run=_api_key_revoke)
    return parser


def _progress_bar():
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc="Bäddar in passager", unit="passage")
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update


# The fits need scikit-learn, which only the test tools install (the app and its answers do not).
FIT_NEEDS_SKLEARN = (
    "Anpassningen behöver scikit-learn, som bara testverktygen installerar: kör `bash run.sh test` en gång "
    "eller `.venv/bin/pip install scikit-learn==1.9.1`."
)
EVALS = Path(__file__).resolve().parent.parent / "evals"


def _can_fit() -> bool:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print(FIT_NEEDS_SKLEARN, file=sys.stderr)
        return False
    return True


def _dev_questions(args) -> list:
    from assistant.evaluation.datasets import read_questions

    folder = Path(args.questions) if args.questions else EVALS / "questions"
    return [q for path in sorted(folder.glob("*.jsonl")) for q in read_questions(path)]


def _fit_abstention(args, settings: Settings) -> int:
    if not _can_fit():
        return 2
    from assistant.evaluation.fit_abstention import fit_and_report

    questions = _dev_questions(args)
    assistant = _open(settings)
    for line in fit_and_report(assistant, questions, args.write, args.folds, args.seed):
        print(line, flush=True)
    return 0


def _fit_fact_model(args, settings: Settings) -> int:
    if not _can_fit():
        return 2
    from assistant.evaluation.fit_fact_model import fit_and_report

    assistant = _open(settings)
    for line in fit_and_report(assistant, _dev_questions(args), args.write, args.folds, args.seed):
        print(line, flush=True)
    return 0


def _fit_answer(args, settings: Settings) -> int:
    if not _can_fit():
        return 2
    from assistant.evaluation.datasets import read_conversations
    from assistant.evaluation.fit_answer import fit_and_report

    chats = Path(args.conversations) if args.conversations else EVALS / "conversations"
    conversations = [c for path in sorted(chats.glob("*.jsonl")) for c in read_conversations(path)]
    assistant = _open(settings)
    for line in fit_and_report(
        assistant, _dev_questions(args), conversations, args.write, args.folds, args.seed, print
    ):
        print(line, flush=True)
    return 0


def _ingest(args, settings: Settings) -> int:
    from assistant.errors import BuildInProgressError
    from assistant.index.build import build_index

    try:
        report = build_index(settings, progress=_progress_bar(), force=args.force, notice=print)
    except BuildInProgressError:
        return _follow_other_build(settings)
    if report.up_to_date:
        print(f"Indexet är redan aktuellt: {report.documents} dokument, {report.chunks} passager.")
    else:
        print(
            f"Indexet är byggt: {report.documents} dokument, {report.chunks} passager "
            f"({report.embedded} nya inbäddningar) på {report.seconds:.1f} s."
        )
    for name in report.unlisted:
        print(f"Varning: {name} saknas i manifestet; metadata togs från filen.")
    for warning in report.warnings:
        print(f"Varning: {warning}")
    for skipped in report.skipped:
        print(
            f"Hoppade över {skipped.reason}"
            if skipped.reason.startswith(skipped.file)
            else f"Hoppade över {skipped.file}: {skipped.reason}"
        )
    return 0


def _ship_vectors(args, settings: Settings) -> int:
    from assistant.index.shipped_vectors import ship_corpus_vectors

    report = ship_corpus_vectors(settings, progress=_progress_bar())
    print(
        f"Skrev {report.passages} passagers vektorer ({report.model}, {report.embedded} nya inbäddningar) "
        f"till {report.path} ({report.bytes / 1_000_000:.1f} MB)."
    )
    if report.spelling_verdicts:
        print(f"Skrev {report.spelling_verdicts} stavningsbesked från Hunspell för OCR-reparationen.")
    return 0


def _follow_other_build(settings: Settings) -> int:
    """Another process (the app's worker, another `assistant ingest`) holds the build lock: show its progress,
    as every browser tab does, until it ends, instead of failing."""
    from assistant.index.build_progress import DONE, follow_progress

    print("En annan process bygger redan indexet; här är dess förlopp.")
    shown = ""

    def show(progress) -> None:
        nonlocal shown
        # One line per phase, and per tenth of the embedding: not one per batch.
        step = progress.done * 10 // progress.total if progress.total else 0
        key = f"{progress.phase} {step}"
        if key != shown:
            print(f"  {progress.text()}", flush=True)
            shown = key

    last = follow_progress(settings.index_path, show)
    if last is not None and last.phase == DONE:
        print("Indexet är byggt av den andra processen.")
        return 0
    if last is not None and last.finished:
        print(f"Fel: den andra processens bygge misslyckades: {last.text()}", file=sys.stderr)
    else:
        print("Fel: den andra processens bygge avbröts. Kör `assistant ingest` igen.", file=sys.stderr)
    return 2


def _open(settings: Settings):
    from assistant.core import Assistant

    return Assistant.from_config(settings, progress=_progress_bar(), notice=print)


def _search(args, settings: Settings) -> int:
    from assistant.retrieval.hybrid import SearchFilters

    assistant = _open(settings)
    filters = SearchFilters(doc_ids=tuple(args.doc), kinds=tuple(args.kind), years=tuple(args.year))
    unknown = _unknown_filter_values(assistant, filters)
    if unknown:
        print(unknown)
        return 2
    passages = assistant.search(args.question, k=args.k, filters=filters)
    if not passages:
        print("Hittade inga passager som matchar frågan.")
    for rank, passage in enumerate(passages, start=1):
        print(f"[{rank}] {passage.label}  (poäng {passage.score:.4f})")
        print("    " + passage.text[:400].replace("\n", "\n    "))
        if passage.instructions:
            print(f"    {instruction_notice(passage.instructions)}")
        print()
    return 0


def _unknown_filter_values(assistant, filters) -> str:
    """A Swedish message naming the filter values no indexed document has (with those that exist), or ''.
    A filter that matches nothing would otherwise find nothing without saying why."""
    documents = assistant.tables.documents.values()
    if not documents and not filters.empty:
        return "Indexet saknar dokumentkatalog (documents.json), så filtren kan inte kontrolleras. Bygg om indexet."
    known = (
        ("Inget indexerat dokument heter", "--doc", filters.doc_ids, sorted(d.doc_id for d in documents)),
        ("Ingen indexerad dokumenttyp heter", "--kind", filters.kinds, sorted({d.kind for d in documents if d.kind})),
        ("Inget indexerat dokument är från år", "--year", filters.years, sorted({d.year for d in documents if d.year})),
    )
    lines = []
    for says, option, asked, existing in known:
        missing = [str(v) for v in asked if v not in existing]
        if missing and existing:
            lines.append(f"{says} {', '.join(missing)} ({option}). Finns: {', '.join(str(v) for v in existing)}.")
    return "\n".join(lines)


def _eval(args, settings: Settings) -> int:
    from assistant.evaluation.conversations import chat_ask
    from assistant.evaluation.datasets import dev_set, dev_sets
    from assistant.evaluation.runner import evaluate_sets, report_lines

    sets = [dev_set(Path(args.questions))] if args.questions else dev_sets()
    if not sets:
        print("Hittade inga frågefiler i evals/questions eller evals/conversations.")
        return 1
    assistant = _open(settings)
    retriever = assistant.retriever
    retrievers = {"keyword": retriever.keyword_search, "vector": retriever.vector_search, "fused": retriever.search}
    answers = getattr(args, "answers", False)
    # The first calls load the model and warm caches; kept out of the latency of a 12-question set.
    for search in retrievers.values():
        search("Vad är Nära vård?", 10)
    if answers:
        assistant.ask("Vad är Nära vård?")
    report = evaluate_sets(
        sets, retrievers, assistant.ask if answers else None, chat_ask(assistant.ask) if answers else None
    )
    for line in report_lines(report):
        print(line, flush=True)
    if args.report:
        Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def _ask(args, settings: Settings) -> int:
    from assistant.retrieval.hybrid import SearchFilters

    assistant = _open(settings)
    filters = SearchFilters(doc_ids=tuple(args.doc))
    unknown = _unknown_filter_values(assistant, filters)
    if unknown:
        print(unknown)
        return 2
    answer = assistant.ask(args.question, filters=filters)
    print(terminal_text(answer.answer))
    if answer.citations:
        print()
        print("Källor:")
    for number, citation in enumerate(answer.citations, start=1):
        print(f"[{number}] {citation.label}")
        if citation.instructions:
            print(f"    {instruction_notice(citation.instructions)}")
    return 0


def terminal_text(markdown: str) -> str:
    """An answer's Markdown as a terminal shows it: no HTML entities or backslash escapes (nothing renders there),
    and a heading the answerer wrote ("#### Sörmland") as its words and a colon; a document's "#", which the
    answerer escaped, stays as written."""
    plain = re.sub(r"^#{1,6}\s+(.+?)\s*$", r"\1:", markdown, flags=re.MULTILINE)
    return html.unescape(re.sub(r"\\([\\`*_{}\[\]()#+.!|>-])", r"\1", plain))


def _lookup_options(command: argparse.ArgumentParser, lookup_name: str) -> None:
    """One option per argument of the lookup, as the registry declares it."""
    from assistant.tables.registry import LOOKUPS_BY_NAME

    for argument in LOOKUPS_BY_NAME[lookup_name].arguments:
        # A number without a metavar of its own shows as TAL, not as its (English) name in capitals.
        metavar = argument.metavar or ("TAL" if argument.type is int else None)
        command.add_argument(argument.flag, type=argument.type, help=argument.help, metavar=metavar)


def _indicators(args, settings: Settings) -> int:
    from assistant.tables.registry import LOOKUPS_BY_NAME

    tables = _open(settings).tables
    result = tables.measure(args.name) if args.name else LOOKUPS_BY_NAME["measures"].call(tables, vars(args))
    return _print_tool_result(result)


def _initiatives(args, settings: Settings) -> int:
    from assistant.tables.registry import LOOKUPS_BY_NAME

    tables = _open(settings).tables
    result = tables.initiative(args.name) if args.name else LOOKUPS_BY_NAME["initiatives"].call(tables, vars(args))
    return _print_tool_result(result)


def _print_tool_result(result) -> int:
    if not result.found:
        print(result.message or "Hittade inget.")
        return 1
    if result.message:  # "2 mått anger ingen datakälla.", "Ingen satsning slutar 2031 …"
        print(result.message)
    one_source = len({(c.doc_id, c.text) for c in result.citations}) == 1
    for number, (row, citation) in enumerate(zip(result.rows, result.citations), start=1):
        if one_source and set(row) == {"Fält", "Uppgift"}:
            print(f"{row['Fält']}: {row['Uppgift']}")
            continue
        print(f"[{number}] " + " | ".join(f"{k}: {v}" for k, v in row.items() if str(v).strip()))
        if not one_source:
            print(f"    Källa: {citation.label}")
    if one_source:
        print(f"\nKälla: {result.citations[0].label}")
    return 0


def _bench(args, settings: Settings) -> int:
    from assistant.evaluation.benchmark import run_benchmark

    for line in run_benchmark(settings, Path(args.questions), users=args.users):
        print(line, flush=True)
    return 0


def _feedback(args, settings: Settings) -> int:
    from assistant.feedback import FeedbackStore

    store = FeedbackStore(settings.feedback_db)
    if args.export == "-":
        store.export_csv(sys.stdout)
        return 0
    if args.export:
        with open(args.export, "w", encoding="utf-8", newline="") as out:
            count = store.export_csv(out)
        print(f"Skrev {count} rader återkoppling till {args.export}.")
        return 0
    entries = store.all()
    ups = sum(1 for e in entries if e.rating == "up")
    downs = sum(1 for e in entries if e.rating == "down")
    comments = sum(1 for e in entries if e.comment)
    print(f"{len(entries)} svar med återkoppling i {store.path}: {ups} 👍, {downs} 👎, {comments} med kommentar.")
    return 0


def _serve(args, settings: Settings) -> int:
    from assistant.api.server import serve

    return serve(settings, args.host, args.port)


def _key_store(settings: Settings):
    from assistant.api.keys import KeyStore, keys_path

    return KeyStore(keys_path(settings))


def _api_key_create(args, settings: Settings) -> int:
    store = _key_store(settings)
    key = store.create(args.name)
    print(f"Ny API-nyckel för {args.name.strip()} (visas bara nu, spara den på ett säkert ställe):")
    print(key)
    print(f"Skicka den som 'Authorization: Bearer <nyckel>'. Nycklarna ligger som hash i {store.path}.")
    return 0


def _api_key_list(args, settings: Settings) -> int:
    keys = _key_store(settings).all()
    if not keys:
        print("Inga API-nycklar. Skapa en med: assistant api-key create NAMN")
    for key in keys:
        state = f"återkallad {key.revoked}" if key.revoked else "aktiv"
        print(f"{key.name}  {key.hint}…  skapad {key.created}  {state}")
    return 0


def _api_key_revoke(args, settings: Settings) -> int:
    count = _key_store(settings).revoke(args.name)
    if not count:
        print(f"Ingen aktiv nyckel heter {args.name!r}.")
        return 1
    print(
        f"Återkallade {count} nyckel med namnet {args.name!r}."
        if count == 1
        else f"Återkallade {count} nycklar med namnet {args.name!r}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
