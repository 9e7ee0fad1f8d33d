"""Dates in news prose, absolute and relative, resolved against the article's date.

Regular expressions cover the forms news copy uses ("Aug. 30", "Sept. 13, 2023",
"7 September", "in December", "Last September", "last week", "on Friday", "on Thursday
(local time)", "earlier this year", "between September 7 and October 1", "two weeks ago").
A date without a year, a weekday or a bare month is taken as the latest one on or before
the article's date (news reports what happened). Without an article date, relative dates
are kept with ``value=None``. dateparser is not needed for these forms and is far slower."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from . import lexicon
from .types import DateMention

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3,
}

_M = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
      r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?:19|20)\d\d"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# One date: "Sept. 13, 2023", "13 September 2023", "September 13", "September 2023".
_ONE = (rf"(?:{_M}\s+{_D}(?:,?\s+{_Y})?(?![\d:])|{_D}\s+{_M}(?:,?\s+{_Y})?|{_M}\s+{_Y}|{_M}(?=\s+(?:and|to|until|through|-|–)))")

_PATTERNS = [
    ("range", re.compile(
        rf"\b(?:between|from)\s+(?P<a>{_ONE}|{_M})\s+(?:and|to|until|through|till)\s+(?P<b>{_ONE}|{_M})",
    )),
    ("range", re.compile(rf"\b(?P<a>{_M}\s+{_D})\s*[-–]\s*(?P<b>(?:{_M}\s+)?{_D}(?:,?\s+{_Y})?)\b")),
    # "between 8 and 13 October", "8-13 October 2024"
    ("day_range", re.compile(rf"\b(?:between\s+|from\s+)?(?P<d1>{_D})\s*(?:and|to|[-–])\s*(?P<b>{_D}\s+{_M}(?:,?\s+{_Y})?)")),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("weekday_date", re.compile(rf"\b(?:on\s+)?{_WD},?\s+(?P<a>{_M}\s+{_D}(?:,?\s+{_Y})?)")),
    ("one", re.compile(rf"\b(?P<a>{_M}\s+{_D}(?:,?\s+{_Y})?)(?![\d:])")),
    ("one", re.compile(rf"\b(?P<a>{_D}\s+{_M}(?:,?\s+{_Y})?)\b")),
    ("month_year", re.compile(rf"\b(?P<a>{_M}\s+{_Y})\b")),
    ("last_month_name", re.compile(rf"\b[Ll]ast\s+(?P<m>{_M})(?!\s+\d)\b")),
    ("month", re.compile(
        rf"\b(?:in|since|until|by|from|during|early|late|mid-?|earlier|later|this|next|of|through)\s+(?:early\s+|late\s+)?"
        rf"(?P<m>{_M})(?![\s,]+(?:{_D}|{_Y})\b)\b",
    )),
    ("weekday", re.compile(rf"\b(?P<q>(?:on|last|this|next|since|until|by|late|early|earlier|later)\s+)?"
                           rf"(?P<wd>{_WD})(?P<local>\s*\((?:local|Korean|US|Moscow|Seoul) time\))?")),
    ("relative", re.compile(
        r"\b(?P<r>(?:earlier|later)\s+(?:this|last)\s+(?:week|month|year)|(?:last|this|next|past)\s+(?:week|month|year)|"
        r"(?:the\s+)?(?:previous|following)\s+(?:day|week|month|year)|today|yesterday|tonight|"
        r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|\d{1,2})\s+"
        r"(?:days?|weeks?|months?|years?)\s+(?:ago|earlier))\b",
        re.IGNORECASE,
    )),
    ("named_day", re.compile(
        rf"\b(?P<name>{'|'.join(re.escape(n) for n in lexicon.NAMED_DAYS)})(?:\s+(?:in|of)\s+(?P<y>{_Y}))?\b",
        re.IGNORECASE)),
    ("year", re.compile(rf"\b(?:in|since|by|until|from|during|of|early|late|mid-?|throughout|before|after)\s+(?P<y>{_Y})\b(?!\s*\))")),
]


_RELATIVE_WORDS = frozenset({"today", "yesterday", "tonight", "week", "weeks", "month", "months", "year", "years",
                             "ago", "day", "days"})
_ANCHORS = frozenset({*MONTHS, *WEEKDAYS, *_RELATIVE_WORDS})
# What a window must hold for each pattern to be worth running.
_NEEDS = {"range": "m", "day_range": "m", "iso": "y", "weekday_date": "w", "one": "m", "month_year": "m", "last_month_name": "m",
          "month": "m", "weekday": "w", "relative": "r", "named_day": "r", "year": "y"}
_WORD_RE = re.compile(r"[A-Za-z]+|\d{4}")


def _kinds(text: str) -> set[str]:
    kinds = set()
    for w in _WORD_RE.findall(text):
        lw = w.lower()
        if lw in MONTHS:
            kinds.add("m")
        elif lw in WEEKDAYS:
            kinds.add("w")
        elif lw in _RELATIVE_WORDS:
            kinds.add("r")
        elif w[:2] in ("19", "20"):
            kinds.add("y")
    return kinds


def find_dates(text: str, published: dt.date | None, windows: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """Dates in ``text``; with ``windows``, only inside those character ranges (the rules
    look there only: around month names, weekdays, years and words such as "week")."""
    found: list[DateMention] = []
    for lo, hi in windows if windows is not None else [(0, len(text))]:
        taken: list[tuple[int, int]] = []
        kinds = _kinds(text[lo:hi])
        for kind, pattern in _PATTERNS:
            if _NEEDS[kind] not in kinds:
                continue
            for m in pattern.finditer(text, lo, hi):
                start, end = m.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                mention = _resolve(kind, m, published)
                if mention is None:
                    continue
                found.append(mention)
                taken.append((start, end))
    found.sort(key=lambda d: d.start)
    return found


def date_anchors(norm: list[str]) -> list[int]:
    """Token indexes where a date may be written."""
    anchors = _ANCHORS
    return [i for i, w in enumerate(norm)
            if w in anchors or (len(w) == 4 and (w[:2] == "20" or w[:2] == "19") and w.isdigit())]


def _resolve(kind: str, m: re.Match, published: dt.date | None) -> DateMention | None:
    text, start, end = m.group(), m.start(), m.end()
    if kind == "iso":
        try:
            value = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        return DateMention(text, start, end, value)
    if kind in ("one", "weekday_date"):
        parsed = _parse_one(m["a"], published)
        if parsed is None:
            return None
        value, precision, relative = parsed
        if kind == "weekday_date":
            start = m.start()
        return DateMention(text, start, end, value, None, precision, relative)
    if kind == "month_year":
        parsed = _parse_one(m["a"], published)
        if parsed is None:
            return None
        value, precision, _ = parsed
        end_value = None if _OPENS.search(m.string, max(0, start - 80), start) else _month_end(value)
        return DateMention(text, start, end, value, end_value, "month", False)
    if kind == "named_day":
        month, day = lexicon.NAMED_DAYS[m["name"].lower()]
        if m["y"]:
            return DateMention(text, start, end, dt.date(int(m["y"]), month, day), None, "day", False)
        if published is None:
            return DateMention(text, start, end, None, None, "day", True)
        year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
        return DateMention(text, start, end, dt.date(year, month, day), None, "day", True)
    if kind == "day_range":
        b = _parse_one(m["b"], published)
        if b is None or b[0] is None:
            return None
        try:
            a_value = b[0].replace(day=int(re.match(r"\d+", m["d1"]).group()))
        except ValueError:
            return None
        if a_value > b[0]:
            return None
        return DateMention(text, start, end, a_value, b[0], "day", b[2])
    if kind == "range":
        a = _parse_one(m["a"], published, anchor_text=m["b"])
        b = _parse_one(m["b"], published, month_of=m["a"])
        if a is None or b is None:
            return None
        a_value, a_precision, a_rel = a
        b_value, b_precision, b_rel = b
        if a_value and b_value and a_value > b_value and a_value.year == b_value.year:
            a_value = a_value.replace(year=a_value.year - 1)
        end_value = _month_end(b_value) if b_value and b_precision == "month" else b_value
        return DateMention(text, start, end, a_value, end_value, a_precision, a_rel or b_rel)
    if kind == "last_month_name":
        month = _month(m["m"])
        if month is None or published is None:
            return DateMention(text, start, end, None, None, "month", True)
        year = published.year if month < published.month else published.year - 1
        value = dt.date(year, month, 1)
        return DateMention(text, start, end, value, _month_end(value), "month", True)
    if kind == "month":
        month = _month(m["m"])
        if month is None:
            return None
        word = m.group().split()[0].lower()
        if m["m"] in ("May", "March") and word not in ("in", "since", "until", "by", "during", "early", "late",
                                                          "mid", "mid-", "earlier", "later", "this", "next"):
            return None
        mstart = m.start("m") if word in ("in", "since", "until", "by", "from", "during", "of", "through") else start
        if published is None:
            return DateMention(text[mstart - start:], mstart, end, None, None, "month", True)
        year = published.year if month <= published.month or word == "next" else published.year - 1
        if word == "next" and month <= published.month:
            year = published.year + 1
        value = dt.date(year, month, 1)
        # "since September": from then on, not only that month
        end_value = None if word == "since" else _month_end(value)
        return DateMention(text[mstart - start:], mstart, end, value, end_value, "month", True)
    if kind == "weekday":
        q = (m["q"] or "").strip().lower()
        wd = WEEKDAYS[m["wd"].lower()]
        if published is None:
            return DateMention(text, start, end, None, None, "day", True)
        delta = (published.weekday() - wd) % 7
        if q == "next":
            delta = -((wd - published.weekday()) % 7 or 7)
        elif q == "last" and delta == 0:
            delta = 7
        value = published - dt.timedelta(days=delta)
        return DateMention(text, start, end, value, None, "day", True)
    if kind == "relative":
        return _relative(m["r"], start, end, text, published)
    if kind == "year":
        y = int(m["y"])
        first_word = text.split()[0].lower()
        if first_word in ("in", "of") and _UNKNOWN_DAY.search(m.string, max(0, start - 20), start):
            return None  # "on Army Day in 2023": a day of that year, but which is not known
        ystart = m.start("y") if first_word in ("in", "of") else start
        end_value = None if first_word == "since" or _OPENS.search(m.string, max(0, start - 80), start) \
            else dt.date(y, 12, 31)
        return DateMention(text[ystart - start:], ystart, end, dt.date(y, 1, 1), end_value, "year", False)
    return None


# "since the invasion began, in February 2022": the date says when the open period began.
_OPENS = re.compile(r"\bsince\s+(?:the\s+|its\s+|their\s+)?[a-z][\w'’ -]{0,50},\s*(?:in\s+)?$")
# A day named but not dated ("on Army Day", "on the party's founding day") before "in 2023".
_UNKNOWN_DAY = re.compile(r"\b[Dd]ay\s+$")


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _month_end(value: dt.date | None) -> dt.date | None:
    if value is None:
        return None
    return value.replace(day=calendar.monthrange(value.year, value.month)[1])


def _parse_one(s: str, published: dt.date | None, *, anchor_text: str | None = None,
               month_of: str | None = None) -> tuple[dt.date | None, str, bool] | None:
    """A single date string: (value, precision, relative). ``anchor_text`` lends its year
    to the first date of a range; ``month_of`` lends the month ("September 7-10")."""
    s = s.strip()
    year_m = re.search(r"(?:19|20)\d\d", s)
    year = int(year_m.group()) if year_m else None
    month_m = re.search(_M, s)
    day_m = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"(?:19|20)\d\d", "", s))
    month = _month(month_m.group()) if month_m else None
    if month is None and month_of:
        mm = re.search(_M, month_of)
        month = _month(mm.group()) if mm else None
    if month is None:
        return None
    day = int(day_m.group(1)) if day_m else None
    if year is None and anchor_text:
        anchor = re.search(r"(?:19|20)\d\d", anchor_text)
        if anchor:
            year = int(anchor.group())
    relative = False
    if year is None:
        if published is None:
            return None, "day" if day else "month", True
        relative = True
        year = published.year
        candidate_day = min(day or 1, calendar.monthrange(year, month)[1])
        if dt.date(year, month, candidate_day) > published + dt.timedelta(days=7):
            year -= 1
    try:
        if day is None:
            return dt.date(year, month, 1), "month", relative
        return dt.date(year, month, day), "day", relative
    except ValueError:
        return None


def _relative(phrase: str, start: int, end: int, text: str, published: dt.date | None) -> DateMention:
    p = " ".join(phrase.lower().split())
    if published is None:
        return DateMention(text, start, end, None, None, "day", True)
    if p in ("today", "tonight"):
        return DateMention(text, start, end, published, None, "day", True)
    if p == "yesterday":
        return DateMention(text, start, end, published - dt.timedelta(days=1), None, "day", True)
    if p.endswith("week"):
        monday = published - dt.timedelta(days=published.weekday())
        if "last" in p or "previous" in p or "past" in p:
            return DateMention(text, start, end, monday - dt.timedelta(days=7), monday - dt.timedelta(days=1),
                               "day", True)
        if "next" in p or "following" in p:
            return DateMention(text, start, end, monday + dt.timedelta(days=7), monday + dt.timedelta(days=13),
                               "day", True)
        return DateMention(text, start, end, monday, published, "day", True)
    if p.endswith("month"):
        first = published.replace(day=1)
        if "last" in p or "previous" in p or "past" in p:
            prev = (first - dt.timedelta(days=1)).replace(day=1)
            return DateMention(text, start, end, prev, _month_end(prev), "month", True)
        if "next" in p or "following" in p:
            nxt = (first + dt.timedelta(days=32)).replace(day=1)
            return DateMention(text, start, end, nxt, _month_end(nxt), "month", True)
        return DateMention(text, start, end, first, published, "month", True)
    if p.endswith("year"):
        y = published.year
        if "last" in p or "previous" in p or "past" in p:
            return DateMention(text, start, end, dt.date(y - 1, 1, 1), dt.date(y - 1, 12, 31), "year", True)
        if "next" in p or "following" in p:
            return DateMention(text, start, end, dt.date(y + 1, 1, 1), dt.date(y + 1, 12, 31), "year", True)
        return DateMention(text, start, end, dt.date(y, 1, 1), published, "year", True)
    if p.endswith("day"):  # "the previous day"
        return DateMention(text, start, end, published - dt.timedelta(days=1), None, "day", True)
    words = p.split()
    count = NUMBER_WORDS.get(" ".join(words[:-2])) or (int(words[0]) if words[0].isdigit() else 1)
    unit = words[-2].rstrip("s")
    if unit == "day":
        return DateMention(text, start, end, published - dt.timedelta(days=count), None, "day", True)
    if unit == "week":
        return DateMention(text, start, end, published - dt.timedelta(days=7 * count), None, "day", True)
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 - count
        value = dt.date(month_index // 12, month_index % 12 + 1, 1)
        return DateMention(text, start, end, value, _month_end(value), "month", True)
    value = dt.date(published.year - count, 1, 1)
    return DateMention(text, start, end, value, dt.date(published.year - count, 12, 31), "year", True)
