"""The events in order, dated in words, with sources numbered as a reader meets them."""

from __future__ import annotations

from advocacy.documents.chronology import Citations, age, rows
from advocacy.documents.contexts import SummaryContext
from advocacy.documents.document import document
from advocacy.facts.load import LoadedCase


def _rows(bundled: LoadedCase) -> list[tuple[str, str]]:
    case = bundled.case
    return [(row.date, row.event.text) for row in rows(case, Citations(case))]


def test_every_event_appears_once_in_date_order(bundled: LoadedCase) -> None:
    case = bundled.case
    table = rows(case, Citations(case))
    assert sorted(id(row.event) for row in table) == sorted(id(e) for e in case.events)
    keys = [row.event.date.sort_key for row in table if row.event.date]
    assert keys == sorted(keys)
    undated = [row for row in table if row.event.date is None]
    assert undated and table[-len(undated) :] == undated
    assert all(row.date == "Date unknown" for row in undated)


def test_partial_dates_sort_and_read_right_in_the_bundled_case(bundled: LoadedCase) -> None:
    dates = [date for date, _ in _rows(bundled)]
    # A year before the days inside it; a year-only date sorts by its start.
    assert dates.index("2004") < dates.index("16 March 2010") < dates.index("16–20 May 2016")
    assert dates.index("2022") < dates.index("5 January 2022") < dates.index("1 September 2022")
    assert "2005 (unconfirmed)" in dates and "12 April 2005 (unconfirmed)" in dates
    assert "around 7 August 2025" in dates
    assert dates[-1] == "Date unknown"


def test_an_interval_with_a_note_reads_with_its_note(bundled: LoadedCase) -> None:
    case = bundled.case
    strike = next(row for row in rows(case, Citations(case)) if row.event.kind == "hunger-strike")
    assert (strike.date, strike.date_note) == ("May – August 2025", "late May – mid-August")


def test_sources_are_numbered_in_order_of_first_citation(bundled: LoadedCase) -> None:
    case = bundled.case
    citations = Citations(case)
    table = rows(case, citations)
    seen: list[int] = []
    for row in table:
        for number in row.sources:
            if number not in seen:
                assert number == len(seen) + 1
                seen.append(number)
        assert [n for n in row.sources if n in row.first_citations] == list(row.first_citations)
    assert len(citations.sources) == len(seen)
    assert [s.id for s in citations.sources] == citations.order


def test_age_on_the_date_the_record_is_current_to() -> None:
    import datetime as dt

    born = dt.date(1962, 3, 23)
    assert age(born, dt.date(2025, 8, 20)) == 63
    assert age(born, dt.date(2025, 3, 22)) == 62
    assert age(born, dt.date(2025, 3, 23)) == 63


def test_the_summary_gives_every_account_of_the_fine_with_its_source(
    bundled: LoadedCase,
) -> None:
    context = document(bundled, "summary").context
    assert isinstance(context, SummaryContext)
    charge = context.charges[0]
    sources = context.sources
    accounts = {p.words: [sources[n - 1].publisher for n in p.sources] for p in charge.penalties}
    assert accounts == {
        "KZT 78,640 (approximately USD 145)": ["Human Rights Watch"],
        "approximately KZT 78,000 (EUR 140)": ["Front Line Defenders"],
        "KZT 78,000 (approximately USD 146)": [None],
    }
    assert charge.court == "Specialized Interdistrict Administrative Court"
    assert charge.appeal is not None
    assert (charge.appeal.court, charge.appeal.decided, charge.appeal.outcome) == (
        "Almaty City Court",
        "20 August 2025",
        "upheld",
    )
    assert context.profiles[0].age == 63
