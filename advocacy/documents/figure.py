"""A timeline of the case's events, drawn from the facts as SVG.

The PDF draws the SVG; advocacy/formats/docx.py turns it into a PNG for Word.

Two panels: the whole record by year, and its last months by day, where events crowd. Black and
white by design: the status is a shape (confirmed: filled circle; alleged: open circle;
disputed: open square), an event with a span is a bar, and labels sit on staggered rows so
they never overlap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

from advocacy.documents.contexts import Row
from advocacy.facts.models import Case
from advocacy.i18n.catalogs import N_, translate
from advocacy.i18n.words import date_words

WIDTH, HEIGHT = 640, 268
PANEL = 120
"""The height of the first panel (years): left out when a case has only recent events."""
LEFT, RIGHT = 20, 620
RECENT_DAYS = 120
"""The second panel shows the last four months of the record."""
KEY_KINDS = {
    "arrest", "detention", "raid", "fine", "conviction", "sentence", "award", "appeal",
    "summons", "charge", "release", "hunger-strike", "un-decision", "surveillance",
}  # fmt: skip
KIND_WORDS = {
    "arrest": N_("arrest"), "detention": N_("detention"), "raid": N_("raid"), "fine": N_("fine"),
    "conviction": N_("conviction"), "sentence": N_("sentence"), "award": N_("award"),
    "appeal": N_("appeal"), "summons": N_("summons"), "charge": N_("charge"),
    "release": N_("release"), "hunger-strike": N_("hunger strike"),
    "un-decision": N_("UN decision"), "surveillance": N_("surveillance"),
}  # fmt: skip
"""How a label names each key kind of event."""
FONT = "font-family: 'Noto Sans', 'DejaVu Sans', sans-serif"


def timeline_svg(case: Case, rows: Sequence[Row], lang: str = "en") -> Markup:
    """The figure as an SVG element, its words in ``lang`` (safe in HTML: every label is
    escaped)."""
    # What is scheduled after the record's date has not happened: the figure ends at `updated`.
    dated = [
        row for row in rows if row.event.date is not None and row.event.date.lower <= case.updated
    ]
    if not dated:
        return Markup("")
    end = case.updated
    split = end - dt.timedelta(days=RECENT_DAYS)
    older = [r for r in dated if r.event.date and r.event.date.lower < split]
    recent = [r for r in dated if r.event.date and r.event.date.upper >= split]
    # A case whose events all fall in the last months needs only the second panel.
    shift = 0 if older else PANEL
    height = HEIGHT - shift
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" '
        f'aria-label="{escape(translate(lang, "Timeline of events"))}" '
        f'style="{FONT}">',
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    if older:
        first = min(r.event.date.lower for r in older if r.event.date)
        parts += _panel(older, dt.date(first.year, 1, 1), split, 10, "years", case, lang)
    parts += _panel(recent, split, end, 10 + PANEL - shift, "days", case, lang)
    parts.append(_legend(height, lang))
    parts.append("</svg>")
    return Markup("".join(parts))


def _panel(
    rows: Sequence[Row], start: dt.date, end: dt.date, top: int, scale: str, case: Case, lang: str
) -> list[str]:
    span = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        return LEFT + (RIGHT - LEFT) * min(max((day - start).days, 0), span) / span

    axis = top + 70
    caption = _caption(start, end, scale, lang)
    out = [
        f'<text x="{LEFT}" y="{top + 10}" font-size="10" font-weight="bold">'
        f"{escape(caption)}</text>",
        f'<line x1="{LEFT}" y1="{axis}" x2="{RIGHT}" y2="{axis}" stroke="black" stroke-width="1"/>',
    ]
    out += _ticks(start, end, x, axis, scale, lang)
    for row in rows:
        event = row.event
        assert event.date is not None
        a, b = x(max(event.date.lower, start)), x(min(event.date.upper, end))
        if not event.date.is_interval:
            b = a
        if b - a > 3:
            out.append(
                f'<rect x="{a:.1f}" y="{axis - 3}" width="{b - a:.1f}" height="6" '
                'fill="white" stroke="black" stroke-width="0.8"/>'
            )
        out.append(_marker((a + b) / 2 if b - a <= 3 else a, axis, event.status))
    out += _labels(rows, x, axis, scale, case, lang)
    return out


def _labels(
    rows: Sequence[Row], x: object, axis: int, scale: str, case: Case, lang: str
) -> list[str]:
    """Labels for the key events, the defenders' own first, on rows above and below the axis."""
    assert callable(x)
    out: list[str] = []
    shelves: list[list[tuple[float, float]]] = [[] for _ in range(6)]  # 4 above, 2 below
    key = [r for r in rows if r.event.kind in KEY_KINDS]
    own = [r for r in key if set(r.event.people) & set(case.defenders)]
    others = [r for r in key if r not in own] if scale == "days" else []
    for row in sorted(own, key=lambda r: r.event.date.sort_key if r.event.date else ()) + others:
        assert row.event.date is not None
        a = x(row.event.date.lower)
        label = _label(row, scale, lang)
        width = 4.6 * len(label)
        # A label that would run off the right edge ends at its event instead of starting there.
        left = a - width if a + width > RIGHT else a
        level = next(
            (
                i
                for i, taken in enumerate(shelves)
                if all(left > end + 3 or left + width < begin - 3 for begin, end in taken)
            ),
            None,
        )
        if level is None:
            continue
        shelves[level].append((left, left + width))
        anchor = "end" if left < a else "start"
        if level < 4:
            y = axis - 14 - 12 * level
            line = (axis - 4, y + 2)
        else:
            y = axis + 28 + 12 * (level - 4)
            line = (axis + 4, y - 8)
        out.append(
            f'<line x1="{a:.1f}" y1="{line[0]}" x2="{a:.1f}" y2="{line[1]}" stroke="black" '
            'stroke-width="0.4"/>'
        )
        out.append(
            f'<text x="{a:.1f}" y="{y}" font-size="8" text-anchor="{anchor}">{escape(label)}</text>'
        )
    return out


def _label(row: Row, scale: str, lang: str) -> str:
    from babel.dates import format_date, format_skeleton  # start-up: letters draw no figure

    date = row.event.date
    assert date is not None
    kind = translate(lang, KIND_WORDS[row.event.kind])
    if scale == "years":
        return f"{date.lower.year} {kind}"
    if date.start.precision == "day" and not date.is_interval:
        return f"{format_skeleton('MMMd', date.lower, locale=_locale(lang))} {kind}"
    return f"{format_date(date.lower, 'LLL', locale=_locale(lang))} {kind}"


def _locale(lang: str) -> str:
    return "en_GB" if lang == "en" else lang.replace("-", "_")


def _caption(start: dt.date, end: dt.date, scale: str, lang: str) -> str:
    if scale == "years":
        return translate(lang, "%(start)s–%(end)s, by year", start=start.year, end=end.year)
    return translate(
        lang,
        "%(start)s – %(end)s, by day",
        start=date_words(start, lang),
        end=date_words(end, lang),
    )


def _ticks(start: dt.date, end: dt.date, x: object, axis: int, scale: str, lang: str) -> list[str]:
    from babel.dates import format_date  # start-up: letters draw no figure

    assert callable(x)
    out = []
    if scale == "years":
        step = max(1, (end.year - start.year) // 8)
        years = range(start.year - start.year % step + step, end.year + 1, step)
        marks = [(dt.date(year, 1, 1), str(year)) for year in years]
    else:
        months = []
        day = dt.date(start.year, start.month, 1)
        while day <= end:
            if day >= start:
                months.append((day, format_date(day, "LLL", locale=_locale(lang))))
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        marks = months
    for day, text in marks:
        pos = x(day)
        out.append(
            f'<line x1="{pos:.1f}" y1="{axis}" x2="{pos:.1f}" y2="{axis + 4}" stroke="black"/>'
        )
        out.append(
            f'<text x="{pos:.1f}" y="{axis + 14}" font-size="8" text-anchor="middle">{text}</text>'
        )
    return out


def _marker(cx: float, cy: int, status: str) -> str:
    if status == "disputed":
        return (
            f'<rect x="{cx - 3:.1f}" y="{cy - 3}" width="6" height="6" fill="white" '
            'stroke="black" stroke-width="1"/>'
        )
    fill = "black" if status == "confirmed" else "white"
    return f'<circle cx="{cx:.1f}" cy="{cy}" r="3" fill="{fill}" stroke="black" stroke-width="1"/>'


def _legend(height: int, lang: str) -> str:
    """What each shape means, the words in ``lang``, each after its shape."""
    y = height - 8
    shapes = (
        (f'<circle cx="{{x}}" cy="{y - 3}" r="3" fill="black" stroke="black"/>', 6),
        (f'<circle cx="{{x}}" cy="{y - 3}" r="3" fill="white" stroke="black"/>', 6),
        (f'<rect x="{{x}}" y="{y - 6}" width="6" height="6" fill="white" stroke="black"/>', 6),
        (f'<rect x="{{x}}" y="{y - 6}" width="18" height="6" fill="white" stroke="black"/>', 18),
    )
    words = (N_("confirmed"), N_("alleged"), N_("disputed"), N_("a span of time"))
    out, x = [], float(LEFT)
    for (shape, width), word in zip(shapes, words, strict=True):
        text = translate(lang, word)
        centre = x + 3 if width == 6 and "circle" in shape else x
        out.append(shape.format(x=f"{centre:.1f}"))
        out.append(f'<text x="{x + width + 4:.1f}" y="{y}" font-size="8">{escape(text)}</text>')
        x += width + 4 + 5.0 * len(text) + 12  # room for wider letters (Cyrillic) too
    return "".join(out)
