"""Parameter names as published, read by a grammar and mapped to the permit's NAL parameters.

SMARTS and eSMR spell one analyte many ways (``Zinc, Total``, ``Total Zinc``, ``Zinc, Total
Recoverable``, ``Nitrite Plus Nitrate (as N)``, ``NH3-N``) and publish look-alikes that the permit
does not regulate (``Zinc, Dissolved``, ``Ammonia, Un-ionized``, ``Nitrate``, ``Total Dissolved
Solids``). :func:`parse_parameter` reads a name into its parts and maps it by rule:

1. **Text.** Unicode-normalised (NFKC), case-folded; ``+`` reads ``plus``, ``&`` reads ``and``; every
   other punctuation mark separates words, so spacing and punctuation never matter.
2. **Notes are stripped**: method numbers (``EPA 200.8``, ``SM 4500-NH3 D``), incubation and
   temperature (``5-day``, ``@ 20 Deg. C``), ``Field``/``Lab``/``Grab``, ``(HEM)``, unit words.
3. **Basis**: ``as X`` (``(as N)``, ``as P``, ``(as CN)``); the word ``nitrogen`` or ``N`` beside a
   nitrogen species (``Ammonia-Nitrogen``, ``NH3-N``, ``Nitrogen, Ammonia``) also reads basis N.
4. **Exceptions** (:data:`EXCEPTIONS_CSV`): a short list of acronyms and synonyms that rewrite
   words (``O&G``, ``N+N``, ``NH3``, ``TKN``, ``Un-ionized``). Everything else is derived.
5. **Words are classified**: fraction words (``total``, ``recoverable``, ``dissolved``,
   ``unionized``, ``free``...), species (``(III)``, ``hexavalent``, ``methyl``), fillers
   (``and``, ``plus``, ``of``); the rest are analyte words.
6. **Analyte**: the *set* of analyte words (word order never matters) is looked up in a vocabulary
   derived from ``seeds/igp_numeric_action_levels.csv``: each NAL parameter's words minus its
   fraction word, its ``(as X)`` basis and its parenthesised acronym (``Zinc Total`` gives
   ``zinc``, ``Total Suspended Solids (TSS)`` gives ``suspended solids`` and the acronym ``TSS``).
   A fraction word may belong to the analyte's name (``Total Dissolved Solids``, ``Dissolved
   Oxygen``): the largest set that names an analyte wins.
7. **Mapping**: a NAL analyte maps to its NAL parameter only when its fraction is ``total``,
   ``total recoverable`` or unspecified, it names no species, and its basis is the NAL's
   (``N``, ``P``) or none. The permit's Table 2 regulates total (recoverable) metals: dissolved
   fractions, species and un-ionized ammonia are never compared with a NAL.

Seeds hold only exceptions: the NAL table is the vocabulary, :data:`EXCEPTIONS_CSV` holds the
acronyms and synonyms that cannot be derived from it, and :data:`OTHER_PARAMETERS_CSV` only gives
display names (``canonical``) and clearer refusal reasons for parameters that are not NALs; a
look-alike is refused by the grammar whether or not it is listed there.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path

from ingest.project import PROJECT_DIR

NAL_SEED = Path("seeds") / "igp_numeric_action_levels.csv"
"""The permit's NAL table, relative to ``PROJECT_DIR``; its ``parameter`` column is the vocabulary."""

MAX_LENGTH = 200
"""Longer values are not parameter names (they are refused, not parsed)."""

EXCEPTIONS_CSV = """\
spelling,means,kind,note
o and g,oil and grease,acronym,
hem,oil and grease,method,n-hexane extractable material (EPA 1664)
n hexane extractable material,oil and grease,synonym,
bod5,biochemical oxygen demand,acronym,
bod 5,biochemical oxygen demand,acronym,
biological oxygen demand,biochemical oxygen demand,synonym,
n plus n,nitrate plus nitrite,acronym,
no3,nitrate,synonym,
no2,nitrite,synonym,
nh3,ammonia,synonym,
tkn,kjeldahl nitrogen,acronym,
cn,cyanide,acronym,also the basis of cyanide (as CN)
ec,electrical conductivity,acronym,
un ionized,unionized,synonym,
non ionized,unionized,synonym,
weak acid dissociable,wad,synonym,
"""
"""Acronyms and synonyms the NAL table cannot give: ``spelling`` (words, as read) is rewritten to
``means``; ``kind`` ``method`` also keeps the spelling as a method note."""

OTHER_PARAMETERS_CSV = """\
words,canonical,basis,note
dissolved solids,Total Dissolved Solids,,only total suspended solids are regulated
volatile suspended solids,Volatile Suspended Solids,,only total suspended solids are regulated
settleable solids,Settleable Solids,,only total suspended solids are regulated
solids,Total Solids,,only total suspended solids are regulated
nitrate,Nitrate,N,only nitrate plus nitrite is regulated
nitrite,Nitrite,N,only nitrate plus nitrite is regulated
kjeldahl nitrogen,Total Kjeldahl Nitrogen,N,only nitrate plus nitrite is regulated
organic nitrogen,Organic Nitrogen,N,only nitrate plus nitrite is regulated
nitrogen,Total Nitrogen,N,only nitrate plus nitrite is regulated
orthophosphate,Orthophosphate,P,only total phosphorus is regulated
phosphate,Phosphate,P,only total phosphorus is regulated
turbidity,Turbidity,,
specific conductance,Specific Conductance,,
electrical conductivity,Specific Conductance,,
conductivity,Specific Conductance,,
flow,Flow,,
temperature,Temperature,,
coliform,Total Coliform,,
residual chlorine,Total Residual Chlorine,,
dissolved oxygen,Dissolved Oxygen,,
hardness,Hardness,CACO3,
"""
"""Parameters that are not NALs: a display name and why they are not compared with a NAL."""

FRACTION_WORDS = frozenset({
    "total", "recoverable", "dissolved", "unionized", "ionized", "free", "amenable", "wad",
    "dissociable", "particulate", "soluble", "insoluble", "extractable", "available",
})
MAPPED_FRACTIONS = frozenset({"unspecified", "total", "total recoverable"})
SPECIES_WORDS = frozenset({
    "i", "ii", "iii", "iv", "v", "vi", "hexavalent", "trivalent", "pentavalent", "methyl",
    "inorganic", "elemental",
})
METHOD_WORDS = frozenset({
    "field", "lab", "laboratory", "grab", "composite", "measured", "su", "ntu", "mg", "ug", "l", "units",
})
FILLER_WORDS = frozenset({"and", "plus", "of", "at", "by", "the", "w"})
NITROGEN_WORDS = frozenset({"nitrogen", "n"})
METHOD_KEYWORDS = frozenset({"epa", "usepa", "sm", "astm", "method"})
MISSING_MARKERS = frozenset({"", "na", "n a", "nan", "none", "null"})
"""Missing-value markers, as their words joined by one space (``N/A`` reads ``n a``)."""
_FRACTION_DISPLAY = {"unionized": "un-ionized", "ionized": "ionized"}

_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+")
_DAYS = re.compile(r"\d+days?")
_TEMPERATURE = re.compile(r"\d+(?:deg)?[cf]|deg[cf]")
_DEGREE = frozenset({"deg", "degs", "degree", "degrees"})
_PAREN_ACRONYM = re.compile(r"\(\s*([^()]*?)\s*\)")


@dataclass(frozen=True)
class ParsedParameter:
    """One published parameter name, read.

    ``nal_parameter`` is the exact ``parameter`` of ``seeds/igp_numeric_action_levels.csv`` the name
    is compared with, or None with ``reason`` saying why. ``canonical`` is a display name: the NAL
    parameter when mapped, else a known non-NAL name (``Turbidity``), else None.
    """

    raw: str | None
    analyte: str | None
    fraction: str
    basis: str | None
    species: str | None
    method_notes: tuple[str, ...]
    nal_parameter: str | None
    canonical: str | None
    reason: str | None


@dataclass(frozen=True)
class _Analyte:
    name: str
    nal_parameter: str | None
    canonical: str | None
    basis: str | None
    note: str | None


@dataclass(frozen=True)
class _Grammar:
    analytes: Mapping[frozenset[str], _Analyte]
    rewrites: Mapping[tuple[str, ...], tuple[tuple[str, ...], bool]]
    acronym_of: Mapping[str, str]


def coerce_text(raw: object) -> tuple[str | None, str | None]:
    """``(text, None)`` for a usable string, ``(None, reason)`` otherwise; never raises."""
    if raw is None or type(raw).__name__ in {"NAType", "NaTType"}:
        return None, "empty"
    if isinstance(raw, float) and math.isnan(raw):
        return None, "empty"
    if isinstance(raw, bytes | bytearray):
        raw = bytes(raw).decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        kind = "a number" if isinstance(raw, int | float) or type(raw).__name__ == "Decimal" else type(raw).__name__
        return None, f"not text: {kind}"
    if len(raw) > 10 * MAX_LENGTH:
        return None, f"too long: {len(raw)} characters"
    return raw, None


def fold(text: str) -> str:
    """Compatibility-normalised, case-folded text with single spaces; ``fold(s.upper()) == fold(s)``."""
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", text.upper()).casefold()
    return " ".join(text.split())


def words_of(text: str) -> list[str]:
    """The words of folded text: ``+`` reads ``plus``, ``&`` reads ``and``, other punctuation separates."""
    return _WORD.findall(text.replace("+", " plus ").replace("&", " and "))


def is_missing(folded: str) -> bool:
    """True for folded text that holds no word or only a missing-value marker (``NaN``, ``N/A``)."""
    return " ".join(words_of(folded)) in MISSING_MARKERS


def nal_parameters(seed: Path | None = None) -> tuple[str, ...]:
    """The ``parameter`` column of the NAL seed, in file order."""
    return _read_nal_parameters(seed or PROJECT_DIR / NAL_SEED)


@cache
def _read_nal_parameters(path: Path) -> tuple[str, ...]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            names = tuple(row["parameter"].strip() for row in csv.DictReader(handle))
    except (OSError, KeyError, csv.Error) as exc:
        raise RuntimeError(f"cannot read the NAL parameters from {path}: {exc}") from exc
    if not names:
        raise RuntimeError(f"cannot read the NAL parameters from {path}: no rows")
    return names


def parse_parameter(raw: object, *, seed: Path | None = None) -> ParsedParameter:
    """Read a published parameter name and map it to a NAL parameter; never raises on any value."""
    grammar = _grammar(seed or PROJECT_DIR / NAL_SEED)
    text, reason = coerce_text(raw)
    if text is None:
        return _refused(None, reason or "empty")
    folded = fold(text)
    if is_missing(folded):
        return _refused(text, "empty")
    if len(folded) > MAX_LENGTH:
        return _refused(text, f"too long: {len(folded)} characters")
    return _parse(text, folded, grammar)


def _refused(raw: str | None, reason: str) -> ParsedParameter:
    return ParsedParameter(raw, None, "unspecified", None, None, (), None, None, reason)


def _parse(raw: str, folded: str, grammar: _Grammar) -> ParsedParameter:
    words, notes, bases = _scan(folded)
    words = _rewrite(words, grammar, notes)
    content: set[str] = set()
    fractions: set[str] = set()
    species: list[str] = []
    for word in words:
        if word in FILLER_WORDS:
            continue
        if word in FRACTION_WORDS:
            fractions.add(word)
        elif word in SPECIES_WORDS:
            species.append(word)
        elif word in METHOD_WORDS:
            notes.append(word)
        else:
            content.add(word)
    analyte, fraction_left, nitrogen_basis, failure = _resolve(frozenset(content), frozenset(fractions), grammar)
    if nitrogen_basis:
        bases.append("n")
    fraction = _fraction_name(fraction_left)
    basis_set = sorted({b.upper() for b in bases})
    basis = basis_set[0] if len(basis_set) == 1 else None
    species_text = " ".join(dict.fromkeys(s.upper() if len(s) <= 3 else s for s in species)) or None

    def result(nal: str | None, canonical: str | None, reason: str | None) -> ParsedParameter:
        name = analyte.name if analyte else None
        return ParsedParameter(raw, name, fraction, basis, species_text, tuple(notes), nal, canonical, reason)

    if analyte is None:
        return result(None, None, failure)
    if len(basis_set) > 1:
        return result(None, None, f"conflicting bases: {', '.join(basis_set)}")
    if analyte.nal_parameter is None:
        canonical = analyte.canonical if _plain(fraction, species, basis, analyte) else None
        why = f" ({analyte.note})" if analyte.note else ""
        return result(None, canonical, f"not a NAL parameter: {analyte.name}{why}")
    if fraction not in MAPPED_FRACTIONS:
        return result(None, None, f"fraction not regulated: {fraction}")
    if species:
        return result(None, None, f"species not regulated: {species_text}")
    if not _basis_allowed(basis, analyte, grammar):
        expected = f"as {analyte.basis}" if analyte.basis else "no basis"
        return result(None, None, f"basis not regulated: {basis} (the NAL is {expected})")
    return result(analyte.nal_parameter, analyte.nal_parameter, None)


def _plain(fraction: str, species: list[str], basis: str | None, analyte: _Analyte) -> bool:
    return fraction in {"unspecified", "total"} and not species and basis in {None, analyte.basis}


def _basis_allowed(basis: str | None, analyte: _Analyte, grammar: _Grammar) -> bool:
    if basis is None or basis == analyte.basis:
        return True
    return analyte.basis is None and grammar.acronym_of.get(basis.casefold()) == analyte.name


def _fraction_name(fractions: frozenset[str]) -> str:
    if not fractions:
        return "unspecified"
    if fractions <= {"total", "recoverable"}:
        return "total recoverable" if "recoverable" in fractions else "total"
    ordered = (["total"] if "total" in fractions else []) + sorted(fractions - {"total"})
    return " ".join(_FRACTION_DISPLAY.get(word, word) for word in ordered)


def _scan(folded: str) -> tuple[list[str], list[str], list[str]]:
    """Split words from method notes (kept as written) and ``as X`` bases."""
    text = folded.replace("+", " plus ").replace("&", " and ")
    matches = list(_WORD.finditer(text))
    tokens = [match.group() for match in matches]
    words: list[str] = []
    notes: list[str] = []
    bases: list[str] = []
    i = 0
    while i < len(tokens):
        end = _note_end(tokens, i)
        if end > i:
            notes.append(text[matches[i].start():matches[end - 1].end()])
            i = end
        elif tokens[i] == "as" and i + 1 < len(tokens):
            bases.append(tokens[i + 1])
            i += 2
        else:
            words.append(tokens[i])
            i += 1
    return words, notes, bases


def _note_end(tokens: list[str], i: int) -> int:
    """The index after a method, incubation or temperature note starting at ``i``, else ``i``."""
    token, n = tokens[i], len(tokens)
    if token in METHOD_KEYWORDS:
        j = i + 1
        if j < n and tokens[j] == "method":
            j += 1
        start = j
        while j < n and (_is_method_number(tokens[j]) or (len(tokens[j]) == 1 and j > start
                                                          and _DIGIT.search(tokens[j - 1]))):
            j += 1
        return j if j > start else i
    if _DAYS.fullmatch(token):
        return i + 1
    if _NUMBER.fullmatch(token) and i + 1 < n and tokens[i + 1] in {"day", "days"}:
        return i + 2
    if _TEMPERATURE.fullmatch(token):
        return i + 1
    j = i
    if _NUMBER.fullmatch(token):
        j += 1
        if j < n and _NUMBER.fullmatch(tokens[j]):
            j += 1
    if j < n and tokens[j] in _DEGREE:
        j += 1
    if i < j < n and tokens[j] in {"c", "f"}:
        return j + 1
    return i


def _is_method_number(token: str) -> bool:
    """``200``, ``1664a``, ``nh3``: short words with a digit, as in ``EPA 200.8`` or ``SM 4500-NH3 D``."""
    return len(token) <= 6 and _DIGIT.search(token) is not None


def _rewrite(words: list[str], grammar: _Grammar, notes: list[str]) -> list[str]:
    """Apply acronyms and synonyms, longest spelling first at each position."""
    longest = max((len(spelling) for spelling in grammar.rewrites), default=0)
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            spelling = tuple(words[i:i + size])
            if spelling in grammar.rewrites:
                means, is_method = grammar.rewrites[spelling]
                out.extend(means)
                if is_method:
                    notes.append(" ".join(spelling))
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _resolve(
    content: frozenset[str], fractions: frozenset[str], grammar: _Grammar
) -> tuple[_Analyte | None, frozenset[str], bool, str]:
    """The analyte the words name, the fraction words left, whether nitrogen gave basis N, a failure."""
    for words, nitrogen in ((content, False), (content - NITROGEN_WORDS, True)):
        if nitrogen and not content & NITROGEN_WORDS:
            break
        for size in range(len(fractions), -1, -1):
            for extra in combinations(sorted(fractions), size):
                analyte = grammar.analytes.get(words | frozenset(extra))
                if analyte is not None and words | frozenset(extra):
                    return analyte, fractions - frozenset(extra), nitrogen, ""
    found = [key for key in grammar.analytes if key <= content]
    maximal = [key for key in found if not any(key < other for other in found)]
    if not maximal:
        unknown = " ".join(sorted(content))
        return None, fractions, False, f"unknown analyte: {unknown}" if unknown else "unknown analyte"
    if len(maximal) > 1:
        names = ", ".join(sorted(grammar.analytes[key].name for key in maximal))
        return None, fractions, False, f"several analytes: {names}"
    return None, fractions, False, f"unrecognised words: {' '.join(sorted(content - maximal[0]))}"


@cache
def _grammar(seed: Path) -> _Grammar:
    """The vocabulary: the NAL table's own words, then the exceptions and the other parameters."""
    rewrites: dict[tuple[str, ...], tuple[tuple[str, ...], bool]] = {}
    acronym_of: dict[str, str] = {}
    for row in _rows(EXCEPTIONS_CSV):
        means = tuple(words_of(fold(row["means"])))
        rewrites[tuple(words_of(fold(row["spelling"])))] = (means, row["kind"] == "method")
        acronym_of[fold(row["spelling"])] = " ".join(w for w in means if w not in FILLER_WORDS)
    analytes: dict[frozenset[str], _Analyte] = {}
    for parameter in _read_nal_parameters(seed):
        key, name, basis, acronyms = _nal_words(parameter)
        _add(analytes, key, _Analyte(name, parameter, parameter, basis, None), seed)
        for acronym in acronyms:
            rewrites[(acronym,)] = (tuple(name.split()), False)
    for key, name in list(acronym_of.items()):
        words = frozenset(w for w in name.split() if w not in FRACTION_WORDS)
        acronym_of[key] = analytes[words].name if words in analytes else name
    for row in _rows(OTHER_PARAMETERS_CSV):
        words = [w for w in words_of(fold(row["words"])) if w not in FILLER_WORDS]
        analyte = _Analyte(" ".join(words), None, row["canonical"] or None, row["basis"] or None, row["note"] or None)
        _add(analytes, frozenset(words), analyte, seed)
    return _Grammar(analytes, rewrites, acronym_of)


def _nal_words(parameter: str) -> tuple[frozenset[str], str, str | None, list[str]]:
    """``Total Suspended Solids (TSS)`` -> ({suspended, solids}, 'suspended solids', None, ['tss'])."""
    folded = fold(parameter)
    acronyms: list[str] = []
    for group in _PAREN_ACRONYM.findall(folded):
        group_words = words_of(group)
        if len(group_words) == 1 and group_words[0] != "as":
            acronyms.append(group_words[0])
    outside = _PAREN_ACRONYM.sub(lambda m: " " if m.group(1).split()[:1] != ["as"] else f" {m.group(1)} ", folded)
    words, _notes, bases = _scan(outside)
    name_words = [w for w in words if w not in FRACTION_WORDS]
    key = frozenset(w for w in name_words if w not in FILLER_WORDS)
    return key, " ".join(name_words), (bases[0].upper() if bases else None), acronyms


def _add(analytes: dict[frozenset[str], _Analyte], key: frozenset[str], analyte: _Analyte, seed: Path) -> None:
    if not key or key in analytes:
        raise RuntimeError(f"parameter grammar from {seed}: {analyte.name!r} has no words of its own or repeats one")
    analytes[key] = analyte


def _rows(text: str) -> Iterable[dict[str, str]]:
    return csv.DictReader(io.StringIO(text))
