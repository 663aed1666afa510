"""Facility names made comparable, and how alike two of them are.

eSMR and SMARTS share no identifier, and people type the same treatment plant many ways:
"City of Fresno Wastewater Treatment Plant", "FRESNO, CITY OF - WWTP", "Fresno WWTP Inc".
``normalize`` reduces a name to lower-case tokens with plant types abbreviated the same way,
legal suffixes and filler words dropped and "City of X" folded to "X"; ``name_score`` then
compares two normalised names with rapidfuzz, insensitive to word order.
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz, process

# Long forms and variants -> one token. Longest phrases are replaced first.
PHRASES: dict[str, str] = {
    "wastewater treatment plant": "wwtp",
    "waste water treatment plant": "wwtp",
    "sewage treatment plant": "wwtp",
    "wastewater treatment facility": "wwtf",
    "wastewater treatment facilities": "wwtf",
    "water reclamation plant": "wrp",
    "water recycling plant": "wrp",
    "water pollution control facility": "wpcf",
    "water pollution control plant": "wpcp",
    "water quality control plant": "wqcp",
    "wastewater reclamation facility": "wrf",
    "water reclamation facility": "wrf",
    "publicly owned treatment works": "potw",
    "sanitary district": "sd",
    "sanitary dist": "sd",
    "sanitation district": "sd",
    "sanitation dist": "sd",
    "community services district": "csd",
    "comm svcs dist": "csd",
    "community service district": "csd",
    "water district": "wd",
    "generating station": "gs",
    "water treatment plant": "wtp",
    "desalination plant": "dp",
    "fish hatchery": "fh",
    "food processing plant": "fpp",
    "power plant": "pp",
    "county": "co",
    "number": "no",
    "mountain": "mtn",
    "saint": "st",
}
LEGAL_SUFFIXES = {"inc", "incorporated", "llc", "corp", "corporation", "company", "lp", "ltd", "llp",
                  "l", "c", "plc"}
FILLER = {"the", "of", "and", "at", "city", "no", "dba"}
_PHRASE_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, PHRASES), key=len, reverse=True)) + r")\b")


_VOCABULARY = sorted({w for phrase in PHRASES for w in phrase.split() if len(w) >= 4}
                     | {"plant", "facility", "treatment", "wastewater", "district", "regional"})


@cache
def _spelled(token: str) -> str:
    """A slip in a facility-type word corrected ("fcility" -> "facility"), anything else as is."""
    if len(token) < 4 or token.isdigit() or token in _VOCABULARY:
        return token
    match = process.extractOne(token, _VOCABULARY, scorer=fuzz.ratio, score_cutoff=85)
    return match[0] if match else token


def normalize(name: str | None) -> str:
    """A facility name as comparable tokens: ``"Fresno, City of - WWTP Inc."`` -> ``"fresno wwtp"``."""
    if not name:
        return ""
    text = name.lower().replace("&", " and ").replace("#", " no ")
    text = " ".join(_spelled(t) for t in re.sub(r"[^a-z0-9]+", " ", text).split())
    text = _PHRASE_RE.sub(lambda m: PHRASES[m.group(1)], text)
    tokens = [t for t in text.split() if t not in FILLER and t not in LEGAL_SUFFIXES]
    # "co" is both County and Company: keep it only where it names a county district ("co sd").
    tokens = [t for i, t in enumerate(tokens) if t != "co" or "sd" in tokens[i + 1:i + 3]]
    return " ".join(tokens)


# Words that say what kind of facility it is, not which one. A misspelt one ("fcility",
# "saniation") is recognised by a fuzzy match.
GENERIC = {
    *PHRASES.values(), *" ".join(PHRASES).split(),
    "plant", "facility", "facilities", "works", "treatment", "water", "wastewater", "district",
    "regional", "co", "dist", "svcs", "comm", "authority", "agency", "public", "utilities", "utility",
    "sewer", "sewage",
} - {"sd", "csd", "wd"}  # who owns a plant (a sanitary district, not the city) tells plants apart
# Kinds of facility: two names that each say a kind, and no kind in common, are different
# facilities of the same owner (a company's refinery and its wastewater plant).
TYPE_FAMILIES: dict[str, str] = {
    **dict.fromkeys(("wwtp", "wwtf", "wrp", "wrf", "wpcf", "wpcp", "wqcp", "potw"), "sewage"),
    "wtp": "drinking water", "dp": "desalination", "fh": "hatchery", "gs": "power", "pp": "power",
    "refinery": "refinery", "mine": "mine", "fpp": "food processing", "cannery": "food processing",
}
_LONG_GENERIC = sorted(w for w in GENERIC if len(w) >= 5)


@cache
def is_generic(token: str) -> bool:
    if token in GENERIC:
        return True
    if len(token) < 5 or token.isdigit():
        return False
    return process.extractOne(token, _LONG_GENERIC, scorer=fuzz.ratio, score_cutoff=85) is not None


def core(normalized: str) -> str:
    """The words of a normalised name that say which facility it is: "goleta wqcp" -> "goleta"."""
    return " ".join(t for t in normalized.split() if not is_generic(t))


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 200.0


def name_score(a: str, b: str) -> float:
    """0-1 similarity of two normalised names.

    Mostly (70 %) the similarity of their distinctive words (``core``), so "Goleta WQCP" and
    "Goleta Water Quality Contrl Plant" agree while "Fresno WWTP" and "Clovis WWTP" do not;
    the rest is the similarity of the whole names, so the facility type still counts. Each
    similarity is the mean of rapidfuzz's token-sort ratio (word order does not matter) and
    token-set ratio (one name may add words)."""
    if not a or not b:
        return 0.0
    ca, cb = core(a), core(b)
    # A name made only of generic words is compared whole.
    score = _similarity(a, b) if not ca or not cb else 0.7 * _similarity(ca, cb) + 0.3 * _similarity(a, b)
    kinds_a, kinds_b = _kinds(a), _kinds(b)
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        score *= 0.75
    return score


def _kinds(normalized: str) -> set[str]:
    return {TYPE_FAMILIES[t] for t in normalized.split() if t in TYPE_FAMILIES}
