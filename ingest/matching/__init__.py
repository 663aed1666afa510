"""eSMR-to-SMARTS facility matching: name normalisation and scoring (``names``, also imported
by the dbt Python model ``int_facility_pairs_scored``) and the manual review loop (``review``)."""
