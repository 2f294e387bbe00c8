"""Typed, read-only lookups in the rebuilt tables: each returns rows with a cited source per row.

No SQL is ever built from user text: tables are read whole (they are small) and filtered in Python.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.models import Citation
from assistant.tables.initiatives import derived_status
from assistant.tables.matching import best_matches, closest_names
from assistant.tables.store import DB_NAME, read_table
from assistant.text.folding import fold

EMPTY_FIELD = "(tomt i källan)"
MEASURE_LABELS = {
    "titel": "Titel",
    "matt": "Mått",
    "matenhet": "Mätenhet",
    "syfte": "Syfte",
    "tolkning": "Tolkning",
    "riktning": "Riktning",
    "malniva": "Målnivå",
    "typ_av_indikator": "Typ av indikator",
    "datakalla": "Datakälla",
    "datakallans_status": "Datakällans status",
    "felkallor": "Felkällor och begränsningar",
    "teknisk_beskrivning": "Teknisk beskrivning",
    "taljare": "Täljare",
    "namnare": "Nämnare",
    "redovisningsnivaer": "Redovisningsnivåer och fördelningar",
    "kommentar": "Kommentar",
}


@dataclass(frozen=True)
class ToolResult:
    """Rows a tool found, with the source of each row (citations[i] belongs to rows[i])."""

    tool: str
    arguments: dict[str, Any]
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    citations: tuple[Citation, ...]
    message: str = ""
    suggestions: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.rows)


class TableTools:
    """Lookups over tables.sqlite of one build."""

    def __init__(self, build_dir: Path, today: datetime.date | None = None) -> None:
        self.path = Path(build_dir) / DB_NAME
        self.today = today
        self._cache: dict[str, list[dict]] = {}

    @property
    def available(self) -> bool:
        return self.path.is_file()

    def table(self, name: str) -> list[dict]:
        if name not in self._cache:
            self._cache[name] = read_table(self.path, name) if self.available else []
        return self._cache[name]

    # --- the indicator library -------------------------------------------------------------
    def measures(self, malomrade: str | None = None, missing: str | None = None) -> ToolResult:
        """Every measure of Sörmland's indicator library, optionally of one målområde, or those whose field
        `missing` (e.g. "målnivå", "datakälla") the library leaves empty."""
        arguments = {"malomrade": malomrade} | ({"missing": missing} if missing else {})
        rows = self.table("measures")
        if malomrade:
            areas = sorted({r["malomrade"] for r in rows})
            wanted = {areas[i] for i in best_matches(malomrade, areas, limit=1)}
            if not wanted:
                return self._nothing("measures", arguments, malomrade, areas, "målområde")
            rows = [r for r in rows if r["malomrade"] in wanted]
        if missing:
            labels = list(MEASURE_LABELS.values())
            found = best_matches(missing, labels, limit=1)
            if not found:
                return self._nothing("measures", arguments, missing, labels, "fält")
            key, label = list(MEASURE_LABELS.items())[found[0]]
            empty = [r for r in rows if _says_nothing(r.get(key, ""))]
            if not empty:
                return ToolResult("measures", arguments, (), (), (), f"Alla mått anger {label.lower()}.")
            rows = empty
        columns = ("Målområde", "Indikator", "Titel", "Mått", "Datakälla", "Riktning")
        if missing and label not in columns:
            columns += (label,)
        shown = [
            {
                "Målområde": r["malomrade"],
                "Indikator": measure_label(r),
                "Titel": r["titel"],
                "Mått": _or_empty(r["matt"]),
                "Datakälla": _or_empty(r["datakalla"]),
                "Riktning": _or_empty(r["riktning"]),
            }
            for r in rows
        ]
        if not missing:
            return self._result("measures", arguments, columns, shown, rows)
        for row, source in zip(shown, rows, strict=True):
            row[label] = _or_empty(source.get(key, ""))
        result = self._result("measures", arguments, columns, shown, rows)
        return dataclasses.replace(result, message=f"{len(rows)} mått anger ingen {label.lower()}.")

    def measure(self, name: str) -> ToolResult:
        """The full definition (every field, empty ones said to be empty) of the measure(s) best matching name."""
        rows = self.table("measures")
        labelled = [r for r in rows if fold(measure_label(r)) == fold(name.strip())]  # "Kontinuitet 1"
        names = [f"{r['titel']} {measure_label(r)}" for r in rows]
        matches = best_matches(name, names, limit=2)
        if not labelled and not matches:
            return self._nothing("measure", {"name": name}, name, [r["titel"] for r in rows], "mått")
        best = labelled[0] if labelled else rows[matches[0]]
        shown = [{"Fält": "Indikator", "Uppgift": f"{measure_label(best)} (målområde {best['malomrade']})"}]
        shown += [{"Fält": label, "Uppgift": _or_empty(best.get(key, ""))} for key, label in MEASURE_LABELS.items()]
        return self._result("measure", {"name": name}, ("Fält", "Uppgift"), shown, [best] * len(shown))

    def proposed_measures(self, indikator: str | None = None) -> ToolResult:
        """The project report's proposed measures per indicator and målområde."""
        rows = self.table("proposed_measures")
        if indikator:
            indicators = sorted({r["indikator"] for r in rows})
            wanted = {indicators[i] for i in best_matches(indikator, indicators, limit=1)}
            if not wanted:
                return self._nothing("proposed_measures", {"indikator": indikator}, indikator, indicators, "indikator")
            rows = [r for r in rows if r["indikator"] in wanted]
        shown = [{"Målområde": r["malomrade"], "Indikator": r["indikator"], "Mått": r["matt"]} for r in rows]
        return self._result(
            "proposed_measures", {"indikator": indikator}, ("Målområde", "Indikator", "Mått"), shown, rows
        )

    def data_sources(self, typ: str | None = None) -> ToolResult:
        """The indicator library's data sources by type (enkät, register, annan datakälla) and how often they come."""
        rows = self.table("data_sources")
        if typ:
            types = sorted({r["typ"] for r in rows})
            wanted = {types[i] for i in best_matches(typ, types, limit=1, min_score=70)}
            if not wanted:
                return self._nothing("data_sources", {"typ": typ}, typ, types, "typ av datakälla")
            rows = [r for r in rows if r["typ"] in wanted]
        shown = [{"Typ": r["typ"], "Datakälla": r["datakalla"], "Hur ofta": r["frekvens"]} for r in rows]
        return self._result("data_sources", {"typ": typ}, ("Typ", "Datakälla", "Hur ofta"), shown, rows)

    # --- Socialstyrelsen's core indicators -------------------------------------------------
    def core_indicators(self, name: str | None = None) -> ToolResult:
        """The 12 national kärnindikatorer, or the one best matching name, with what it measures and its source."""
        rows = self.table("core_indicators")
        if name:
            matches = best_matches(name, [r["indikator"] for r in rows], limit=1)
            if not matches:
                return self._nothing(
                    "core_indicators", {"name": name}, name, [r["indikator"] for r in rows], "kärnindikator"
                )
            rows = [rows[matches[0]]]
        columns = ("Kärnindikator", "Nyckelord", "Mått", "Datakälla")
        shown = [
            {
                "Kärnindikator": r["indikator"],
                "Nyckelord": r["nyckelord"],
                "Mått": _or_empty(r["matt"]),
                "Datakälla": _or_empty(r["kalla"]),
            }
            for r in rows
        ]
        sources = [_detail_or_row(r) for r in rows]
        return self._result("core_indicators", {"name": name}, columns, shown, sources)

    def core_values(
        self, indicator: str | None = None, year: int | None = None, region: str | None = None, group: str | None = None
    ) -> ToolResult:
        """Values the national report states for a core indicator, by year, region or county, and group."""
        arguments = {"indicator": indicator, "year": year, "region": region, "group": group}
        rows = self.table("core_values")
        if indicator:
            names = sorted({r["indikator"] for r in rows})
            wanted = {names[i] for i in best_matches(indicator, names, limit=1)}
            if not wanted:
                return self._nothing("core_values", arguments, indicator, names, "kärnindikator")
            rows = [r for r in rows if r["indikator"] in wanted]
        if year:
            rows = [r for r in rows if str(r["ar"]) == str(year)]
        if region:
            rows = [r for r in rows if fold(region) in fold(r["region"] or "")]
        if group:
            rows = [r for r in rows if fold(group) == fold(r["grupp"])]
        columns = ("Kärnindikator", "År", "Region/län", "Grupp", "Värde", "Enhet")
        shown = [
            {
                "Kärnindikator": r["indikator"],
                "År": r["ar"] or "",
                "Region/län": r["region"] or "riket",
                "Grupp": r["grupp"],
                "Värde": r["varde"],
                "Enhet": r["enhet"],
            }
            for r in rows
        ]
        # The report often states one value twice (summary and detail): show it once, with its first source.
        first = {tuple(row.items()): i for i, row in reversed(list(enumerate(shown)))}
        kept = sorted(first.values())
        return self._result("core_values", arguments, columns, [shown[i] for i in kept], [rows[i] for i in kept])

    # --- the färdplan's satsningar ---------------------------------------------------------
    def initiatives(
        self,
        insatsomrade: str | None = None,
        status: str | None = None,
        year: int | None = None,
        starts_in: int | None = None,
        ends_in: int | None = None,
    ) -> ToolResult:
        """The länsgemensamma satsningar with a status derived from their period and today's date;
        `year` keeps those whose period covers that year, `starts_in` / `ends_in` those that start / end then."""
        arguments = {"insatsomrade": insatsomrade, "status": status, "year": year}
        arguments |= {k: v for k, v in (("starts_in", starts_in), ("ends_in", ends_in)) if v}
        rows = self.table("initiatives")
        if insatsomrade:
            areas = sorted({r["insatsomrade"] for r in rows} | {r["insatsomrade"] for r in self.table("areas")})
            wanted = {areas[i] for i in best_matches(insatsomrade, areas, limit=1, min_score=70)}
            if not wanted:
                return self._nothing("initiatives", arguments, insatsomrade, areas, "insatsområde")
            rows = [r for r in rows if r["insatsomrade"] in wanted]
        if year:
            rows = [r for r in rows if _covers(r, int(year))]
        message = ""
        for key, edge_year, verb in (("start", starts_in, "startar"), ("slut", ends_in, "slutar")):
            if edge_year:
                kept = [r for r in rows if str(r[key]) == str(edge_year)]
                if not kept:  # "none ends then" is an answer too; show the periods there are
                    message = f"Ingen satsning {verb} {edge_year} enligt färdplanens perioder."
                rows = kept or rows
        shown = [self._initiative_row(r) for r in rows]
        if status:
            keep = [i for i, r in enumerate(shown) if fold(status) in fold(r["Status"])]
            if keep:
                shown, rows = [shown[i] for i in keep], [rows[i] for i in keep]
            else:  # "none is ended" is an answer too; show what their statuses are
                message = f"Ingen satsning har status ”{status}” (härlett ur perioderna och dagens datum)."
        columns = ("Insatsområde", "Satsning", "Mål/syfte", "Period", "Status", "Utförare")
        result = self._result("initiatives", arguments, columns, shown, rows)
        if message:
            result = ToolResult(result.tool, arguments, result.columns, result.rows, result.citations, message)
        if insatsomrade and not shown:
            idle = [a for a in self.table("areas") if not a["pagaende_arbete"] and a["insatsomrade"] in wanted]
            if idle:
                return ToolResult(
                    "initiatives",
                    arguments,
                    ("Insatsområde", "Status"),
                    tuple(
                        {"Insatsområde": a["insatsomrade"], "Status": "Inget pågående länsgemensamt arbete."}
                        for a in idle
                    ),
                    tuple(_citation(a) for a in idle),
                )
        return result

    def areas(self, without_joint_work: bool = False) -> ToolResult:
        """The färdplan's eight insatsområden, or only those with no ongoing joint work."""
        rows = [a for a in self.table("areas") if not without_joint_work or not a["pagaende_arbete"]]
        shown = [
            {
                "Insatsområde": a["insatsomrade"],
                "Länsgemensamt arbete": "pågår" if a["pagaende_arbete"] else "Inget pågående länsgemensamt arbete.",
            }
            for a in rows
        ]
        columns = ("Insatsområde", "Länsgemensamt arbete")
        return self._result("areas", {"without_joint_work": without_joint_work}, columns, shown, rows)

    def initiative(self, name: str) -> ToolResult:
        """One satsning: goal, period (and the bilagor's period where it differs), status, utförare."""
        rows = self.table("initiatives")
        matches = best_matches(name, [r["satsning"] for r in rows], limit=1)
        if not matches:
            return self._nothing("initiative", {"name": name}, name, [r["satsning"] for r in rows], "satsning")
        row = rows[matches[0]]
        shown = [self._initiative_row(row)]
        sources = [row]
        description_index = row["extra"].get("description_row")
        if description_index is not None:
            description = self.table("initiative_descriptions")[description_index]
            shown.append(
                {
                    "Insatsområde": "",
                    "Satsning": f"{description['namn']} (beskrivning i bilagorna)",
                    "Mål/syfte": description["syfte"] or description["forvantat_resultat"],
                    "Period": description["tidplan"] or EMPTY_FIELD,
                    "Status": "",
                    "Utförare": "",
                }
            )
            sources.append(description)
        columns = ("Insatsområde", "Satsning", "Mål/syfte", "Period", "Status", "Utförare")
        return self._result("initiative", {"name": name}, columns, shown, sources)

    def _initiative_row(self, row: dict) -> dict:
        status = derived_status(row["start"], row["slut"], self.today)
        period = row["tid"] or "(ingen period angiven)"
        return {
            "Insatsområde": row["insatsomrade"],
            "Satsning": row["satsning"],
            "Mål/syfte": row["mal"],
            "Period": period,
            "Status": f"{status} (härlett från perioden {period})" if row["start"] else status,
            "Utförare": _or_empty(row["utforare"]),
        }

    # --- decisions and terms ---------------------------------------------------------------
    def decisions(self, body: str | None = None, year: int | None = None, topic: str | None = None) -> ToolResult:
        """Decisions by body (NSV, Länsstyrgruppen …), year or topic words, oldest first."""
        arguments = {"body": body, "year": year, "topic": topic}
        rows = self.table("decisions")
        if body:
            rows = [r for r in rows if fold(body)[:6] in fold(r["organ"])]
        if year:
            rows = [r for r in rows if str(r["datum_iso"]).startswith(str(year))]
        if topic:
            matches = best_matches(topic, [f"{r['beslut']} {r['kommentar']}" for r in rows], limit=10, min_score=60)
            rows = [rows[i] for i in sorted(matches)]
        if not rows:
            return self._nothing("decisions", arguments, topic or body or str(year), [], "beslut")
        rows = sorted(rows, key=lambda r: r["datum_iso"] or "")
        columns = ("Datum", "Organ", "Beslut", "Diarienummer", "Kommentar")
        shown = [
            {
                "Datum": r["datum"],
                "Organ": r["organ"],
                "Beslut": r["beslut"],
                "Diarienummer": r["diarienummer"],
                "Kommentar": r["kommentar"],
            }
            for r in rows
        ]
        return self._result("decisions", arguments, columns, shown, rows)

    def term(self, term: str) -> ToolResult:
        """A term or abbreviation: its expansion or definition, from every document that gives one."""
        rows = self.table("glossary")
        folded = fold(term).strip(" ?.!")
        exact = [r for r in rows if fold(r["term"]) == folded]
        if not exact:  # asked by what an abbreviation stands for: "Länsgemensamt regionalt stöd" is LRS
            spelled = {fold(r["term"]) for r in rows if fold(r["forklaring"]) == folded}
            exact = [r for r in rows if fold(r["term"]) in spelled]
        if not exact:
            exact = [rows[i] for i in best_matches(term, [r["term"] for r in rows], limit=3, min_score=90)]
        if not exact:
            return self._nothing("term", {"term": term}, term, [r["term"] for r in rows], "begrepp eller förkortning")
        unique, seen = [], set()
        for r in exact:
            key = (fold(r["term"]), fold(r["forklaring"]))
            if key not in seen:
                seen.add(key)
                unique.append(r)
        shown = [{"Begrepp": r["term"], "Betydelse": r["forklaring"], "Dokument": r["source_title"]} for r in unique]
        return self._result("term", {"term": term}, ("Begrepp", "Betydelse", "Dokument"), shown, unique)

    # --- shared ---------------------------------------------------------------------------
    def _result(self, tool, arguments, columns, shown, sources) -> ToolResult:
        return ToolResult(tool, arguments, tuple(columns), tuple(shown), tuple(_citation(s) for s in sources))

    def _nothing(self, tool, arguments, query, names, what) -> ToolResult:
        suggestions = closest_names(query or "", names) if names else ()
        message = f"Hittade inget {what} som matchar ”{query}”."
        if suggestions:
            message += " Närmast: " + ", ".join(suggestions) + "."
        return ToolResult(tool, arguments, (), (), (), message, suggestions)


def _covers(row: dict, year: int) -> bool:
    if not row["start"]:
        return False
    end = row["slut"]
    return int(row["start"]) <= year and (end == "tills vidare" or not end or year <= int(end))


def measure_label(row: dict) -> str:
    """The library's own name of a measure: "Kontinuitet 1" (or just the indikator when it has no number)."""
    return f"{row['indikator']} {row['nummer']}" if row.get("nummer") not in (None, "") else row["indikator"]


def _says_nothing(value: Any) -> bool:
    """An empty field, or one that says there is none ("Ingen målnivå fastställd", "Saknas")."""
    text = _or_empty(value)
    return text == EMPTY_FIELD or fold(text).startswith(("ingen ", "saknas", "finns ej", "finns inte"))


def _or_empty(value: Any) -> str:
    return str(value).strip() if value not in (None, "") and str(value).strip() else EMPTY_FIELD


def _detail_or_row(row: dict) -> dict:
    detail = row["extra"].get("detail_source")
    if not detail:
        return row
    return {f"source_{k}": v for k, v in detail.items()}


def _citation(row: dict) -> Citation:
    return Citation(
        text=row["source_passage"],
        doc_id=row["source_doc_id"],
        title=row["source_title"],
        section=row["source_section"],
        page=row["source_page"],
        chunk_id=row.get("source_chunk_id") or "",
    )
