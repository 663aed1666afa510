"""Name evidence for each candidate pair, scored with rapidfuzz (ingest/matching/names.py).

A dbt Python model, because rapidfuzz lives in Python. The pairs were blocked in SQL
(int_facility_pairs_blocked), so this scores thousands of pairs, not millions. Every value may
be NULL, NaN, empty, non-ASCII, very long or a number: ``normalize`` and ``name_score`` take
any value and never raise. Each distinct name is normalised once and each distinct pair of
names scored once.

A pair where one side has no coordinates was blocked on the Regional Board region alone; it is
kept only when the eSMR name names the application's city or county (the evidence that must
agree before such a pair can be accepted), so the region's unrelated applications are neither
scored nor queued for review.

The name evidence is the better of two comparisons: the eSMR name against the SMARTS facility
name, and against the SMARTS operator (an eSMR facility named after its district, "Encina
Wastewater Authority", against the plant the district operates). The operator counts only when
the SMARTS facility is not an ancillary site (a yard, a hazardous-waste drop-off) and carries no
plant number that disagrees.
"""

from ingest.matching.names import ancillary, name_score, near_identical, normalize, numbers_conflict


def _contains(name: str, place: str) -> bool:
    return bool(place) and f" {place} " in f" {name} "


def _normalized(values) -> list[str]:
    cache: dict[object, str] = {}
    out = []
    for v in values:
        key = v if isinstance(v, str) else repr(v)
        if key not in cache:
            cache[key] = normalize(v)
        out.append(cache[key])
    return out


def model(dbt, session):
    dbt.config(materialized="table")
    pairs = dbt.ref("int_facility_pairs_blocked").df()
    esmr_norm = _normalized(pairs["esmr_facility_name"])
    city_norm = _normalized(pairs["smarts_city"])
    county_norm = _normalized(pairs["smarts_county"])
    pairs["is_same_city"] = [_contains(a, c) for a, c in zip(esmr_norm, city_norm, strict=True)]
    pairs["is_same_county"] = [_contains(a, c) for a, c in zip(esmr_norm, county_norm, strict=True)]
    keep = pairs["distance_m"].notna() | pairs["is_same_city"] | pairs["is_same_county"]
    pairs = pairs[keep].reset_index(drop=True)
    esmr_norm = [e for e, k in zip(esmr_norm, keep, strict=True) if k]
    smarts_norm = _normalized(pairs["smarts_facility_name"])
    operator_norm = _normalized(pairs["smarts_operator_name"])
    scored = pairs[["esmr_facility_place_id", "wdid", "app_id", "distance_m",
                    "esmr_facility_name", "smarts_facility_name"]].copy()
    scores: dict[tuple[str, str], float] = {}

    def score(a: str, b: str) -> float:
        if (a, b) not in scores:
            scores[(a, b)] = float(name_score(a, b))
        return scores[(a, b)]

    facility_scores = [score(a, b) for a, b in zip(esmr_norm, smarts_norm, strict=True)]
    operator_scores = [
        0.0 if ancillary(s) or numbers_conflict(e, s) else score(e, o)
        for e, s, o in zip(esmr_norm, smarts_norm, operator_norm, strict=True)
    ]
    scored["esmr_name_normalized"] = esmr_norm
    scored["smarts_name_normalized"] = smarts_norm
    scored["operator_name_normalized"] = operator_norm
    scored["facility_name_score"] = facility_scores
    scored["operator_name_score"] = operator_scores
    scored["name_score"] = [max(f, o) for f, o in zip(facility_scores, operator_scores, strict=True)]
    scored["name_basis"] = ["operator" if o > f else "facility"
                            for f, o in zip(facility_scores, operator_scores, strict=True)]
    scored["is_same_name"] = [bool(a) and a == b for a, b in zip(esmr_norm, smarts_norm, strict=True)]
    scored["is_near_identical_name"] = [near_identical(a, b) for a, b in zip(esmr_norm, smarts_norm, strict=True)]
    scored["is_same_city"] = pairs["is_same_city"]
    scored["is_same_county"] = pairs["is_same_county"]
    scored["is_same_region"] = pairs["same_region"].fillna(False).astype(bool)
    return scored
