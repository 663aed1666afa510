"""Word lists and value sets the sample generator draws from.

Parameter names and units come with the spelling variants the published files really carry,
so the staging seeds have real work to do.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPANY_WORDS = (
    "Pacific", "Golden State", "Sierra", "Bay Area", "Valley", "Coastal", "Western", "Sunrise",
    "Mission", "Redwood", "Summit", "Delta", "Central", "Allied", "Premier", "United", "Harbor",
    "Eagle", "Pioneer", "Orchard", "Granite", "Cascade", "Liberty", "Monarch", "Frontier",
    "Mesa", "Canyon", "Oakridge", "Evergreen", "Tri-County", "Horizon", "Sequoia", "Bayshore",
    "Rancho", "El Camino", "Vista", "Cal", "Capitol", "Gateway", "Atlas", "Titan", "Apex",
)
COMPANY_SURNAMES = (
    "Garcia", "Nguyen", "Smith", "Johnson", "Martinez", "Lee", "Patel", "Hernandez", "Kim",
    "Lopez", "Chen", "Anderson", "Ramirez", "Wong", "Miller", "Davis", "Rodriguez", "Singh",
)
INDUSTRY_BY_SIC: dict[str, tuple[str, ...]] = {
    "5093": ("Metal Recycling", "Scrap Metals", "Recycling Center", "Iron & Metal"),
    "5015": ("Auto Dismantlers", "Auto Parts & Salvage", "Auto Wreckers"),
    "4212": ("Trucking", "Transport", "Freight Lines"),
    "4225": ("Distribution Center", "Logistics Warehouse", "Fulfillment Center"),
    "3272": ("Precast Concrete", "Concrete Products"),
    "3273": ("Ready Mix", "Concrete Batch Plant"),
    "1442": ("Sand & Gravel", "Aggregates", "Rock Products"),
    "2086": ("Bottling Co", "Beverages"),
    "2033": ("Cannery", "Food Processing", "Tomato Products"),
    "3471": ("Plating", "Metal Finishing", "Anodizing"),
    "3441": ("Steel Fabrication", "Structural Steel"),
    "4581": ("Airport", "Aviation Services"),
    "4953": ("Landfill", "Transfer Station", "Compost Facility"),
    "2421": ("Lumber Co", "Sawmill"),
    "3089": ("Plastics", "Molded Products"),
    "4952": ("Wastewater Treatment Plant",),
}
SIC_WEIGHTS: dict[str, float] = {
    "5093": 12, "5015": 10, "4212": 10, "4225": 9, "3272": 4, "3273": 6, "1442": 5, "2086": 2,
    "2033": 3, "3471": 4, "3441": 5, "4581": 2, "4953": 5, "2421": 2, "3089": 4, "4952": 4,
}
LEGAL_SUFFIXES = ("Inc", "Inc.", "LLC", "Corp", "Corporation", "Co", "Company", "LP", "L.L.C.")

# Wastewater plants: the long form, and the abbreviation both registries use.
PLANT_TYPES: tuple[tuple[str, str], ...] = (
    ("Wastewater Treatment Plant", "WWTP"),
    ("Water Reclamation Plant", "WRP"),
    ("Water Pollution Control Facility", "WPCF"),
    ("Water Quality Control Plant", "WQCP"),
    ("Wastewater Reclamation Facility", "WRF"),
    ("Wastewater Treatment Facility", "WWTF"),
    ("Publicly Owned Treatment Works", "POTW"),
)
PLANT_QUALIFIERS = ("", "", "", "Regional", "North", "South", "East", "Westside", "Main")
OWNER_FORMS = ("city", "city", "city", "sanitary", "csd", "county")
OTHER_NPDES = (
    ("Refinery", "2911"), ("Power Plant", "4911"), ("Generating Station", "4911"),
    ("Fish Hatchery", "0921"), ("Mine", "1041"), ("Food Processing Plant", "2033"),
    ("Water Treatment Plant", "4941"), ("Desalination Plant", "4941"),
)

STREET_NAMES = (
    "Main St", "Industrial Way", "Harbor Blvd", "Airport Rd", "Commerce Dr", "River Rd",
    "Railroad Ave", "Olive St", "Oak Ave", "Market St", "Mission Blvd", "Pacific Ave",
    "Frontage Rd", "Canal St", "Plant Rd", "Treatment Plant Rd", "Sewer Farm Rd", "Levee Rd",
)
RECEIVING_WATERS = (
    "Los Angeles River", "San Gabriel River", "Santa Ana River", "San Joaquin River",
    "Sacramento River", "Dominguez Channel", "San Francisco Bay", "Coyote Creek",
    "Guadalupe River", "Kern River", "Pacific Ocean", "Salinas River", "Russian River",
    "Santa Margarita River", "Calleguas Creek", "Stormwater drain to Municipal Separate Storm Sewer System",
)


@dataclass(frozen=True)
class Parameter:
    """A monitored analyte: its canonical name, the names it is published under, and a typical
    value distribution (median and spread of a log-normal, in ``base_unit``)."""

    canonical: str
    variants: tuple[str, ...]
    base_unit: str
    median: float
    sigma: float
    micro_share: float = 0.0
    """Share of results published in ug/L (value x 1000) instead of mg/L."""


PARAMETERS: dict[str, Parameter] = {p.canonical: p for p in (
    Parameter("pH", ("pH", "pH", "pH", "PH", "pH, Field"), "SU", 7.3, 0.08),
    Parameter("Total Suspended Solids (TSS)",
              ("Total Suspended Solids (TSS)", "Total Suspended Solids (TSS)", "Total Suspended Solids",
               "TSS", "Suspended Solids, Total"), "mg/L", 22.0, 1.1),
    Parameter("Oil and Grease", ("Oil and Grease", "Oil and Grease", "Oil & Grease",
                                 "Oil and Grease (HEM)", "O&G"), "mg/L", 2.0, 0.9),
    Parameter("Chemical Oxygen Demand (COD)", ("Chemical Oxygen Demand (COD)", "COD",
                                               "Chemical Oxygen Demand"), "mg/L", 35.0, 0.9),
    Parameter("Biochemical Oxygen Demand (BOD)", ("Biochemical Oxygen Demand (BOD)", "BOD",
                                                  "BOD, 5-day, 20 Deg. C"), "mg/L", 7.0, 0.8),
    Parameter("Zinc Total", ("Zinc, Total", "Zinc Total", "Zinc, Total", "Total Zinc", "Zinc"),
              "mg/L", 0.07, 0.9, 0.25),
    Parameter("Copper Total", ("Copper, Total", "Copper Total", "Total Copper", "Copper"),
              "mg/L", 0.008, 0.9, 0.3),
    Parameter("Iron Total", ("Iron, Total", "Iron Total", "Total Iron"), "mg/L", 0.3, 0.9, 0.1),
    Parameter("Aluminum Total", ("Aluminum, Total", "Aluminum Total", "Total Aluminum"),
              "mg/L", 0.22, 1.0, 0.1),
    Parameter("Lead Total", ("Lead, Total", "Lead Total", "Total Lead"), "mg/L", 0.005, 1.0, 0.3),
    Parameter("Nitrate plus Nitrite (as N)", ("Nitrate plus Nitrite (as N)", "Nitrate + Nitrite as N",
                                              "Nitrite Plus Nitrate (as N)", "N+N"), "mg/L", 0.25, 0.8),
    Parameter("Ammonia (as N)", ("Ammonia (as N)", "Ammonia as N", "Ammonia, Total (as N)",
                                 "Ammonia-Nitrogen"), "mg/L", 0.5, 1.0),
    Parameter("Turbidity", ("Turbidity", "Turbidity", "Turbidity, Field"), "NTU", 40.0, 1.3),
    Parameter("Specific Conductance", ("Specific Conductance", "Electrical Conductivity @ 25 Deg. C"),
              "umhos/cm", 700.0, 0.5),
    Parameter("Flow", ("Flow",), "MGD", 4.0, 1.0),
    Parameter("Coliform, Total", ("Coliform, Total", "Total Coliform"), "MPN/100 mL", 20.0, 1.5),
    Parameter("Temperature", ("Temperature",), "Deg F", 68.0, 0.12),
    Parameter("Chlorine, Total Residual", ("Chlorine, Total Residual",), "mg/L", 0.02, 1.0),
)}

INDUSTRIAL_BASE_PARAMETERS = ("Total Suspended Solids (TSS)", "Oil and Grease", "pH")
INDUSTRIAL_EXTRA_BY_SIC: dict[str, tuple[str, ...]] = {
    "5093": ("Zinc Total", "Copper Total", "Iron Total", "Aluminum Total", "Lead Total",
             "Chemical Oxygen Demand (COD)"),
    "5015": ("Zinc Total", "Copper Total", "Iron Total", "Aluminum Total", "Lead Total"),
    "4212": ("Zinc Total", "Iron Total", "Chemical Oxygen Demand (COD)"),
    "4225": ("Zinc Total", "Chemical Oxygen Demand (COD)"),
    "3272": ("Iron Total", "Aluminum Total"),
    "3273": ("Iron Total", "Aluminum Total"),
    "1442": ("Iron Total", "Nitrate plus Nitrite (as N)"),
    "2086": ("Biochemical Oxygen Demand (BOD)", "Chemical Oxygen Demand (COD)"),
    "2033": ("Biochemical Oxygen Demand (BOD)", "Chemical Oxygen Demand (COD)", "Nitrate plus Nitrite (as N)"),
    "3471": ("Zinc Total", "Copper Total", "Lead Total", "Aluminum Total"),
    "3441": ("Zinc Total", "Iron Total", "Aluminum Total"),
    "4581": ("Chemical Oxygen Demand (COD)", "Ammonia (as N)"),
    "4953": ("Iron Total", "Chemical Oxygen Demand (COD)", "Ammonia (as N)", "Nitrate plus Nitrite (as N)"),
    "2421": ("Chemical Oxygen Demand (COD)", "Zinc Total"),
    "3089": ("Zinc Total", "Chemical Oxygen Demand (COD)"),
    "4952": ("Biochemical Oxygen Demand (BOD)", "Ammonia (as N)", "Zinc Total"),
}
CONSTRUCTION_PARAMETERS = ("pH", "Turbidity")
ESMR_PARAMETERS = (
    "Flow", "Biochemical Oxygen Demand (BOD)", "Total Suspended Solids (TSS)", "pH",
    "Ammonia (as N)", "Coliform, Total", "Temperature", "Chlorine, Total Residual",
    "Copper Total", "Zinc Total", "Specific Conductance", "Nitrate plus Nitrite (as N)",
)
# Published unit spellings, by base unit.
UNIT_VARIANTS: dict[str, tuple[str, ...]] = {
    "mg/L": ("mg/L", "mg/L", "mg/L", "mg/L", "mg/l", "MG/L"),
    "ug/L": ("ug/L", "ug/L", "µg/L", "ug/l"),
    "SU": ("SU", "SU", "pH Units", "s.u."),
    "NTU": ("NTU",),
    "umhos/cm": ("umhos/cm", "uS/cm"),
    "MGD": ("MGD",),
    "MPN/100 mL": ("MPN/100 mL",),
    "Deg F": ("Deg F",),
}
ANALYTICAL_METHODS: dict[str, str] = {
    "pH": "SM 4500-H+ B", "Total Suspended Solids (TSS)": "SM 2540 D",
    "Oil and Grease": "EPA 1664A", "Chemical Oxygen Demand (COD)": "SM 5220 D",
    "Biochemical Oxygen Demand (BOD)": "SM 5210 B", "Turbidity": "EPA 180.1",
    "Nitrate plus Nitrite (as N)": "EPA 353.2", "Ammonia (as N)": "SM 4500-NH3 D",
}

INDUSTRIAL_PERMIT_TYPES = (("Industrial", 0.9), ("NEC", 0.08), ("NONA", 0.02))
APP_STATUSES = (("Active", 0.55), ("Terminated", 0.4), ("Submitted", 0.03), ("Returned", 0.02))
EVENT_TYPES = (("QSE", 0.8), ("Non-QSE", 0.12), ("Non-Storm Water Discharge", 0.08))
CONSTRUCTION_EVENT_TYPES = (("Storm Event", 0.85), ("Non-Storm Water Discharge", 0.1),
                            ("Qualifying Precipitation Event", 0.05))
LOCATION_TYPES = ("Discharge Point", "Discharge Point", "Run-on", "Combined Discharge")

INSPECTION_PURPOSES = (
    ("B Type Compliance", 0.45), ("A Type Compliance", 0.15), ("Complaint", 0.1),
    ("Enforcement Follow-up", 0.08), ("Non-Compliance Follow-up", 0.07),
    ("Inspection from Vehicle", 0.05), ("NEC (No Exposure Certification)", 0.03),
    ("NOT (Notice of Termination)", 0.04), ("Non-Filer/NONA", 0.03),
)
INSPECTION_CLASSIFICATIONS = (("Compliance", 0.7), ("Complaint", 0.1), ("Follow-up", 0.15),
                              ("Oversight", 0.05))
INSPECTOR_TYPES = (("Regional Board", 0.8), ("Third Party", 0.12), ("State Board", 0.08))
FOLLOW_UP = (("Yes", 0.35), ("No", 0.65))

VIOLATION_TYPES = (
    ("Deficient BMP Implementation", 0.24), ("Late Report", 0.18), ("Deficient SWPPP", 0.14),
    ("Failure to Submit Annual Report", 0.1), ("Monitoring", 0.12),
    ("Unauthorized Non-Storm Water Discharge", 0.06), ("Effluent", 0.04),
    ("Failure to Implement ERA", 0.04), ("Other Requirement", 0.08),
)
VIOLATION_SOURCES = (("Inspection", 0.4), ("Annual Report", 0.35), ("Report", 0.25))
VIOLATION_PRIORITIES = (("3", 0.45), ("2", 0.35), ("1", 0.08), ("Not Authorized to Assign Rank", 0.07),
                        ("No", 0.03), ("Yes", 0.02))
VIOLATION_STATUSES = (("Violation", 0.8), ("Potential", 0.12), ("Dismissed", 0.08))
DETERMINED_BY = (("Regional Board", 0.85), ("State Board", 0.1), ("Discharger", 0.05))

ENFORCEMENT_TYPES = (
    ("Notice of Violation", 0.35), ("Staff Enforcement Letter", 0.25), ("Notice to Comply", 0.1),
    ("Oral Communication", 0.06), ("13267 Letter", 0.06), ("Expedited Payment Letter", 0.06),
    ("Admin Civil Liability", 0.05), ("Cleanup and Abatement Order", 0.03),
    ("Notice of Non-Compliance", 0.04),
)
PENALTY_TYPES = {"Expedited Payment Letter", "Admin Civil Liability"}
ENFORCEMENT_STATUSES = (("Historical", 0.6), ("Active", 0.3), ("Draft", 0.04), ("Withdrawn", 0.03),
                        ("Rescinded", 0.03))
ORDER_NUMBERS = ("2014-0057-DWQ", "2009-0009-DWQ", "2022-0057-DWQ", "97-03-DWQ")

ESMR_LOCATION_TYPES = (
    ("EFF-001", "Effluent Monitoring"), ("EFF-002", "Effluent Monitoring"),
    ("INF-001", "Influent Monitoring"), ("RSW-001U", "Receiving Water Monitoring"),
    ("RSW-001D", "Receiving Water Monitoring"),
)
ESMR_QA_CODES = ("", "", "", "", "", "", "J", "B", "U", "BU")
