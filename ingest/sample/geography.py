"""California geography for the sample generator: counties, their SMARTS codes, regions, cities.

County codes are the two-digit alphabetical codes used inside WDIDs (``1 08I004046``: region 1,
county 08 = Del Norte). Weights roughly follow where industrial permittees are.
"""

from __future__ import annotations

from dataclasses import dataclass

REGION_NAMES: dict[str, str] = {
    "1": "North Coast",
    "2": "San Francisco Bay",
    "3": "Central Coast",
    "4": "Los Angeles",
    "5F": "Central Valley (Fresno)",
    "5R": "Central Valley (Redding)",
    "5S": "Central Valley (Sacramento)",
    "6A": "Lahontan (South Lake Tahoe)",
    "6B": "Lahontan (Victorville)",
    "7": "Colorado River",
    "8": "Santa Ana",
    "9": "San Diego",
}


@dataclass(frozen=True)
class City:
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class County:
    code: int
    name: str
    region: str
    weight: float
    cities: tuple[City, ...]


def _county(code: int, name: str, region: str, weight: float, *cities: tuple[str, float, float]):
    return County(code, name, region, weight, tuple(City(*c) for c in cities))


COUNTIES: tuple[County, ...] = (
    _county(1, "Alameda", "2", 5.0, ("Oakland", 37.8044, -122.2712), ("Hayward", 37.6688, -122.0808),
            ("Fremont", 37.5485, -121.9886), ("San Leandro", 37.7249, -122.1561),
            ("Livermore", 37.6819, -121.768)),
    _county(4, "Butte", "5R", 0.8, ("Chico", 39.7285, -121.8375), ("Oroville", 39.5138, -121.5564)),
    _county(7, "Contra Costa", "2", 3.0, ("Richmond", 37.9358, -122.3477),
            ("Concord", 37.978, -122.0311), ("Martinez", 38.0194, -122.1341),
            ("Pittsburg", 38.028, -121.8847), ("Antioch", 38.0049, -121.8058)),
    _county(8, "Del Norte", "1", 0.2, ("Crescent City", 41.7558, -124.2026)),
    _county(9, "El Dorado", "5S", 0.5, ("Placerville", 38.7296, -120.7985),
            ("El Dorado Hills", 38.6857, -121.0822)),
    _county(10, "Fresno", "5F", 4.0, ("Fresno", 36.7378, -119.7871), ("Clovis", 36.8252, -119.7029),
            ("Selma", 36.5708, -119.6121), ("Reedley", 36.5963, -119.4504),
            ("Coalinga", 36.1397, -120.3602)),
    _county(12, "Humboldt", "1", 0.6, ("Eureka", 40.8021, -124.1637), ("Arcata", 40.8665, -124.0828),
            ("Fortuna", 40.5982, -124.1573)),
    _county(13, "Imperial", "7", 0.8, ("El Centro", 32.792, -115.5631), ("Brawley", 32.9787, -115.5303),
            ("Calexico", 32.6789, -115.4989)),
    _county(15, "Kern", "5F", 3.5, ("Bakersfield", 35.3733, -119.0187), ("Delano", 35.7688, -119.247),
            ("Shafter", 35.5005, -119.2718), ("Tehachapi", 35.1322, -118.4490)),
    _county(16, "Kings", "5F", 0.6, ("Hanford", 36.3275, -119.6457), ("Lemoore", 36.3008, -119.7829)),
    _county(17, "Lake", "5S", 0.3, ("Lakeport", 39.043, -122.9158), ("Clearlake", 38.9582, -122.6264)),
    _county(19, "Los Angeles", "4", 22.0, ("Los Angeles", 34.0522, -118.2437),
            ("Long Beach", 33.7701, -118.1937), ("Torrance", 33.8358, -118.3406),
            ("Carson", 33.8317, -118.282), ("Vernon", 34.0039, -118.2301),
            ("Santa Fe Springs", 33.9472, -118.0853), ("Pomona", 34.0551, -117.7500),
            ("Burbank", 34.1808, -118.309), ("Lancaster", 34.6868, -118.1542),
            ("Palmdale", 34.5794, -118.1165), ("Compton", 33.8958, -118.2201),
            ("City of Industry", 34.0197, -117.9587), ("Santa Clarita", 34.3917, -118.5426)),
    _county(20, "Madera", "5F", 0.5, ("Madera", 36.9613, -120.0607), ("Chowchilla", 37.123, -120.2602)),
    _county(21, "Marin", "2", 0.6, ("San Rafael", 37.9735, -122.5311), ("Novato", 38.1074, -122.5697)),
    _county(23, "Mendocino", "1", 0.4, ("Ukiah", 39.1502, -123.2078), ("Fort Bragg", 39.4457, -123.8053),
            ("Willits", 39.4096, -123.3556)),
    _county(24, "Merced", "5S", 0.9, ("Merced", 37.3022, -120.483), ("Los Banos", 37.0583, -120.8499),
            ("Atwater", 37.3477, -120.6091)),
    _county(27, "Monterey", "3", 1.2, ("Salinas", 36.6777, -121.6555), ("Monterey", 36.6002, -121.8947),
            ("King City", 36.2127, -121.126), ("Watsonville Junction", 36.8686, -121.7560)),
    _county(28, "Napa", "2", 0.6, ("Napa", 38.2975, -122.2869), ("American Canyon", 38.1749, -122.2608)),
    _county(30, "Orange", "8", 8.0, ("Anaheim", 33.8366, -117.9143), ("Santa Ana", 33.7455, -117.8677),
            ("Irvine", 33.6846, -117.8265), ("Fullerton", 33.8704, -117.9242),
            ("Huntington Beach", 33.6595, -117.9988), ("Orange", 33.7879, -117.8531)),
    _county(31, "Placer", "5S", 1.0, ("Roseville", 38.7521, -121.288), ("Rocklin", 38.7907, -121.2358),
            ("Auburn", 38.8966, -121.0769), ("Lincoln", 38.8916, -121.293)),
    _county(33, "Riverside", "8", 6.0, ("Riverside", 33.9806, -117.3755), ("Corona", 33.8753, -117.5664),
            ("Perris", 33.7825, -117.2286), ("Moreno Valley", 33.9425, -117.2297),
            ("Temecula", 33.4936, -117.1484), ("Jurupa Valley", 33.9972, -117.4855)),
    _county(34, "Sacramento", "5S", 4.0, ("Sacramento", 38.5816, -121.4944),
            ("Elk Grove", 38.4088, -121.3716), ("Rancho Cordova", 38.5891, -121.3027),
            ("Folsom", 38.678, -121.1761), ("West Sacramento Yard", 38.5700, -121.5100)),
    _county(36, "San Bernardino", "8", 6.0, ("San Bernardino", 34.1083, -117.2898),
            ("Ontario", 34.0633, -117.6509), ("Fontana", 34.0922, -117.435),
            ("Rancho Cucamonga", 34.1064, -117.5931), ("Chino", 34.0122, -117.6889),
            ("Rialto", 34.1064, -117.3703), ("Colton", 34.0739, -117.3137)),
    _county(37, "San Diego", "9", 6.0, ("San Diego", 32.7157, -117.1611), ("Chula Vista", 32.6401, -117.0842),
            ("Escondido", 33.1192, -117.0864), ("Oceanside", 33.1959, -117.3795),
            ("El Cajon", 32.7948, -116.9625), ("Vista", 33.2, -117.2425),
            ("Carlsbad", 33.1581, -117.3506)),
    _county(38, "San Francisco", "2", 1.0, ("San Francisco", 37.7749, -122.4194)),
    _county(39, "San Joaquin", "5S", 2.5, ("Stockton", 37.9577, -121.2908), ("Tracy", 37.7397, -121.4252),
            ("Lodi", 38.1302, -121.2724), ("Manteca", 37.7974, -121.2161),
            ("Lathrop", 37.8227, -121.2766)),
    _county(40, "San Luis Obispo", "3", 0.8, ("San Luis Obispo", 35.2828, -120.6596),
            ("Paso Robles", 35.6266, -120.691), ("Arroyo Grande", 35.1186, -120.5907)),
    _county(41, "San Mateo", "2", 1.5, ("Redwood City", 37.4852, -122.2364),
            ("South San Francisco", 37.6547, -122.4077), ("San Mateo", 37.563, -122.3255),
            ("Half Moon Bay", 37.4636, -122.4286)),
    _county(42, "Santa Barbara", "3", 1.0, ("Santa Maria", 34.953, -120.4357),
            ("Santa Barbara", 34.4208, -119.6982), ("Lompoc", 34.6391, -120.4579),
            ("Goleta", 34.4358, -119.8276)),
    _county(43, "Santa Clara", "2", 4.0, ("San Jose", 37.3382, -121.8863),
            ("Santa Clara", 37.3541, -121.9552), ("Sunnyvale", 37.3688, -122.0363),
            ("Milpitas", 37.4323, -121.8996), ("Gilroy", 37.0058, -121.5683),
            ("Palo Alto", 37.4419, -122.143)),
    _county(44, "Santa Cruz", "3", 0.5, ("Santa Cruz", 36.9741, -122.0308), ("Watsonville", 36.9102, -121.7569)),
    _county(45, "Shasta", "5R", 0.8, ("Redding", 40.5865, -122.3917), ("Anderson", 40.4482, -122.2978),
            ("Shasta Lake", 40.6804, -122.3708)),
    _county(48, "Solano", "2", 1.2, ("Fairfield", 38.2494, -122.04), ("Vallejo", 38.1041, -122.2566),
            ("Benicia", 38.0494, -122.1586), ("Vacaville", 38.3566, -121.9877),
            ("Dixon", 38.4455, -121.8233)),
    _county(49, "Sonoma", "1", 1.5, ("Santa Rosa", 38.4404, -122.7141), ("Petaluma", 38.2324, -122.6367),
            ("Healdsburg", 38.6105, -122.8692), ("Sonoma", 38.2919, -122.458)),
    _county(50, "Stanislaus", "5S", 1.8, ("Modesto", 37.6391, -120.9969), ("Turlock", 37.4947, -120.8466),
            ("Ceres", 37.5949, -120.9577), ("Oakdale", 37.7666, -120.8474)),
    _county(52, "Tehama", "5R", 0.3, ("Red Bluff", 40.1785, -122.2358), ("Corning", 39.9277, -122.1792)),
    _county(54, "Tulare", "5F", 1.5, ("Visalia", 36.3302, -119.2921), ("Tulare", 36.2077, -119.3473),
            ("Porterville", 36.0652, -119.0168), ("Dinuba", 36.5433, -119.3871)),
    _county(56, "Ventura", "4", 2.5, ("Oxnard", 34.1975, -119.1771), ("Ventura", 34.2805, -119.2945),
            ("Camarillo", 34.2164, -119.0376), ("Simi Valley", 34.2694, -118.7815),
            ("Santa Paula", 34.3542, -119.0593)),
    _county(57, "Yolo", "5S", 0.8, ("Woodland", 38.6785, -121.7733), ("Davis", 38.5449, -121.7405),
            ("West Sacramento", 38.5805, -121.5302)),
    _county(14, "Inyo", "6A", 0.1, ("Bishop", 37.3635, -118.3951), ("Lone Pine", 36.6060, -118.0629)),
    _county(26, "Mono", "6A", 0.1, ("Mammoth Lakes", 37.6485, -118.9721)),
    _county(36, "San Bernardino", "6B", 0.8, ("Victorville", 34.5362, -117.2928),
            ("Hesperia", 34.4264, -117.3009), ("Barstow", 34.8958, -117.0173)),
    _county(33, "Riverside", "7", 0.7, ("Indio", 33.7206, -116.2156), ("Palm Springs", 33.8303, -116.5453),
            ("Blythe", 33.6103, -114.5964), ("Coachella", 33.6803, -116.1739)),
)

CA_LAT = (32.5, 42.1)
CA_LON = (-124.5, -114.1)
