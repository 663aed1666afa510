"""Facility names made comparable, and how alike two of them are.

eSMR and SMARTS share no identifier, and people type the same treatment plant many ways:
"City of Fresno Wastewater Treatment Plant", "FRESNO, CITY OF - WWTP", "Fresno WWTP Inc".
``normalize`` reduces a name to lower-case tokens with plant types abbreviated the same way,
legal suffixes and filler words dropped and "City of X" folded to "X"; ``name_score`` then
compares two normalised names with rapidfuzz, insensitive to word order.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

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
    if match:
        return match[0]
    # Two letters swapped ("wtaer" -> "water", "dsit" -> "dist") or, in a longer word, one mistyped.
    for word in _VOCABULARY:
        if (len(word) == len(token) and OSA.distance(token, word, score_cutoff=1) <= 1
                and (len(token) >= 5 or sorted(token) == sorted(word))):
            return word
    return token


# Plant numbers in Roman numerals after "No", "Unit" or "Plant": "Unit IV" -> "unit 4".
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8",
          "ix": "9", "x": "10", "xi": "11", "xii": "12"}
_NUMBER_WORDS = {"no", "unit", "plant", "station", "district"}
# A single token longer than this is not a word of a name; it is cut so scoring stays fast.
MAX_TOKEN_CHARS = 40
MAX_NAME_CHARS = 400


def as_text(value: object) -> str:
    """Any value a data frame cell may hold as text: None, NaN and NA -> "", 12.0 -> "12"."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        return str(int(value)) if value.is_integer() else str(value)
    if not isinstance(value, str):
        try:
            if value != value:  # pandas.NA / NaT / numpy NaN
                return ""
        except (TypeError, ValueError):
            return ""
        return str(value)
    return value


def _ascii(text: str) -> str:
    """Accents folded ("Peñasco" -> "penasco"), everything else non-ASCII dropped."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _plant_numbers(tokens: list[str]) -> list[str]:
    return [_ROMAN.get(t, t) if i and tokens[i - 1] in _NUMBER_WORDS else t for i, t in enumerate(tokens)]


def normalize(name: object) -> str:
    """A facility name as comparable tokens: ``"Fresno, City of - WWTP Inc."`` -> ``"fresno wwtp"``.

    Safe for any value: None, NaN, numbers, non-ASCII and very long text."""
    text = _ascii(as_text(name)[:MAX_NAME_CHARS]).lower()
    if not text.strip():
        return ""
    text = text.replace("&", " and ").replace("#", " no ")
    tokens = [t[:MAX_TOKEN_CHARS] for t in re.sub(r"[^a-z0-9]+", " ", text).split()]
    text = " ".join(_spelled(t) for t in _plant_numbers(tokens))
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
    "sewer", "sewage", "unit",
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


def _base_score(a: str, b: str) -> float:
    """0-1 similarity of two normalised names.

    Mostly (70 %) the similarity of their distinctive words (``core``), so "Goleta WQCP" and
    "Goleta Water Quality Contrl Plant" agree while "Fresno WWTP" and "Clovis WWTP" do not;
    the rest is the similarity of the whole names, so the facility type still counts. Each
    similarity is the mean of rapidfuzz's token-sort ratio (word order does not matter) and
    token-set ratio (one name may add words)."""
    ca, cb = core(a), core(b)
    # A name made only of generic words is compared whole.
    score = _similarity(a, b) if not ca or not cb else 0.7 * _similarity(ca, cb) + 0.3 * _similarity(a, b)
    kinds_a, kinds_b = _kinds(a), _kinds(b)
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        score *= 0.75
    if _ancillary_words(a) != _ancillary_words(b):
        score *= 0.6
    return score


def numbers(normalized: str) -> Counter[str]:
    """The numbers a normalised name carries, with repeats ("sd 2 wrp 4" -> {"2": 1, "4": 1})."""
    return Counter(t.lstrip("0") or "0" for t in normalized.split() if t.isdigit())


def numbers_conflict(a: str, b: str) -> bool:
    """Both names carry numbers and neither name's numbers include the other's: "Plant No. 1"
    is never "Plant No. 4", while "District No. 2 Plant No. 4" may be "Plant No. 4"."""
    na, nb = numbers(a), numbers(b)
    return bool(na and nb and not (na <= nb or nb <= na))  # multiset inclusion


_EXPANSIONS: dict[str, list[str]] = {}
for _long, _short in PHRASES.items():
    _EXPANSIONS.setdefault(_short, _long.split())


def _initials_of(tokens: list[str]) -> tuple[list[str], list[int]]:
    """Each word's initial, long forms expanded ("wrp" -> w, r, p), with the token it came from."""
    initials, owner = [], []
    for i, t in enumerate(tokens):
        for word in _EXPANSIONS.get(t, [t]):
            initials.append(word[0])
            owner.append(i)
    return initials, owner


def expand_initialisms(a: str, b: str) -> str:
    """``a`` with an initialism of words of ``b`` replaced by those words: with ``b`` = "south bay
    wrp", "sbwrp" -> "south bay wrp". An initialism is a token of three to eight letters that is
    not a word the normaliser knows and spells the initials of consecutive words of ``b``."""
    tb = b.split()
    if len(tb) < 2:
        return a
    initials, owner = _initials_of(tb)
    joined = "".join(initials)
    out = []
    for t in a.split():
        start = joined.find(t) if 3 <= len(t) <= 8 and t.isalpha() and t not in tb and not is_generic(t) else -1
        # Whole words only: the run starts at a word's first initial and ends at a word's last.
        end = start + len(t) - 1
        if (start >= 0 and (start == 0 or owner[start - 1] != owner[start])
                and (end == len(owner) - 1 or owner[end + 1] != owner[end])):
            out.extend(tb[owner[start]:owner[end] + 1])
        else:
            out.append(t)
    return " ".join(out)


def drop_prefix(a: str, b: str) -> str | None:
    """``a`` without a leading agency acronym ("xyz regional plant 4" against "regional plant 4"):
    the first token is two to six letters, absent from ``b``, and the rest equals ``b`` and
    still names a particular facility (a word that is not generic, or a number)."""
    first, _, rest = a.partition(" ")
    if rest and 2 <= len(first) <= 6 and first.isalpha() and rest == b and first not in b.split() and core(rest):
        return rest
    return None


def name_score(a: object, b: object) -> float:
    """0-1 similarity of two normalised names (see ``_base_score``), with three rules on top:

    - an initialism stands for the words whose initials it spells ("sbwrp" = "south bay wrp");
    - a leading agency acronym may be missing on one side ("xyz regional plant 4");
    - two names carrying different plant numbers score at most 0.3 ("plant 1" vs "plant 4").

    Safe for any value: what is not a non-empty string scores 0."""
    a, b = as_text(a), as_text(b)
    if not a.strip() or not b.strip():
        return 0.0
    a, b = expand_initialisms(a, b), expand_initialisms(b, a)
    score = _base_score(a, b)
    for x, y in ((a, b), (b, a)):
        if drop_prefix(x, y) is not None:
            score = max(score, 0.97)
    if numbers_conflict(a, b):
        score = min(score, 0.3)
    return max(0.0, min(1.0, score))


# Facilities an owner runs beside its plant that are not the plant: yards, household hazardous
# waste drop-offs, landfills, offices. A name saying one of these is not the plant's name.
ANCILLARY = {"yard", "yards", "hhw", "hazardous", "landfill", "transfer", "office", "offices",
             "maintenance", "garage", "warehouse", "shop", "shops"}


def _ancillary_words(normalized: str) -> set[str]:
    return {t for t in normalized.split() if t in ANCILLARY}


def ancillary(normalized: str) -> bool:
    """The name says a yard, a hazardous-waste drop-off or another ancillary site."""
    return bool(_ancillary_words(normalized))


def _kinds(normalized: str) -> set[str]:
    return {TYPE_FAMILIES[t] for t in normalized.split() if t in TYPE_FAMILIES}


# Words whose every spelling is a known word: two different ones ("wrf", "wrp"; "sd", "csd")
# name different facilities, never a typing slip.
_KNOWN_WORDS = GENERIC | set(TYPE_FAMILIES) | {"sd", "csd", "wd"}


def near_identical(a: str, b: str) -> bool:
    """Two normalised names that are the same, or the same but for one typing slip (a letter
    added, dropped, changed or two swapped) in one word that is not a number, has at least four
    letters on one side and is not one known facility-type word standing for another: "carson wrf" =
    "carosn wrf" and "west sacramento potw" = "west sacramento pottw", while "long beach wrf" is
    not "long beach wrp" nor "vista sd" "vista csd"."""
    if not a or not b:
        return False
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    differing = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    if x.isdigit() or y.isdigit() or max(len(x), len(y)) < 4 or (x in _KNOWN_WORDS and y in _KNOWN_WORDS):
        return False
    return OSA.distance(x, y, score_cutoff=1) <= 1
