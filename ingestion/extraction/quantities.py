"""Quantities with units: "up to 1,000 containers", "more than 10,000 containers",
"millions of rounds", "up to 50,000 soldiers", "9 million artillery rounds", "290 km".

``low``/``high`` bound the number: "up to N" gives only ``high``, "more than N" only
``low``, "about N" both; "millions of" is a lower bound of two million (the plural says at
least two), "thousands of" two thousand, and so on."""

from __future__ import annotations

import re

from .types import Quantity

UNITS = (
    "containers", "container", "rounds", "shells", "munitions", "missiles", "rockets", "soldiers",
    "troops", "workers", "tons", "tonnes", "vehicles", "tanks", "drones", "wagons", "railcars",
    "rail cars", "railway cars", "freight cars", "trucks", "shipments", "ships", "vessels", "trips",
    "deliveries", "launchers", "howitzers", "guns", "rifles", "pieces", "barrels", "units", "km",
    "kilometers", "kilometres", "miles", "crates", "boxes", "pallets", "personnel", "people",
    "systems", "projectiles", "grenades", "mortars", "weapons", "voyages", "visits", "cargoes",
    "dollars", "won", "rubles", "roubles", "euros",
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "a thousand": 1000, "a dozen": 12, "dozen": 12, "a million": 1_000_000,
}
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "m": 1_000_000, "bn": 1_000_000_000}
_VAGUE = {
    "dozens of": 24, "hundreds of": 200, "thousands of": 2_000, "tens of thousands of": 20_000,
    "hundreds of thousands of": 200_000, "millions of": 2_000_000, "tens of millions of": 20_000_000,
    "billions of": 2_000_000_000,
}
_UPPER = ("up to", "as many as", "fewer than", "less than", "no more than", "at most", "under", "nearly", "almost")
_LOWER = ("more than", "over", "at least", "upwards of", "in excess of", "exceeding", "some", "no fewer than")

_QUAL = r"(?P<q>(?:(?:up to|as many as|more than|fewer than|less than|no more than|no fewer than|at least|" \
        r"at most|upwards of|in excess of|over|under|about|around|approximately|roughly|an estimated|" \
        r"estimated|some|nearly|almost)\s+){1,2})"
_NUM = r"(?P<n>\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?|\$?\d+(?:\.\d+)?|" + "|".join(
    sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + r")"
_SCALE_RE = r"(?:\s*(?P<s>thousand|million|billion|bn|m)\b)?"
_UNIT = r"(?P<u>" + "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True)) + r")\b"
# Up to four words before the unit, a calibre among them ("M1989 Koksan 170-millimeter
# self-propelled guns", "240-millimeter multiple rocket launchers", "152mm shells").
_MODIFIERS = r"(?P<mod>(?:(?:[A-Za-z]|\d+(?:\.\d+)?-?(?=[A-Za-z]))[\w-]*\s+){0,4}?)"

# "about 50 of its guns": the owner's pronoun may stand between the number and the items.
_NUMERIC_RE = re.compile(rf"(?<![\w-])(?:{_QUAL})?{_NUM}{_SCALE_RE}\s+(?:of\s+(?:(?:its|their|the)\s+)?)?"
                         rf"{_MODIFIERS}{_UNIT}", re.IGNORECASE)
# "about 11,000 troops last fall and about 3,000 more": a further batch of the unit just counted.
_MORE_RE = re.compile(rf"(?<![\w-])(?:{_QUAL})?{_NUM}{_SCALE_RE}\s+more\b", re.IGNORECASE)
_MORE_REACH = 150
_VAGUE_RE = re.compile(
    r"\b(?P<v>tens of thousands of|hundreds of thousands of|tens of millions of|dozens of|hundreds of|"
    r"thousands of|millions of|billions of)\s+" + _MODIFIERS + _UNIT, re.IGNORECASE,
)
_BAD_MODIFIERS = frozenset({"the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "from", "for",
                            "was", "were", "is", "are", "has", "have", "had", "its", "their", "his", "her"})


_ANCHOR_WORDS = frozenset({*(w for w in _NUMBER_WORDS if " " not in w), "dozens", "hundreds", "thousands",
                           "millions", "billions", "tens", "million", "billion", "thousand", "hundred", "dozen"})


_DIGITS = frozenset("0123456789")


def quantity_anchors(norm: list[str]) -> list[int]:
    """Token indexes where a quantity may start."""
    anchors = _ANCHOR_WORDS
    return [i for i, w in enumerate(norm) if w[0] in _DIGITS or w in anchors]


def find_quantities(text: str, windows: list[tuple[int, int]] | None = None) -> list[Quantity]:
    found: list[Quantity] = []
    spans = windows if windows is not None else [(0, len(text))]
    for lo, hi in spans:
        found.extend(_find(text, lo, hi))
    found.sort(key=lambda q: q.start)
    more = {q.start: q for lo, hi in spans for q in _further_batches(text, lo, hi, found)}
    if more:
        found = sorted([*found, *more.values()], key=lambda q: q.start)
    return found


def _further_batches(text: str, lo: int, hi: int, found: list[Quantity]) -> list[Quantity]:
    """"N more" counts in the unit of the quantity just before it in the same sentence."""
    out = []
    for m in _MORE_RE.finditer(text, lo, hi):
        before = [q for q in found if q.end <= m.start() and m.start() - q.end <= _MORE_REACH
                  and not re.search(r"[.!?]\s", text[q.end:m.start()])]
        if not before or any(q.start <= m.start() < q.end for q in found):
            continue
        raw = m.group("n").lstrip("$").replace(",", "")
        number = float(_NUMBER_WORDS[raw.lower()]) if raw.lower() in _NUMBER_WORDS else float(raw)
        if m.group("s"):
            number *= _SCALE[m.group("s").lower()]
        qualifier = " ".join((m.group("q") or "").lower().split())
        low, high = _bounds(number, qualifier)
        out.append(Quantity(m.group(), m.start(), m.end(), low, high, before[-1].unit, qualifier))
    return out


def _find(text: str, lo: int, hi: int) -> list[Quantity]:
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _VAGUE_RE.finditer(text, lo, hi):
        if not _modifiers_ok(m.group("mod")):
            continue
        vague = " ".join(m.group("v").lower().split())
        found.append(Quantity(m.group(), m.start(), m.end(), float(_VAGUE[vague]), None, _unit(m.group("u")), vague))
        taken.append(m.span())
    for m in _NUMERIC_RE.finditer(text, lo, hi):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if not _modifiers_ok(m.group("mod")):
            continue
        raw = m.group("n").lstrip("$").replace(",", "")
        number = float(_NUMBER_WORDS[raw.lower()]) if raw.lower() in _NUMBER_WORDS else float(raw)
        if m.group("s"):
            number *= _SCALE[m.group("s").lower()]
        if 1900 <= number <= 2099 and not m.group("q") and "," not in m.group("n") and not m.group("s"):
            continue  # a year ("2022 shipments" is rare; "in 2022 missiles" is not a quantity)
        qualifier = " ".join((m.group("q") or "").lower().split())
        low, high = _bounds(number, qualifier)
        found.append(Quantity(m.group(), m.start(), m.end(), low, high, _unit(m.group("u")), qualifier))
        taken.append(m.span())
    return found


_MODEL_WORD_RE = re.compile(r"[a-z]+-\d+[a-z]*", re.IGNORECASE)


def _modifiers_ok(mod: str) -> bool:
    words = mod.split()
    # "148 KN-23 and KN-24 ballistic missiles": "and" between two models joins them
    return not any(w.lower() in _BAD_MODIFIERS and not (
        w.lower() == "and" and 0 < n < len(words) - 1
        and _MODEL_WORD_RE.fullmatch(words[n - 1]) and _MODEL_WORD_RE.fullmatch(words[n + 1]))
        for n, w in enumerate(words))


def _unit(u: str) -> str:
    u = u.lower()
    return {"container": "containers", "kilometers": "km", "kilometres": "km", "tonnes": "tons",
            "roubles": "rubles"}.get(u, u)


def _bounds(number: float, qualifier: str) -> tuple[float | None, float | None]:
    if any(qualifier.startswith(q) for q in _UPPER):
        return None, number
    if any(qualifier.startswith(q) for q in _LOWER if q != "some"):
        return number, None
    return number, number
