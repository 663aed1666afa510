"""Units as published, read by a grammar: canonical unit, kind and factor to mg/L.

A concentration is ``<mass>/<volume>`` with an optional basis: ``mg/L``, ``ug/L``, ``µg/L`` (micro
sign U+00B5 or Greek mu U+03BC), ``mcg/L``, ``ng/L``, ``g/L``, ``mg/mL``, ``mg/L as N``,
``mg/L (as P)``, ``mg N/L``, ``mg/L-N``, in any case and spacing. Its factor to mg/L is the mass
prefix over the volume. ``ppm`` is mg/L and ``ppb`` is ug/L (for water, 1 L weighs 1 kg);
``ppt`` is refused (parts per thousand or per trillion). Mass per mass (``mg/kg``) is not a water
concentration. Other recognised units (``SU``, ``NTU``, ``umhos/cm``, ``MGD``, ``Deg C``,
``MPN/100 mL``...) get a canonical spelling and a ``kind`` but no factor: they are not
concentrations, and pH and turbidity are compared in their own units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.compliance.parameters import MAX_LENGTH, coerce_text, fold, is_missing

MASS_TO_MG = {"g": 1000.0, "mg": 1.0, "ug": 1e-3, "ng": 1e-6, "pg": 1e-9}
VOLUME_TO_L = {"l": 1.0, "ml": 1e-3}
BASIS_SPECIES = ("caco3", "cn", "no3", "nh3", "po4", "n", "p")

OTHER_UNITS: dict[str, tuple[str, str]] = {
    "su": ("SU", "pH"), "phunits": ("SU", "pH"), "phunit": ("SU", "pH"), "ph": ("SU", "pH"),
    "stdunits": ("SU", "pH"), "standardunits": ("SU", "pH"),
    "ntu": ("NTU", "turbidity"), "ntus": ("NTU", "turbidity"), "fnu": ("FNU", "turbidity"),
    "umhos/cm": ("umhos/cm", "conductivity"), "umho/cm": ("umhos/cm", "conductivity"),
    "us/cm": ("umhos/cm", "conductivity"), "micromhos/cm": ("umhos/cm", "conductivity"),
    "microsiemens/cm": ("umhos/cm", "conductivity"), "ms/cm": ("mS/cm", "conductivity"),
    "mgd": ("MGD", "flow"), "gpd": ("gal/day", "flow"), "gpm": ("gal/min", "flow"), "cfs": ("cfs", "flow"),
    "degf": ("Deg F", "temperature"), "f": ("Deg F", "temperature"), "fahrenheit": ("Deg F", "temperature"),
    "degreesf": ("Deg F", "temperature"), "degc": ("Deg C", "temperature"), "c": ("Deg C", "temperature"),
    "celsius": ("Deg C", "temperature"), "degreesc": ("Deg C", "temperature"),
    "mpn/100ml": ("MPN/100 mL", "count"), "cfu/100ml": ("CFU/100 mL", "count"),
    "%": ("%", "percent"), "percent": ("%", "percent"),
}
"""Non-concentration units, keyed by their compact spelling (folded, without spaces or dots)."""

_BASIS = "|".join(BASIS_SPECIES)
_CONCENTRATION = re.compile(
    rf"(?P<mass>pg|ng|ug|mg|g)-?(?P<b1>{_BASIS})?/(?P<volume>ml|l)"
    r"(?:-?as-?(?P<b2>[a-z][a-z0-9]*)|-(?P<b3>[a-z][a-z0-9]*))?"
)
_PARTS = re.compile(r"(?P<parts>ppm|ppb|ppt)(?:-?as-?(?P<basis>[a-z][a-z0-9]*))?")
_MASS_RATIO = re.compile(r"(?P<mass>pg|ng|ug|mg|g)/(?P<per>kg|g)")
_NOISE = re.compile(r"[\s\"'`().\[\]{}_]+")


@dataclass(frozen=True)
class ParsedUnit:
    """One published unit, read.

    ``to_mg_l`` multiplies a result into mg/L (None when the unit is not a water concentration).
    ``reason`` is set when the unit could not be read or is a concentration that cannot be
    converted; a recognised non-concentration unit (``SU``) has neither factor nor reason.
    """

    raw: str | None
    canonical: str | None
    kind: str | None
    to_mg_l: float | None
    basis: str | None
    reason: str | None


def parse_unit(raw: object) -> ParsedUnit:
    """Read a published unit; never raises on any value."""
    text, reason = coerce_text(raw)
    if text is None:
        return ParsedUnit(None, None, None, None, None, reason or "empty")
    folded = fold(text)
    if is_missing(folded) and "%" not in folded:
        return ParsedUnit(text, None, None, None, None, "empty")
    if len(folded) > MAX_LENGTH:
        return ParsedUnit(text, None, None, None, None, f"too long: {len(folded)} characters")
    compact = _NOISE.sub("", folded.replace("μ", "u").replace("°", "deg").replace("mcg", "ug"))
    if not compact:
        return ParsedUnit(text, None, None, None, None, "empty")
    return _read(text, compact)


def _read(text: str, compact: str) -> ParsedUnit:
    if match := _CONCENTRATION.fullmatch(compact):
        mass, volume = match["mass"], match["volume"]
        basis = match["b1"] or match["b2"] or match["b3"]
        canonical = f"{mass}/{'mL' if volume == 'ml' else 'L'}"
        factor = MASS_TO_MG[mass] / VOLUME_TO_L[volume]
        return ParsedUnit(text, canonical, "concentration", factor, basis.upper() if basis else None, None)
    if match := _PARTS.fullmatch(compact):
        basis = match["basis"].upper() if match["basis"] else None
        if match["parts"] == "ppm":
            return ParsedUnit(text, "mg/L", "concentration", 1.0, basis, None)
        if match["parts"] == "ppb":
            return ParsedUnit(text, "ug/L", "concentration", 1e-3, basis, None)
        return ParsedUnit(text, None, None, None, basis, "ambiguous unit: ppt (parts per thousand or per trillion)")
    if match := _MASS_RATIO.fullmatch(compact):
        canonical = f"{match['mass']}/{match['per']}"
        return ParsedUnit(text, canonical, "mass fraction", None, None, f"not a water concentration: {canonical}")
    if compact in OTHER_UNITS:
        canonical, kind = OTHER_UNITS[compact]
        return ParsedUnit(text, canonical, kind, None, None, None)
    return ParsedUnit(text, None, None, None, None, "unknown unit")
