"""Name evidence for each candidate pair, scored with rapidfuzz (ingest/matching/names.py).

A dbt Python model, because rapidfuzz lives in Python. The pairs were blocked in SQL
(int_facility_pairs_blocked), so this scores thousands of pairs, not millions.
"""

from ingest.matching.names import name_score, normalize


def model(dbt, session):
    dbt.config(materialized="table")
    pairs = dbt.ref("int_facility_pairs_blocked").df()
    esmr_norm = pairs["esmr_facility_name"].map(normalize)
    smarts_norm = pairs["smarts_facility_name"].map(normalize)
    city_norm = pairs["smarts_city"].map(normalize)
    scored = pairs[["esmr_facility_place_id", "wdid", "app_id", "distance_m",
                    "esmr_facility_name", "smarts_facility_name"]].copy()
    scored["esmr_name_normalized"] = esmr_norm
    scored["smarts_name_normalized"] = smarts_norm
    scored["name_score"] = [float(name_score(a, b)) for a, b in zip(esmr_norm, smarts_norm, strict=True)]
    scored["is_same_name"] = [bool(a) and a == b for a, b in zip(esmr_norm, smarts_norm, strict=True)]
    scored["is_same_city"] = [bool(c) and f" {c} " in f" {a} " for a, c in zip(esmr_norm, city_norm, strict=True)]
    scored["is_same_region"] = pairs["same_region"].fillna(False).astype(bool)
    return scored
