"""Built-in English news vocabulary that extraction needs beside the reference data.

The reference data (the database) names the actors, places, vessels, resolutions and
estimative terms the record already knows. What it leaves out on purpose is general
language: demonyms ("British"), capitals used for their governments ("Pyongyang",
"Washington"), the words of attribution ("said", "declined to comment"), titles, body
nouns ("defence ministry") and a few widely reported bodies and outlets. Names found
through this vocabulary and not in the reference data come out with ``key=None``: they
become proposals for new actors and places, never silent matches.

Everything here is data; the rules that use it live in the other modules."""

from __future__ import annotations

# Irregular verbs of saying and finding (base form -> past): one table, kept beside the
# statement gist that also reads it (compliance does not import extraction).
from compliance.stances import IRREGULAR_PAST as IRREGULAR_PAST

# ----------------------------------------------------------------- states
# Common English names of states whose ISO 3166 name is awkward in prose; ISO alpha-2 code.
COMMON_COUNTRY_NAMES: dict[str, str] = {
    "BO": "Bolivia", "IR": "Iran", "KR": "South Korea", "KP": "North Korea", "LA": "Laos",
    "MD": "Moldova", "SY": "Syria", "TW": "Taiwan", "TZ": "Tanzania", "VE": "Venezuela",
    "VN": "Vietnam", "RU": "Russia", "US": "United States", "GB": "United Kingdom",
    "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo", "FM": "Micronesia",
    "PS": "Palestine", "CZ": "Czech Republic", "TR": "Turkey", "CI": "Ivory Coast", "MM": "Myanmar",
    "MK": "North Macedonia", "SZ": "Eswatini", "CV": "Cape Verde", "BN": "Brunei",
}
# Extra names of states, beyond ISO 3166 names and the common names above.
EXTRA_COUNTRY_NAMES: dict[str, str] = {
    "Britain": "GB", "Great Britain": "GB", "U.K.": "GB", "UK": "GB", "United States of America": "US",
    "U.S.": "US", "US": "US", "USA": "US", "U.S.A.": "US", "America": "US", "Russian Federation": "RU",
    "South Korea": "KR", "Republic of Korea": "KR", "ROK": "KR", "S. Korea": "KR",
    "North Korea": "KP", "N. Korea": "KP", "DPRK": "KP", "Democratic People's Republic of Korea": "KP",
    "Czechia": "CZ", "Holland": "NL", "Netherlands": "NL", "Türkiye": "TR", "Turkiye": "TR",
    "Burma": "MM", "Ivory Coast": "CI", "Vatican": "VA", "Kosovo": "XK", "China": "CN",
    "People's Republic of China": "CN", "PRC": "CN", "Iran": "IR", "UAE": "AE",
    "United Arab Emirates": "AE", "Emirates": "AE", "Gaza": "PS",
}
# Country names that are also common first names or US states: only matched when no
# capitalised word is next to them ("Michael Jordan", "Georgia Meloni").
AMBIGUOUS_COUNTRY_NAMES = frozenset({"Jordan", "Georgia", "Chad", "Niger", "Guinea", "America", "Turkey", "Gaza"})

# Adjectives of states as they are written in the news; ISO alpha-2 code.
DEMONYMS: dict[str, str] = {
    "North Korean": "KP", "N. Korean": "KP", "South Korean": "KR", "S. Korean": "KR",
    "Russian": "RU", "British": "GB", "American": "US", "Japanese": "JP", "Chinese": "CN",
    "Ukrainian": "UA", "Iranian": "IR", "Belarusian": "BY", "Belarussian": "BY", "Afghan": "AF",
    "Albanian": "AL", "Algerian": "DZ", "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM",
    "Australian": "AU", "Austrian": "AT", "Azerbaijani": "AZ", "Belgian": "BE", "Brazilian": "BR",
    "Bulgarian": "BG", "Canadian": "CA", "Chilean": "CL", "Colombian": "CO", "Croatian": "HR",
    "Cuban": "CU", "Czech": "CZ", "Danish": "DK", "Dutch": "NL", "Egyptian": "EG", "Eritrean": "ER",
    "Estonian": "EE", "Ethiopian": "ET", "Finnish": "FI", "French": "FR", "Georgian": "GE",
    "German": "DE", "Greek": "GR", "Hungarian": "HU", "Indian": "IN", "Indonesian": "ID",
    "Iraqi": "IQ", "Irish": "IE", "Israeli": "IL", "Italian": "IT", "Kazakh": "KZ", "Kenyan": "KE",
    "Kyrgyz": "KG", "Latvian": "LV", "Lebanese": "LB", "Libyan": "LY", "Lithuanian": "LT",
    "Malaysian": "MY", "Mexican": "MX", "Moldovan": "MD", "Mongolian": "MN", "Myanmar": "MM",
    "Nigerian": "NG", "Norwegian": "NO", "Pakistani": "PK", "Philippine": "PH", "Filipino": "PH",
    "Polish": "PL", "Portuguese": "PT", "Romanian": "RO", "Saudi": "SA", "Serbian": "RS",
    "Singaporean": "SG", "Slovak": "SK", "Slovakian": "SK", "Slovenian": "SI", "Spanish": "ES", "Sudanese": "SD",
    "Swedish": "SE", "Swiss": "CH", "Syrian": "SY", "Taiwanese": "TW", "Tajik": "TJ", "Thai": "TH",
    "Turkish": "TR", "Turkmen": "TM", "Uzbek": "UZ", "Venezuelan": "VE", "Vietnamese": "VN",
    "Yemeni": "YE", "Emirati": "AE", "Qatari": "QA", "Cambodian": "KH", "Laotian": "LA",
    "Bangladeshi": "BD", "Nepalese": "NP", "Sri Lankan": "LK", "Peruvian": "PE", "Bolivian": "BO",
    "Nicaraguan": "NI", "Malian": "ML", "Burkinabe": "BF", "Nigerien": "NE", "Somali": "SO",
    "Ugandan": "UG", "Tanzanian": "TZ", "Zimbabwean": "ZW", "South African": "ZA",
    "New Zealand": "NZ", "Icelandic": "IS", "Luxembourgish": "LU", "Maltese": "MT", "Cypriot": "CY",
}
# Words of a government body's name ("State Security Department", "Federal Security Service"):
# a new one after a state's possessive is that state's.
GOVERNMENT_BODY_WORDS = frozenset({
    "ministry", "department", "agency", "service", "office", "directorate", "bureau", "committee",
    "commission", "forces", "command", "guard", "administration", "inspectorate", "prosecutor", "staff",
})
# Legal forms of companies written before the name ("LLC Defense Engineering", "Limited Liability
# Company Defense Engineering") and after it ("Verus s.r.o.", "Sovfracht Ltd"), as regular-
# expression text: the name with its legal form is a firm.
FIRM_LEGAL_FORMS_BEFORE = ("Limited Liability Company", "Joint Stock Company", "Public Joint Stock Company",
                           "LLC", "JSC", "PJSC", "OJSC", "CJSC", "OOO", "OAO", "ZAO", "AO")
FIRM_LEGAL_FORMS_AFTER = (r"s\.r\.o\.", r"a\.s\.", "LLC", r"Ltd\.?", r"Co\.,?\s+Ltd\.?", r"Inc\.?", "GmbH",
                          "JSC", "PJSC", "PLC", r"Corp\.?", "LLP", r"S\.A\.", r"B\.V\.")
# How a body of a state is named when the state is not in the reference data.
STATE_PREFIX: dict[str, str] = {
    "US": "US", "GB": "UK", "KP": "North Korean", "KR": "South Korean", "RU": "Russian",
    "JP": "Japanese", "CN": "Chinese", "UA": "Ukrainian", "IR": "Iranian", "BY": "Belarusian",
}

# Nouns after a name that make it a region ("the Amur region", "Zaporizhzhia Oblast",
# "Primorsky Krai"): an unknown name before them is a new place.
REGION_NOUNS = frozenset({"region", "oblast", "krai", "province", "prefecture", "territory"})
# People of a body named before it with "of" ("Officials of the Bank of Korea"): not part of its name.
MEMBER_NOUNS = frozenset({"officials", "official", "members", "member", "staff", "experts", "researchers",
                          "analysts", "representatives", "spokesperson", "spokesman", "spokeswoman", "head", "chief"})
# Compass points that open a region's name when capitalised ("North Hamgyong Province").
COMPASS_NAME_WORDS = frozenset({"north", "south", "east", "west"})

# Words that may stand between a qualifying "UN" and its head ("UN arms embargo", "UN weapons
# inspectors", "UN human rights envoy"): the "UN" still only qualifies the head.
ATTRIBUTIVE_MODIFIERS = frozenset({
    "arms", "weapons", "nuclear", "human", "rights", "humanitarian", "security", "oil", "trade", "export",
    "import", "atomic", "refugee", "food", "aid", "sanctions", "maritime", "shipping", "military", "expert",
})
# Abbreviations that, right before another word, only qualify it ("UN sanctions", "U.N.
# Charter", "UN envoy"): the body itself is named only where it stands alone ("the UN said").
ATTRIBUTIVE_ABBREVIATIONS = frozenset({"UN", "U.N.", "United Nations"})
ATTRIBUTIVE_HEADS = frozenset({
    "sanctions", "resolution", "resolutions", "embargo", "measures", "panel", "experts", "monitors", "inspectors",
    "investigators", "report", "reports", "vote", "votes", "mission", "charter", "agency", "agencies", "body",
    "bodies", "official", "officials", "chief", "envoy", "envoys", "ambassador", "member", "members", "team",
    "data", "figures", "estimates", "forces", "troops", "peacekeepers", "command", "diplomats", "diplomat",
    "rapporteur", "investigation", "probe", "meeting", "session", "debate", "talks", "headquarters", "system",
    "regime", "ban", "bans", "cap", "caps", "ceiling", "rules", "obligations", "list", "blacklist", "designation", "designations",
})

# Capitals and other place names that news prose uses for a government ("Pyongyang has
# supplied", "Washington has warned"). They are places (capitals), never listed as states;
# as suppliers, recipients and originators they stand for their state.
METONYMS: dict[str, str] = {
    "Pyongyang": "KP", "Moscow": "RU", "Washington": "US", "Seoul": "KR", "Tokyo": "JP",
    "Beijing": "CN", "Kyiv": "UA", "Kiev": "UA", "London": "GB", "Tehran": "IR", "Minsk": "BY",
    "Paris": "FR", "Berlin": "DE", "Ottawa": "CA", "Canberra": "AU", "Rome": "IT", "New Delhi": "IN",
    "Hanoi": "VN", "Damascus": "SY", "Ankara": "TR", "Taipei": "TW", "Warsaw": "PL",
    "Ulaanbaatar": "MN", "Vientiane": "LA", "Havana": "CU", "Caracas": "VE",
}
# Words before a capital that make it the place rather than its government ("in Seoul",
# "visited Pyongyang", "travelled to Moscow"; but "arms to Moscow", "Washington warned").
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "around", "inside", "into", "via", "through",
                                "across", "within", "downtown"})
# Prepositions before a list of places whose unknown members are places too ("trained in
# Ussuriysk and Sergeevka", "sailed from Rason to Vladivostok, Nakhodka and Bolshoy Kamen").
PLACE_LIST_PREPOSITIONS = PLACE_PREPOSITIONS | frozenset({"from", "to", "between", "toward", "towards"})
# Auxiliary verbs: after a name they make it the subject of a clause ("... and Kim has said").
AUXILIARY_VERBS = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can",
                             "may", "might", "should", "did", "does", "do"})
TRAVEL_WORDS = frozenset({
    "visit", "visits", "visited", "visiting", "travel", "travels", "travelled", "traveled", "travelling",
    "traveling", "trip", "trips", "flew", "fly", "flies", "flight", "flights", "arrived", "arrive", "arrives",
    "arriving", "returned", "return", "returning", "went", "came", "headed", "journey", "journeyed", "drove",
    "toured", "tour",
})
CAPITAL_NOUNS = frozenset({"capital", "city"})
# Nouns for a group of states after a region's adjective ("the Baltic states", "Gulf countries"):
# the words name states, not a place.
STATE_GROUP_NOUNS = frozenset({"states", "countries", "nations", "republics"})
# Nouns for a connection before "between" two capitals ("rail links between Moscow and
# Pyongyang", "flights between Seoul and Tokyo"): the capitals are the places linked, not
# their governments ("relations between Moscow and Pyongyang").
CONNECTION_NOUNS = frozenset({
    "link", "links", "flight", "flights", "route", "routes", "rail", "railway", "railways", "train", "trains",
    "road", "roads", "bridge", "bridges", "connection", "connections", "traffic", "ferry", "ferries", "line",
    "lines", "service", "services", "corridor", "crossing", "distance",
})
# Nouns before "of" and a settlement's name ("the village of Makhnovka"): the name is a place.
SETTLEMENT_NOUNS = frozenset({"village", "villages", "town", "towns", "settlement", "settlements", "hamlet",
                              "city", "cities", "port", "ports"})
# Nouns after a name that make it a site, listed as a place under the name alone ("the Knevichi
# airbase" is Knevichi, "Vanino port" Vanino), as folded words.
SITE_NOUNS = ("airbase", "air base", "airfield", "air field", "naval base", "air force base", "military base",
              "base", "shipyard", "port", "harbour", "harbor", "terminal", "rail station", "railway station",
              "station", "depot", "arsenal", "launch site", "test site", "training ground", "training grounds",
              "firing range")
# Nouns after a capital (or its possessive) that make it the city ("Pyongyang's airport").
CITY_NOUNS = frozenset({
    "airport", "streets", "street", "residents", "outskirts", "suburbs", "suburb", "centre", "center", "downtown",
    "station", "square", "skies", "skyline", "hotel", "hospital", "district", "districts", "region", "area",
    "citizens", "metro", "port", "harbour", "harbor", "mayor", "city",
})
# Nouns for a ship that may come right before its name ("the frigate Marshal Shaposhnikov",
# "the tanker Yuyo"): merchant ships and warships alike.
SHIP_NOUNS = frozenset({
    "ship", "ships", "vessel", "vessels", "freighter", "freighters", "tanker", "tankers", "ferry",
    "frigate", "frigates", "destroyer", "destroyers", "cruiser", "cruisers", "corvette", "corvettes",
    "warship", "warships", "submarine", "submarines", "icebreaker", "icebreakers", "trawler", "trawlers",
    "bulker", "carrier", "barge", "tug", "tugboat", "patrol boat",
})
# Nouns that may come right before an organisation's name ("the shipping company
# Sovfracht", "the defense outlet The War Zone", "the think tank Stimson").
ORG_INTRO_NOUNS = frozenset({
    "firm", "company", "companies", "shipowner", "ship owner", "operator", "ship manager", "conglomerate",
    "subsidiary", "exporter", "trading house", "entity", "outlet", "news outlet", "newspaper", "website",
    "news site", "magazine", "broadcaster", "publication", "blog", "think tank", "think-tank", "monitor",
    "monitoring group", "watchdog",
})
# Epithets for a state that are neither places nor listed as state names.
EPITHETS: dict[str, str] = {"Hermit Kingdom": "KP", "the North": "KP", "the South": "KR"}

# ----------------------------------------------------------------- places
# Places often named in reporting on the DPRK–Russia arms trade and the war it feeds;
# ISO alpha-2 code and kind. Not in the reference data unless someone adds them.
KNOWN_PLACES: dict[str, tuple[str, str]] = {
    "Kursk": ("RU", "region"), "Kursk region": ("RU", "region"), "Belgorod": ("RU", "city"),
    "Bryansk": ("RU", "city"), "Primorsky Krai": ("RU", "region"), "Primorye": ("RU", "region"),
    "Khabarovsk": ("RU", "city"), "Nakhodka": ("RU", "city"), "Fokino": ("RU", "city"),
    "Krasnodar": ("RU", "city"), "Krasnodar Krai": ("RU", "region"), "Rostov-on-Don": ("RU", "city"),
    "Tsiolkovsky": ("RU", "city"), "Komsomolsk-on-Amur": ("RU", "city"), "Zarubino": ("RU", "port"),
    "Slavyanka": ("RU", "port"), "Posyet": ("RU", "port"), "Ussuriysk": ("RU", "city"),
    "Novosibirsk": ("RU", "city"), "Kaliningrad": ("RU", "city"), "Far East": ("RU", "region"),
    "Russian Far East": ("RU", "region"), "Siberia": ("RU", "region"), "Crimea": ("UA", "region"),
    "Kharkiv": ("UA", "city"), "Bakhmut": ("UA", "city"), "Avdiivka": ("UA", "city"),
    "Zaporizhzhia": ("UA", "city"), "Donetsk": ("UA", "city"), "Luhansk": ("UA", "city"),
    "Donetsk Oblast": ("UA", "region"), "Luhansk Oblast": ("UA", "region"),
    "Kherson": ("UA", "city"), "Odesa": ("UA", "city"), "Odessa": ("UA", "city"),
    "Donbas": ("UA", "region"), "Mariupol": ("UA", "city"), "Dnipro": ("UA", "city"),
    "Chongjin": ("KP", "port"), "Nampo": ("KP", "port"), "Musudan": ("KP", "other"), "Musudan-ri": ("KP", "other"),
    "Kimchaek": ("KP", "port"), "Sunan": ("KP", "other"), "Vanino": ("RU", "port"), "Kraskino": ("RU", "city"),
    "Sonbong": ("KP", "city"), "Unggi": ("KP", "city"), "Nampho": ("KP", "port"),
    "Wonsan": ("KP", "port"), "Sinpo": ("KP", "port"), "Hamhung": ("KP", "city"),
    "Sohae": ("KP", "other"), "Sinuiju": ("KP", "city"), "Tumen River": ("KP", "region"),
    "Kaesong": ("KP", "city"), "Rason Special Economic Zone": ("KP", "region"),
    "Korean Peninsula": ("", "region"), "Sea of Japan": ("", "region"), "East Sea": ("", "region"),
    "Yellow Sea": ("", "region"), "Middle East": ("", "region"), "North Africa": ("", "region"),
    "Africa": ("", "region"), "Indo-Pacific": ("", "region"), "Europe": ("", "region"),
    "Busan": ("KR", "city"), "Incheon": ("KR", "city"), "Vladivostok": ("RU", "city"),
    "New York": ("US", "city"), "Geneva": ("CH", "city"), "Brussels": ("BE", "city"),
    "Friendship Bridge": ("", "other"), "Amur region": ("RU", "region"),
    "Kharkiv region": ("UA", "region"), "Zaporizhzhia Oblast": ("UA", "region"), "Belgorod region": ("RU", "region"),
    "Bryansk region": ("RU", "region"), "Kyiv region": ("UA", "region"),
    "Simon's Town": ("ZA", "port"),  # the naval base where the Lady R docked in December 2022
}
# Other names of the places above: the same place, listed under the name on the right.
PLACE_ALIASES: dict[str, str] = {
    "Kursk": "Kursk region", "Kursk Oblast": "Kursk region", "Primorye": "Primorsky Krai",
    "Primorsky region": "Primorsky Krai", "Primorye region": "Primorsky Krai", "Maritime Province": "Primorsky Krai",
    "Amur Oblast": "Amur region", "Kharkiv Oblast": "Kharkiv region", "Zaporizhzhia region": "Zaporizhzhia Oblast",
    "Belgorod Oblast": "Belgorod region", "Krasnodar region": "Krasnodar Krai", "Odessa": "Odesa",
    "Nampho": "Nampo", "Korea-Russia Friendship Bridge": "Friendship Bridge", "Far East": "Russian Far East",
    "Donetsk region": "Donetsk Oblast", "Luhansk region": "Luhansk Oblast",
}

# ----------------------------------------------------------------- organisations
# (name, aliases, country, kind, body type). Kinds follow compliance ActorKind values.
KNOWN_ORGANIZATIONS: tuple[tuple[str, tuple[str, ...], str, str, str], ...] = (
    ("United Nations", ("UN", "U.N."), "", "international_body", ""),
    ("UN General Assembly", ("General Assembly", "U.N. General Assembly"), "", "international_body", ""),
    ("European Union", ("EU", "E.U."), "", "international_body", ""),
    ("NATO", ("North Atlantic Treaty Organization", "Nato"), "", "international_body", ""),
    # Other names of bodies the reference data usually holds: when it does, these resolve to it.
    ("UN Panel of Experts", ("Panel of Experts", "sanctions monitors", "U.N. sanctions monitors",
                             "UN sanctions monitors", "United Nations sanctions monitors", "U.N. Panel of Experts",
                             "panel of experts"), "", "international_body", ""),
    ("UN Security Council", ("U.N. Security Council", "United Nations Security Council", "UNSC"), "",
     "international_body", ""),
    ("G7", ("Group of Seven", "G-7"), "", "international_body", ""),
    ("IAEA", ("International Atomic Energy Agency",), "", "international_body", ""),
    ("US Department of Defense", ("Pentagon", "Department of Defense", "Defense Department", "DoD",
                                  "U.S. Department of Defense", "US Defense Department",
                                  "U.S. Defense Department"), "US", "government_body", "defense_ministry"),
    ("US Treasury Department", ("Treasury Department", "Department of the Treasury", "U.S. Treasury",
                                "US Treasury", "Treasury"), "US", "government_body", "treasury"),
    ("Office of Foreign Assets Control", ("OFAC",), "US", "government_body", ""),
    ("Office of the Director of National Intelligence", ("ODNI", "Director of National Intelligence"),
     "US", "government_body", "intelligence"),
    ("CIA", ("Central Intelligence Agency",), "US", "government_body", "intelligence"),
    ("Defense Intelligence Agency", ("DIA",), "US", "government_body", "intelligence"),
    ("US Forces Korea", ("USFK", "U.S. Forces Korea"), "US", "government_body", "military"),
    ("National Intelligence Service", ("NIS", "South Korea's spy agency", "South Korean spy agency"),
     "KR", "government_body", "intelligence"),
    ("Joint Chiefs of Staff", ("JCS",), "KR", "government_body", "military"),
    ("Unification Ministry", ("Ministry of Unification", "South Korea's Unification Ministry"),
     "KR", "government_body", "unification_ministry"),
    # TASS renders its name "Korean Central Telegraph Agency" (KCTA)
    ("Korean Central News Agency", ("KCNA", "Korean Central Telegraph Agency", "KCTA"), "KP", "media_outlet",
     "state_media"),
    ("Rodong Sinmun", ("Rodong",), "KP", "media_outlet", "state_media"),
    ("Workers' Party of Korea", ("WPK", "Workers’ Party of Korea", "ruling Workers' Party"), "KP",
     "organisation", ""),
    ("Korean People's Army", ("KPA",), "KP", "government_body", "military"),
    ("Federal Security Service", ("FSB",), "RU", "government_body", "intelligence"),
    ("Security Council of Russia", ("Russian Security Council", "Security Council of the Russian Federation"),
     "RU", "government_body", "security_council"),
    ("Foreign, Commonwealth and Development Office", ("FCDO", "Foreign Office"), "GB",
     "government_body", "foreign_ministry"),
    ("Downing Street", ("No 10", "Number 10"), "GB", "government_body", "presidential_office"),
    # (before "Foreign Office", which alone is the British one)
    ("Federal Foreign Office", ("German Foreign Office", "Germany's Foreign Office", "German Foreign Ministry",
                                "Germany's Foreign Ministry", "Auswärtiges Amt"), "DE", "government_body",
     "foreign_ministry"),
    ("Main Intelligence Directorate", ("HUR", "GUR"), "UA", "government_body", "intelligence"),
    ("Institute for the Study of War", ("ISW",), "US", "organisation", ""),
    ("Center for Strategic and International Studies", ("CSIS",), "US", "organisation", ""),
    ("Conflict Armament Research", ("CAR",), "GB", "organisation", ""),
    ("Open Source Centre", (), "GB", "organisation", ""),
    ("38 North", (), "US", "organisation", ""),
    ("Beyond Parallel", (), "US", "organisation", ""),
    ("Stimson Center", (), "US", "organisation", ""),
    ("RAND Corporation", ("RAND",), "US", "organisation", ""),
    ("International Institute for Strategic Studies", ("IISS",), "GB", "organisation", ""),
    ("Korea Institute for National Unification", ("KINU",), "KR", "organisation", ""),
    ("Asan Institute for Policy Studies", ("Asan Institute",), "KR", "organisation", ""),
    ("James Martin Center for Nonproliferation Studies", ("CNS",), "US", "organisation", ""),
    ("Maxar Technologies", ("Maxar",), "US", "organisation", ""),
    ("Reuters", (), "GB", "media_outlet", ""),
    ("NK News", ("NK Pro",), "US", "media_outlet", ""),
    ("Daily NK", (), "KR", "media_outlet", ""),
    ("Radio Free Asia", ("RFA",), "US", "media_outlet", ""),
    ("BBC", ("British Broadcasting Corporation",), "GB", "media_outlet", ""),
    ("CNN", (), "US", "media_outlet", ""),
    ("NHK", (), "JP", "media_outlet", ""),
    ("Kyodo News", ("Kyodo",), "JP", "media_outlet", ""),
    ("Bloomberg", (), "US", "media_outlet", ""),
    ("The New York Times", ("New York Times",), "US", "media_outlet", ""),
    ("The Washington Post", ("Washington Post",), "US", "media_outlet", ""),
    ("The Wall Street Journal", ("Wall Street Journal", "WSJ"), "US", "media_outlet", ""),
    ("Financial Times", ("FT",), "GB", "media_outlet", ""),
    ("The Guardian", ("Guardian",), "GB", "media_outlet", ""),
    ("Nikkei", ("Nikkei Asia",), "JP", "media_outlet", ""),
    ("TASS", ("Tass",), "RU", "media_outlet", ""),
    ("RIA Novosti", ("RIA",), "RU", "media_outlet", ""),
    ("Interfax", (), "RU", "media_outlet", ""),
    ("Al Jazeera", (), "QA", "media_outlet", ""),
    ("The Korea Herald", ("Korea Herald",), "KR", "media_outlet", ""),
    ("The Korea Times", ("Korea Times",), "KR", "media_outlet", ""),
    ("JoongAng Ilbo", ("Korea JoongAng Daily",), "KR", "media_outlet", ""),
    ("Chosun Ilbo", (), "KR", "media_outlet", ""),
    ("Newsweek", (), "US", "media_outlet", ""),
    ("USA Today", (), "US", "media_outlet", ""),
    ("The Telegraph", ("Telegraph",), "GB", "media_outlet", ""),
    ("Politico", (), "US", "media_outlet", ""),
    ("Axios", (), "US", "media_outlet", ""),
    ("The Kyiv Independent", ("Kyiv Independent",), "UA", "media_outlet", ""),
    ("Ukrainska Pravda", ("Ukrainian Pravda",), "UA", "media_outlet", ""),
    ("Ukrinform", (), "UA", "media_outlet", ""),
    ("Kyiv Post", (), "UA", "media_outlet", ""),
    ("Meduza", (), "RU", "media_outlet", ""),
    ("Kommersant", (), "RU", "media_outlet", ""),
    ("Izvestia", (), "RU", "media_outlet", ""),
    ("RT", ("Russia Today",), "RU", "media_outlet", ""),
    ("Sputnik", (), "RU", "media_outlet", ""),
    ("KBS", ("Korean Broadcasting System", "KBS World"), "KR", "media_outlet", ""),
    ("MBC", (), "KR", "media_outlet", ""),
    ("SBS", (), "KR", "media_outlet", ""),
    ("Dong-A Ilbo", ("DongA Ilbo",), "KR", "media_outlet", ""),
    ("Hankyoreh", (), "KR", "media_outlet", ""),
    ("Newsis", (), "KR", "media_outlet", ""),
    ("News1", (), "KR", "media_outlet", ""),
    ("Asahi Shimbun", ("Asahi",), "JP", "media_outlet", ""),
    ("Yomiuri Shimbun", ("Yomiuri",), "JP", "media_outlet", ""),
    ("Mainichi Shimbun", ("Mainichi",), "JP", "media_outlet", ""),
    ("The Japan Times", ("Japan Times",), "JP", "media_outlet", ""),
    ("Jiji Press", ("Jiji",), "JP", "media_outlet", ""),
    ("Xinhua", ("Xinhua News Agency",), "CN", "media_outlet", ""),
    ("Global Times", (), "CN", "media_outlet", ""),
    ("South China Morning Post", ("SCMP",), "CN", "media_outlet", ""),
    ("Voice of Korea", (), "KP", "media_outlet", "state_media"),
    ("Radio Free Europe/Radio Liberty", ("RFE/RL", "Radio Free Europe", "Radio Liberty"), "US", "media_outlet", ""),
    ("Deutsche Welle", ("DW",), "DE", "media_outlet", ""),
    ("France 24", (), "FR", "media_outlet", ""),
    ("Sky News", (), "GB", "media_outlet", ""),
    ("ABC News", (), "US", "media_outlet", ""),
    ("NBC News", (), "US", "media_outlet", ""),
    ("CBS News", (), "US", "media_outlet", ""),
    ("Fox News", (), "US", "media_outlet", ""),
    ("NPR", ("National Public Radio",), "US", "media_outlet", ""),
    ("The Economist", ("Economist",), "GB", "media_outlet", ""),
    ("The Times", (), "GB", "media_outlet", ""),
    ("The Independent", (), "GB", "media_outlet", ""),
    ("Foreign Policy", (), "US", "media_outlet", ""),
    ("The Diplomat", (), "US", "media_outlet", ""),
    ("Asia Times", (), "HK", "media_outlet", ""),
    ("Henry Jackson Society", (), "GB", "organisation", ""),
    ("Hudson Institute", (), "US", "organisation", ""),
    ("Carnegie Endowment for International Peace", ("Carnegie Endowment",), "US", "organisation", ""),
    ("Brookings Institution", ("Brookings",), "US", "organisation", ""),
    ("Atlantic Council", (), "US", "organisation", ""),
    ("Council on Foreign Relations", ("CFR",), "US", "organisation", ""),
    ("Korea Institute for Defense Analyses", ("KIDA",), "KR", "organisation", ""),
    ("Institute for National Security Strategy", ("INSS",), "KR", "organisation", ""),
    ("Middlebury Institute of International Studies", ("Middlebury Institute",), "US", "organisation", ""),
    ("Sovcomflot", (), "RU", "organisation", ""),
    ("Rosoboronexport", (), "RU", "organisation", ""),
    ("Russian Railways", ("RZD",), "RU", "organisation", ""),
    ("Airbus", (), "", "organisation", ""),
    ("Planet Labs", ("Planet",), "US", "organisation", ""),
    ("MarineTraffic", (), "GB", "organisation", ""),
    ("Lloyd's List", (), "GB", "media_outlet", ""),
    ("Windward", (), "IL", "organisation", ""),
    ("Pacific Fleet", (), "RU", "government_body", ""),  # a formation, not "the Russian military"
    ("Roscosmos", (), "RU", "organisation", ""),
    ("Rostec", (), "RU", "organisation", ""),
    ("Rosatom", (), "RU", "organisation", ""),
    ("Uriminzokkiri", (), "KP", "media_outlet", "state_media"),
    ("Janes", ("Jane's",), "GB", "organisation", ""),
    ("RBC-Ukraine", (), "UA", "media_outlet", ""),
    ("Voice of America", ("VOA",), "US", "media_outlet", ""),
    ("Sejong Institute", (), "KR", "organisation", ""),
)
# State media speak for their state: their statements are kept as statements.
STATE_MEDIA_BODY = "state_media"

# ----------------------------------------------------------------- body nouns
# "<state adjective or possessive> <body>" resolves to the government body of that state.
# Token sequences (lower case, British spellings folded) and the body type they name.
BODY_PHRASES: dict[str, str] = {
    "defense ministry": "defense_ministry", "ministry of defense": "defense_ministry",
    "ministry of national defense": "defense_ministry", "national defense ministry": "defense_ministry",
    "defense department": "defense_ministry", "department of defense": "defense_ministry",
    "mod": "defense_ministry", "military ministry": "defense_ministry",
    "foreign ministry": "foreign_ministry", "ministry of foreign affairs": "foreign_ministry",
    "foreign affairs ministry": "foreign_ministry", "foreign office": "foreign_ministry",
    "state department": "foreign_ministry", "department of state": "foreign_ministry",
    "mfa": "foreign_ministry",
    "intelligence service": "intelligence", "intelligence agency": "intelligence",
    "spy agency": "intelligence", "national intelligence service": "intelligence",
    "intelligence services": "intelligence", "military intelligence": "intelligence",
    "defense intelligence": "intelligence", "intelligence community": "intelligence",
    "military intelligence agency": "intelligence", "military intelligence service": "intelligence",
    "unification ministry": "unification_ministry", "ministry of unification": "unification_ministry",
    "government": "government", "administration": "government", "cabinet": "government",
    "military": "military", "armed forces": "military", "army": "military", "navy": "navy", "air force": "air_force",
    "joint chiefs of staff": "military", "defense forces": "military", "general staff": "general_staff",
    "embassy": "embassy", "mission to the un": "un_mission", "un mission": "un_mission",
    "mission to the united nations": "un_mission", "permanent mission to the un": "un_mission",
    "permanent mission to the united nations": "un_mission", "un permanent mission": "un_mission",
    "presidential office": "presidential_office", "presidency": "presidential_office",
    "president's office": "presidential_office",
    "treasury": "treasury", "treasury department": "treasury", "finance ministry": "treasury",
    "ministry of finance": "treasury",
    "national security council": "security_council", "security council": "security_council",
    "customs service": "customs", "customs": "customs",
    "trade ministry": "trade_ministry", "ministry of trade": "trade_ministry",
    "economy ministry": "trade_ministry",
    "prosecutors": "prosecutors", "prosecutor's office": "prosecutors",
    "prosecutor general's office": "prosecutors", "prosecutor-general's office": "prosecutors",
    "office of the prosecutor general": "prosecutors",
    "security service": "security_service", "state security service": "security_service",
    "special operations forces": "special_forces", "border guard service": "border_guard",
    "border service": "border_guard",
}
# Body types not read from "<body> of <state>": "the government of Russia" is the state
# itself, and "the military of ..." / "prosecutors of ..." are rarely a body's own name.
STATE_BODY_TYPES_NOT_NAMED_AFTER = frozenset({"government", "military", "prosecutors"})
# Bodies that "the <body>" names without a state ("the foreign ministry said"): the article's
# state, from its dateline or an earlier mention; the first words of their phrases.
UNOWNED_BODY_TYPES = frozenset({"defense_ministry", "foreign_ministry", "unification_ministry", "intelligence",
                                "presidential_office", "trade_ministry", "general_staff"})
UNOWNED_BODY_FIRST_WORDS = frozenset(p.split()[0] for p, b in BODY_PHRASES.items() if b in UNOWNED_BODY_TYPES)
# Body types that name the state as a whole ("the Japanese government", "the Russian
# military"): listed as the state, not as an organisation of their own.
STATE_STANDING_BODIES = frozenset({"government", "military"})
# Body types named after the international body they are accredited to ("mission to the UN"):
# that body is named too.
BODIES_ACCREDITED_TO = frozenset({"un_mission"})
# Bodies a state has in many places, named by the city they sit in ("Russian Embassy in Seoul").
SEATED_BODIES = frozenset({"embassy"})
# Words that stand for a state's people speaking for it, not for a named body:
# "US officials said" is the United States (or its government body, when the record has one).
OFFICIAL_NOUNS = frozenset({
    "official", "officials", "authorities", "diplomat", "diplomats", "source", "sources",
    "spokesperson", "spokesman", "spokeswoman", "representatives", "representative",
    "ministers", "leaders", "envoys", "ambassadors", "delegates", "delegation",
})
# Groups the text leaves unnamed that speak as such ("analysts say", "experts said", "Western
# governments say"): the group, as the text words it, is the originator. Heads in
# UNNAMED_GROUP_QUALIFIED speak only with a qualifier ("Western governments", not "governments").
UNNAMED_GROUP_NOUNS = frozenset({
    "analysts", "experts", "observers", "researchers", "scholars", "specialists", "commentators",
    "governments", "countries", "nations", "allies",
})
UNNAMED_GROUP_QUALIFIED = frozenset({"governments", "countries", "nations", "allies"})
# People who speak for themselves, never for the state their adjective names ("a captured North
# Korean soldier told the newspaper", "a defector said"): their words are not that state's.
NON_REPRESENTATIVE_NOUNS = frozenset({"soldier", "soldiers", "prisoner", "prisoners", "pow", "pows", "captive",
                                      "captives", "defector", "defectors", "deserter", "deserters"})
# Words before such a person that say how they came to speak ("captured", "detained").
CAPTIVITY_WORDS = frozenset({"captured", "detained", "held", "imprisoned", "wounded", "taken"})
# Officials of no one state speak as a group only when a word of a bloc qualifies them
# ("Western officials say", "European diplomats said"); "senior officials" stay unnamed.
UNNAMED_BLOC_GROUP_NOUNS = frozenset({"officials", "diplomats", "governments", "countries", "nations", "allies"})
BLOC_ADJECTIVES = frozenset({"western", "european", "allied", "asian", "arab", "african", "nordic", "baltic",
                             "g7", "g-7", "nato"})
# Words around such a group that do not name it ("some analysts", "experts here").
UNNAMED_GROUP_FILLERS = frozenset({
    "the", "some", "many", "several", "other", "others", "most", "a", "few", "these", "those", "both", "all",
    "here", "there", "various", "numerous", "independent",
})
# Unnamed groups and titles of people who judge rather than report: what they say with a
# word of prediction or possibility (JUDGEMENT_WORDS) is an assessment ("analysts said the
# casualties suggest", "a professor said Russia would probably be cautious").
ANALYST_GROUPS = frozenset({"analysts", "experts", "observers", "researchers", "scholars", "specialists",
                            "commentators"})
ANALYST_TITLES = frozenset({
    "analyst", "expert", "professor", "researcher", "fellow", "scholar", "specialist", "lecturer", "director",
})
JUDGEMENT_WORDS = (
    r"would", r"could", r"might", r"may", r"will", r"expected", r"suggests?", r"likely", r"unlikely",
    r"probably", r"possibly", r"perhaps",
)
# Bodies that a bare "the ministry", "the agency" may refer back to.
COREF_NOUNS: dict[str, tuple[str, ...]] = {
    "ministry": ("defense_ministry", "foreign_ministry", "unification_ministry", "treasury",
                 "trade_ministry", "ministry"),
    "department": ("defense_ministry", "foreign_ministry", "treasury", "department"),
    "agency": ("intelligence", "agency"), "spy agency": ("intelligence",),
    "service": ("intelligence",), "council": ("security_council", "council"),
    "embassy": ("embassy",), "office": ("presidential_office", "office"), "military": ("military",),
    "committee": ("committee",), "panel": ("panel",), "experts": ("panel",), "monitors": ("panel",),
    "institute": ("institute",),
    "think tank": ("institute",), "group": ("group",), "team": ("team",), "mission": ("un_mission",),
    "government": ("government",), "kremlin": ("presidential_office",),
}

# Common nouns by which the press refers back to a body it names: "the alliance" for NATO, "the
# bloc" for the EU ("NATO Secretary-General Mark Rutte said the alliance could not confirm the
# reports": NATO's own refusal). Each with the words of the names it stands for.
BODY_DESCRIPTORS: dict[str, frozenset[str]] = {
    "alliance": frozenset({"nato", "alliance"}),
    "bloc": frozenset({"eu", "european", "asean", "bloc"}),
    "union": frozenset({"eu", "european", "union"}),
}

# Of those, the nouns for a research group or monitor ("the think tank wrote"): with no body of
# that kind named before, the research group (an organisation that is neither a government body
# nor an outlet) that made the last statement.
RESEARCH_COREF_NOUNS = frozenset({"think tank", "institute", "group", "team", "panel", "experts", "monitors"})

# Spellings folded before matching (British and American forms of the same word).
FOLD = {
    "defence": "defense", "centre": "center", "organisation": "organization",
    "programme": "program", "armour": "armor", "armoured": "armored", "rumours": "rumors",
}

# ----------------------------------------------------------------- resolutions described, not numbered
# "the 2006 arms embargo", "the 2017 sanctions", "the resolution banning arms exports": a noun
# that names UN measures, qualified by the Council, a year of adoption or what it regulates.
# "one": a single resolution is meant (the first one that fits); "all": every one that fits;
# "last": a single one, the last that fits (a later cap replaces an earlier one: "the 2017 cap
# on refined petroleum" is the one in force from that year).
RESOLUTION_NOUNS: dict[str, str] = {
    "resolution": "one", "resolutions": "all", "embargo": "one", "embargoes": "all", "sanctions": "all",
    "regime": "one", "cap": "last", "caps": "all", "ceiling": "last", "ban": "one", "bans": "all",
}
# Nouns that name binding measures (adopted under Chapter VII), not any resolution.
RESOLUTION_BINDING_NOUNS = frozenset({"sanctions", "embargo", "embargoes", "regime", "cap", "caps", "ceiling", "ban",
                                      "bans"})
# Nouns that may be any state's measures ("sanctions on oil", "the price cap on Russian oil"):
# they are the UN's only with the Council or a year of its resolutions in the phrase.
RESOLUTION_NEEDS_UN = frozenset({"sanctions", "cap", "caps", "ceiling", "ban", "bans"})
# Words before "resolution(s)" that make it a Council resolution ("the sanctions resolutions",
# "resolution 1718 and subsequent resolutions").
RESOLUTION_UN_QUALIFIERS = frozenset({"sanctions", "subsequent", "successive"})
# Nouns that name a measure standing in force, whatever resolution imposed it: undated, "the UN
# arms embargo" is every binding resolution regulating all it covers (see entities).
RESOLUTION_STANDING_NOUNS = frozenset({"embargo", "embargoes", "cap", "caps", "ceiling"})
# Words before the noun that say the measures are the UN's ("Security Council sanctions").
RESOLUTION_UN_WORDS = frozenset({"un", "united", "nations", "security", "council", "unsc", "s"})
# Words that may stand between those and the noun without changing what is meant.
RESOLUTION_MODIFIERS = frozenset({
    "the", "a", "an", "its", "their", "these", "those", "this", "that", "all", "existing", "relevant",
    "international", "multilateral", "tough", "tougher", "toughest", "sweeping", "harsh", "crippling",
    "stringent", "previous", "earlier", "several", "numerous", "multiple", "various", "successive",
    "landmark", "original", "first", "sanctions",
})
# Words before the noun that make the measures some state's own, not the UN's.
RESOLUTION_NOT_UN = frozenset({"unilateral", "bilateral", "national", "own", "independent", "western",
                               "autonomous", "secondary", "domestic",
                               # not adopted: "the draft resolution", "a U.S.-drafted resolution"
                               "draft", "drafted", "proposed", "vetoed", "rival", "competing"})
# Words right before a resolution noun's phrase or in its clause that make it a draft never
# adopted: "Russia blocked a UN resolution", "the resolution that Russia vetoed".
RESOLUTION_NOT_ADOPTED = frozenset({"vetoed", "veto", "vetoes", "vetoing", "block", "blocked", "blocks",
                                    "blocking"})
# Of those, the ones that make it a draft in its own clause too ("the resolution that Russia
# vetoed"); "sanctions blocking oil imports" is what adopted measures do.
RESOLUTION_NOT_ADOPTED_AFTER = frozenset({"vetoed", "veto", "vetoes", "vetoing"})
# Words after the noun that lead to what it regulates ("banning arms exports") or to when it
# was adopted ("imposed in 2017").
# Only words that begin a qualifier: "the 2017 sanctions banned coal" says what they did.
RESOLUTION_SUBJECT_LINKS = frozenset({
    "banning", "barring", "prohibiting", "forbidding", "restricting", "limiting", "capping", "on", "against",
    "governing", "covering", "targeting", "that", "which", "imposing", "outlawing",
    # a standing measure in the present tense: "U.N. resolutions ban any arms trade with North Korea"
    "ban", "bans", "bar", "bars", "prohibit", "prohibits", "forbid", "forbids", "outlaw", "outlaws",
    "caps", "limits", "of",
})
# Words that make a description a prohibition ("resolutions that ban arms trade", "sanctions
# barring North Korea from exporting weapons", "arms sales banned under UN sanctions").
RESOLUTION_PROHIBITING = frozenset({
    "ban", "bans", "banned", "banning", "bar", "bars", "barred", "barring", "prohibit", "prohibits",
    "prohibited", "prohibiting", "forbid", "forbids", "forbidden", "forbidding", "outlaw", "outlaws",
    "outlawed", "outlawing",
})
# Words after "ban(s)" that keep it a noun ("the UN sanctions ban on arms"); before anything else
# it is the verb of the noun before it ("UN sanctions ban North Korea from selling arms").
RESOLUTION_BAN_NOUN_NEXT = frozenset({
    "on", "of", "against", "for", "imposed", "adopted", "that", "which", "was", "is", "has", "had", "in", "by",
    "and", "or", "remains", "stands", "holds", "still",
})
# Words between a prohibiting participle and the noun of the measures it was done under:
# "exports banned under UN sanctions", "is strictly prohibited by Security Council resolutions".
RESOLUTION_PASSIVE_LINKS = frozenset({"under", "by"})
# The provision categories of the arms embargo on the DPRK: no arms to it, none from it. Undated,
# a prohibition of arms trade in any of its forms ("resolutions that bar North Korea from
# exporting arms") is that embargo: the resolutions that regulate both (1718, 1874).
RESOLUTION_ARMS_EMBARGO = frozenset({"arms_import_ban", "arms_export_ban"})
RESOLUTION_YEAR_LINKS = frozenset({"adopted", "imposed", "passed", "approved", "introduced", "agreed", "in", "of",
                                   "set", "established", "tightened",
                                   "from", "since", "unanimously", "by", "the", "un", "security", "council", "it",
                                   "they", "russia", "china", "voted", "for", "backed", "supported", "endorsed",
                                   "had", "has", "have", "itself", "first",
                                   # the state they were imposed on: "imposed on North Korea in 2006"
                                   "on", "against", "north", "korea", "dprk", "pyongyang"})
# Participles that date a resolution noun in an apposition after a comma ("the latest UN
# resolution, adopted in December 2017,").
RESOLUTION_DATE_PARTICIPLES = frozenset({"adopted", "imposed", "passed", "approved", "introduced", "agreed",
                                         "set", "established"})
# What a description says the measures regulate, as the provision categories (compliance
# ProvisionCategory values) of the resolutions that regulate it. Keys are folded words.
RESOLUTION_SUBJECTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys((
        "arms", "weapons", "conventional arms", "arms trade", "weapons trade", "arms transfers", "arms deals",
        "trade in arms", "arms trading", "weapons transfers", "military equipment", "arms and related materiel",
    ), ("arms_import_ban", "arms_export_ban")),
    **dict.fromkeys((
        "arms exports", "arms export", "exporting arms", "export of arms", "exports of arms", "arms sales",
        "selling arms", "buying arms", "purchasing arms", "procuring arms", "arms purchases", "weapons exports",
        "weapons sales", "selling weapons", "buying weapons", "exporting weapons", "sale of arms",
        "purchase of arms", "procurement of arms",
    ), ("arms_export_ban",)),
    **dict.fromkeys((
        "arms imports", "arms import", "supplying arms", "supply of arms", "arms supplies", "importing arms",
        "weapons imports", "supplying weapons",
    ), ("arms_import_ban",)),
    **dict.fromkeys((
        "missile", "missiles", "ballistic missile", "ballistic missiles", "missile technology",
    ), ("missile_transfers", "arms_import_ban", "arms_export_ban")),
    **dict.fromkeys((
        "technical assistance", "technical training", "military training", "technology transfers",
        "technology transfer", "military technology", "technical cooperation",
    ), ("technical_assistance",)),
    **dict.fromkeys(("cargo inspection", "cargo inspections", "inspections", "inspection"), ("inspection",)),
    **dict.fromkeys(("asset freeze", "assets freeze", "asset freezes", "freezing assets"), ("asset_freeze",)),
    **dict.fromkeys(("travel ban", "travel bans"), ("travel_ban",)),
    **dict.fromkeys(("ship-to-ship transfers", "ship to ship transfers", "vessels", "shipping"),
                    ("vessel_measures",)),
    # Trade in goods and labour: "sectoral" provisions, each good also a topic that a resolution's
    # summary in the reference data names ("Caps petroleum supplies to the DPRK"), which tells
    # the resolutions of one year apart ("the 2017 ban on coal": 2371, not 2375).
    **dict.fromkeys(("oil", "petroleum", "refined petroleum", "crude oil", "petroleum products", "oil products",
                     "refined petroleum products", "fuel"), ("sectoral", "petroleum")),
    **dict.fromkeys(("coal",), ("sectoral", "coal")),
    **dict.fromkeys(("iron", "iron ore"), ("sectoral", "iron")),
    **dict.fromkeys(("seafood",), ("sectoral", "seafood")),
    **dict.fromkeys(("textiles", "textile", "textile exports"), ("sectoral", "textiles")),
    **dict.fromkeys(("overseas workers", "workers", "workers abroad", "labourers", "laborers", "overseas labourers",
                     "overseas laborers"), ("sectoral", "workers")),
}
# The topics above that a resolution's summary may name (the rest are provision categories,
# which come from its provisions).
RESOLUTION_TOPICS = frozenset({"petroleum", "coal", "iron", "seafood", "textiles", "workers"})
# Words that make a description a cap ("the 2017 resolution capping refined petroleum"): of the
# resolutions that fit, the last one, as for the noun "cap" (a later cap replaces an earlier one).
RESOLUTION_CAP_LINKS = frozenset({"capping", "caps", "capped", "limiting", "limits"})
# Nouns after a resolution noun that make it a qualifier ("sanctions committee", "sanctions monitors").
RESOLUTION_NOT_HEAD = frozenset({
    "committee", "committees", "panel", "panels", "monitors", "monitoring", "experts", "team", "list", "lists",
    "designation", "designations", "evasion", "busting", "enforcement", "relief", "waiver", "waivers",
})
# What lets a list of numbered resolutions spell out a general reference right before it
# ("resolutions -- resolutions 1718 (2006), ...", "resolutions, including 2270").
RESOLUTION_LIST_MARKS = frozenset({"--", "-", "\u2014", "\u2013", ":", "(", ",", ", --", "--,"})
# Words opening a relative clause after a reference to resolutions ("resolutions that Russia
# itself voted for, including resolution 2270"): the list may follow the clause.
RESOLUTION_RELATIVE_WORDS = frozenset({"that", "which"})
RESOLUTION_LIST_INTRODUCERS = frozenset({"including", "namely", "such", "as", "notably", "especially", "in",
                                         "particular", "particularly", "specifically"})
# Words that lead from a resolution noun to a list of bare numbers ("resolutions, including 2270
# and 2321"): the numbers after them are resolutions too (read as regular-expression text).
RESOLUTION_NUMBER_INTRODUCERS = ("including", "such as", "namely", "notably", "especially", "in particular",
                                 "particularly", "specifically", "among them", "most recently")
# Names of the Council after a resolution noun, in its clause ("resolutions that Russia voted for
# in the UN Security Council"), as folded words.
RESOLUTION_COUNCIL_NAMES = ("security council", "un", "unsc", "united nations")
# Words right before that name (past "the") that make the Council the measures' author or forum.
RESOLUTION_COUNCIL_LINKS = frozenset({"by", "in", "at", "of", "through"})
# Words joining two resolution numbers into a range ("resolutions 1718 through 2397", "2371-2397"),
# as regular-expression text: the reference resolutions numbered between are meant too.
RESOLUTION_RANGE_WORDS = ("through", "thru", "to", "-", "\u2013", "\u2014")
# The name of a reference to UN resolutions that does not say which.
UN_RESOLUTIONS_NAME = "UN Security Council resolutions"

# Last words of the name of a text, not a body: "the Foreign Exchange and Foreign Trade Act", "the
# Comprehensive Strategic Partnership Treaty".
LEGAL_TEXT_NOUNS = frozenset({
    "act", "acts", "treaty", "law", "laws", "agreement", "charter", "convention", "accord", "accords",
    "protocol", "code", "decree", "declaration", "memorandum", "directive", "ordinance", "statute",
})

# ----------------------------------------------------------------- people
# Nouns that end a title before or after a name ("spokesperson John Kirby",
# "Dmitry Peskov, spokesman for the Kremlin").
TITLE_HEADS = frozenset({
    "spokesperson", "spokesman", "spokeswoman", "minister", "secretary", "adviser", "advisor",
    "director", "president", "leader", "ambassador", "envoy", "chief", "commander", "general",
    "admiral", "official", "analyst", "researcher", "professor", "fellow", "senator", "lawmaker",
    "chairman", "chairwoman", "chair", "premier", "coordinator", "representative", "head", "governor",
    "mayor", "diplomat", "expert", "scholar", "founder", "dictator", "ruler", "strongman", "officer",
    "negotiator", "emissary", "marshal", "colonel", "major", "captain", "lieutenant", "correspondent",
    "editor", "journalist", "reporter", "lecturer", "associate", "economist", "attache", "counselor",
    "counsellor", "spy", "deputy", "vice-president", "vice-minister", "gen", "lt", "col", "adm",
    "sen", "rep", "mr", "ms", "mrs", "dr", "maj", "capt", "sgt", "gov", "cmdr", "prof", "amb", "prime", "czar",
    "tsar", "commissioner", "ombudsman",
    "prosecutor", "judge", "sister", "spokeswomen", "spokesmen",
})
# Nouns in an apposition that say the name before is a person, without being a title
# ("Ashot Mkrtychev, a Slovakian national,").
PERSON_APPOSITION_HEADS = frozenset({
    "national", "citizen", "businessman", "businesswoman", "entrepreneur", "dealer", "broker", "trader",
    "resident", "defector", "executive", "banker", "financier", "smuggler", "middleman", "mercenary",
})
# Heads that are relations, not titles: they mark an apposition but give no role.
# Offices that only one state has, so that the holder's title says whose official he is
# when the text names no state ("Chief Cabinet Secretary Yoshimasa Hayashi said"): the
# title as written (lower case) and the state's reference name.
SINGLE_STATE_TITLES: dict[str, str] = {
    "chief cabinet secretary": "Japan",
    "unification minister": "Republic of Korea",
    "minister of unification": "Republic of Korea",
    "unification ministry spokesperson": "Republic of Korea",
}
RELATION_HEADS = frozenset({"sister", "brother", "wife", "husband", "son", "daughter", "father", "mother"})
# Words allowed inside a title before its head ("White House National Security spokesman").
TITLE_WORDS = frozenset({
    "national", "security", "foreign", "defense", "defence", "deputy", "vice", "chief", "senior",
    "press", "strategic", "communications", "council", "state", "first", "former", "acting", "top",
    "principal", "assistant", "under", "prime", "supreme", "general", "military", "intelligence",
    "unification", "cabinet", "house", "executive", "special", "permanent", "affairs", "ministry",
    "department", "policy", "lead", "presidential", "then", "one-time", "longtime", "ruling", "party",
    "armed", "forces", "staff", "joint", "ministerial", "regional", "research", "senior", "visiting",
    "non-resident", "nonresident", "managing", "program", "programme", "korea", "north", "east",
    "asia", "studies", "center", "centre", "institute", "army", "navy", "air", "force", "naval",
    "trade", "finance", "justice", "interior", "economy", "energy", "nuclear", "arms", "control",
    "un", "u.n.", "sanctions", "human", "rights", "media", "public", "relations", "information",
    "spokesperson", "spokesman", "spokeswoman", "minister", "secretary", "director", "chief",
    "coordinator", "adviser", "advisor", "kremlin", "pentagon", "white", "defense", "cabinet",
    "of", "for", "the",
})
# Capitalised words that never start or form a person's name.
# The last words of a title's portfolio ("Minister for Foreign Affairs Tim Watts"): a name
# after the title starts after them, never with them.
PORTFOLIO_WORDS = frozenset({
    "affairs", "intelligence", "treasury", "finance", "justice", "trade", "economy", "unification",
    "ecology", "resources", "relations", "cooperation", "nonproliferation", "proliferation", "policy",
})
NOT_NAME_WORDS = frozenset({
    "the", "a", "an", "in", "on", "at", "for", "of", "and", "but", "or", "if", "as", "by", "to",
    "from", "with", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our",
    "this", "that", "these", "those", "there", "here", "when", "while", "after", "before", "since",
    "despite", "according", "speaking", "asked", "last", "next", "earlier", "later", "today",
    "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "north", "south", "east", "west", "western", "eastern",
    "northern", "southern", "president", "minister", "secretary", "general", "spokesperson",
    "spokesman", "spokeswoman", "leader", "ambassador", "director", "chief", "foreign", "defense",
    "defence", "national", "security", "council", "ministry", "department", "agency", "office",
    "house", "white", "kremlin", "pentagon", "state", "united", "nations", "union", "european",
    "korean", "russian", "soviet", "ukraine", "ukrainian", "american", "british", "japanese",
    "chinese", "kim's", "regime", "war", "military", "army", "navy", "air", "force", "forces",
    "special", "operation", "party", "workers", "people", "peoples", "republic", "democratic",
    "federation", "kingdom", "advertisement", "read", "more", "related", "posts", "keep", "reading",
    "reporting", "editing", "writing", "additional", "photo", "file", "video", "update", "updated",
    "breaking", "news", "analysis", "opinion", "exclusive", "also", "however", "meanwhile",
    "mr", "ms", "mrs", "dr", "gen", "lt", "col", "adm", "sen", "rep", "prime", "vice", "deputy",
    "officials", "official", "sources", "analysts", "experts", "senior", "top", "former", "new",
    "russia", "korea", "japan", "china", "iran", "belarus", "washington", "moscow", "pyongyang",
    "seoul", "tokyo", "beijing", "kyiv", "un", "us", "uk", "eu", "nato", "dprk", "rok", "ap",
    "resolution", "resolutions", "sanctions", "committee", "panel", "experts", "institute",
    "center", "centre", "group", "company", "corporation", "port", "island", "sea", "river",
    "cosmodrome", "depot", "facility", "bridge", "station", "railway", "rail", "region", "province",
    "city", "county", "oblast", "krai", "district", "satellite", "imagery", "images", "photos",
    "what", "why", "how", "who", "where", "which", "has", "have", "had", "is", "are", "was", "were",
    "will", "would", "could", "should", "can", "may", "might", "must", "not", "no", "yes", "all",
    "any", "some", "many", "most", "such", "other", "another", "each", "every", "both", "few",
    "staunch", "allies", "ally", "hermit", "cold", "tass", "yonhap", "reuters", "kcna", "afp",
})

# Abbreviations in NOT_NAME_WORDS that are names of bodies and states only in capitals ("UK",
# "UN"): written "Uk", "Un" they are syllables of names ("Yang Uk", "Kim Jong Un").
CAPITALS_ONLY_NOT_NAME_WORDS = frozenset({"un", "us", "uk", "eu", "ap", "rok"})
# Korean surnames that are also English words ("No Kwang Chol", "O Su Yong", "So Se Pyong"):
# inside a sentence, before two more name words, they open a name.
NAME_SURNAME_WORDS = frozenset({"no", "o", "so"})
# Abbreviated months, which are also given names and syllables of names ("Zhang Jun").
MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
# ----------------------------------------------------------------- new names
# What the review queue never proposes as a new actor, place or vessel (the filter is in
# ingestion.services.proposals; extraction still reports these mentions). Capitals used for
# their governments are METONYMS above: proposed as a new place only where a transfer's route
# stops there. A mention made only of the words below is capitalised, not a name:
# "September", "Foreign Minister", "Western Officials", "Analysts".
NOT_NEW_NAME_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "yesterday", "tomorrow", "spring", "summer", "autumn",
    "winter", "president", "vice", "prime", "minister", "ministers", "secretary", "spokesperson",
    "spokesman", "spokeswoman", "ambassador", "envoy", "director", "chief", "chairman", "leader",
    "leaders", "general", "admiral", "colonel", "commander", "deputy", "foreign", "defense",
    "defence", "state", "national", "security", "adviser", "advisor", "senator", "lawmaker",
    "lawmakers", "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "official", "officials",
    "source", "sources", "analyst", "analysts", "expert", "experts", "observers", "diplomats",
    "diplomat", "authorities", "government", "governments", "administration", "regime", "western",
    "eastern", "northern", "southern", "the", "west", "allies", "ally", "partners", "intelligence",
    "military", "army", "troops", "forces", "officers", "soldiers", "satellite", "imagery",
    "images", "photo", "photos", "file", "picture", "video", "reporting", "editing", "writing",
    "additional", "advertisement", "related", "read", "more", "also", "however", "meanwhile",
    "update", "updated", "breaking", "exclusive", "analysis", "opinion", "news", "statement",
    "report", "reports", "a", "an", "in", "on", "at", "but", "and", "it", "this", "that",
})
# Lower-case words a name may hold ("Center for North Korean Studies", "Rostov-on-Don",
# "al-Assad"); any other lower-case word makes a description, not a name ("Russian military").
NAME_PARTICLES = frozenset({
    "of", "the", "for", "and", "on", "upon", "de", "del", "della", "da", "di", "du", "des",
    "la", "le", "van", "von", "der", "den", "bin", "ibn", "al", "el", "y",
})
# Lower-case nouns a place's name may end with as news prose writes it ("Kursk region",
# "Primorsky krai", "Rajin port").
PLACE_NAME_NOUNS = frozenset({
    "region", "province", "oblast", "krai", "district", "county", "prefecture", "port", "harbour",
    "harbor", "city", "town", "island", "islands", "bay", "strait", "river", "sea", "peninsula",
    "border", "railway", "station", "base", "depot", "airport", "airfield", "terminal",
})

# ----------------------------------------------------------------- attribution
# Reporting verbs and the stance they carry by themselves (None: the words decide).
# IRREGULAR_PAST (imported above): irregular verbs of saying and finding, base form -> past.

# Prepositions through which a verb with only an object says what it says of it ("thanked
# North Korea for its support", "criticized Seoul over the drills", "warned Pyongyang against").
OBJECT_COMPLEMENT_PREPOSITIONS = frozenset({"for", "over", "against", "with", "on", "into", "to"})

# Prepositions of the writer's framing that end reported words ("... have arrived in Russia
# amid persistent speculation over their arms transfers"): not part of what was said.
FRAMING_PREPOSITIONS = frozenset({"amid", "amidst"})

# Events an article may date once and name again ("since the invasion began, in February
# 2022" ... "When Russia invaded Ukraine, North Korea ..."): the event and the words that
# name it (a regular expression each).
DATED_EVENTS: dict[str, str] = {
    "invasion": r"invad(?:ed|es|e|ing)|invasion",
}

# Named days whose date the rules know (month, day): "on North Korea's liberation day in
# 2022" is 15 August 2022 (Korea's liberation from Japanese rule, 15 August 1945, is kept
# by both Koreas). A day not listed here ("on Army Day in 2023") gives no date.
NAMED_DAYS: dict[str, tuple[int, int]] = {
    "liberation day": (8, 15),
}

# Words that place an act of speech before or after an event ("after Shoigu's visit last
# month, the ministry said"): a date in the event's phrase is the event's, not the statement's.
EVENT_RELATIVE_PREPOSITIONS = ("after", "before", "following", "ahead of", "prior to", "in the wake of")

REPORTING_VERBS: dict[str, str | None] = {
    "said": None, "says": None, "say": None, "told": None, "tells": None, "added": None,
    "adds": None, "noted": None, "notes": None, "stated": None, "states": None, "claimed": None,
    "claims": None, "claim": None, "confirmed": None, "confirms": None, "confirm": None,
    "announced": None, "announces": None, "reported": None, "reports": None, "revealed": None,
    "reveals": None, "asserted": None, "asserts": None, "stressed": None, "stresses": None,
    "emphasized": None, "emphasised": None, "insisted": None, "insists": None, "argued": None,
    "argues": None, "explained": None, "wrote": None, "writes": None, "tweeted": None,
    "posted": None, "declared": None, "declares": None, "accused": None, "accuses": None,
    "accuse": None, "alleged": None, "alleges": None, "allege": None, "maintained": None,
    "maintains": None, "acknowledged": None, "acknowledges": None, "admitted": None,
    "disclosed": None, "pointed": None, "suggested": None, "indicated": None, "briefed": None,
    "informed": None, "urged": None, "called": None, "described": None, "underscored": None,
    "assessed": "assesses", "assesses": "assesses", "assess": "assesses", "estimated": "assesses",
    "estimates": "assesses", "believes": "assesses", "believe": "assesses", "judged": "assesses",
    "judges": "assesses", "judge": "assesses", "concluded": "assesses", "concludes": "assesses", "predicted": "assesses",
    "warned": "warns", "warns": "warns", "warn": "warns", "cautioned": "warns", "threatened": "warns",
    "threatens": "warns", "vowed": "warns",
    "condemned": "condemns", "condemns": "condemns", "condemn": "condemns", "denounced": "condemns",
    "denounces": "condemns", "lambasted": "condemns", "slammed": "condemns", "slams": "condemns",
    "criticized": "condemns", "criticised": "condemns", "criticizes": "condemns",
    "criticises": "condemns", "decried": "condemns", "deplored": "condemns", "blasted": "condemns",
    "castigated": "condemns", "censured": "condemns", "protested": "condemns", "regretted": "condemns",
    "regrets": "condemns",
    "denied": "denies", "denies": "denies", "deny": "denies", "rejected": "denies",
    "rejects": "denies", "reject": "denies", "dismissed": "denies", "dismisses": "denies",
    "dismiss": "denies", "refuted": "denies", "refutes": "denies", "rebuffed": "denies",
    "disputed": "denies", "disputes": "denies", "ridiculed": "denies",
    "declined": None, "refused": None,
}
# Phrases meaning "would not comment" (searched in the attribution and in the words said).
DECLINE_PATTERNS = (
    r"declin(?:ed|es|ing) (?:to|to immediately) (?:comment|confirm|discuss|elaborate|respond|say|answer|"
    r"give details|provide details)",
    r"refus(?:ed|es) to (?:comment|confirm|discuss|elaborate|say)",
    r"(?:would|could|will|did|does|do) not (?:immediately )?(?:comment|confirm|discuss|respond|reply)",
    r"(?:did|does) not (?:immediately )?(?:respond|reply) to (?:a |an |our |repeated )?(?:requests?|queries|"
    r"questions?|emails?|calls?)",
    r"could not (?:immediately )?be reached",
    r"(?:had |has |have )?no (?:immediate )?comment", r"nothing to (?:say|announce)", r"no information to share",
    r"neither confirm(?:ed)? nor den(?:y|ied)", r"not in a position to (?:comment|confirm)",
    r"(?:did|does|would) not (?:immediately )?answer",
    r"(?:has|have|had|is|are|was|were) yet to (?:respond|reply|comment|answer|confirm)",
    r"referr(?:ed|ing) (?:all )?(?:questions|inquiries|enquiries|queries) to",
    r"no (?:immediate )?(?:response|reaction|reply|comment|answer) from",
    # a briefing's refusals: "I'm not going to speak to intelligence assessments", "I don't have
    # any new information to share", "Not that I'm aware of", "I would like to refrain from answering"
    r"(?:i'm|i am|we're|we are) not going to (?:speak|get into|go into|comment|preview|discuss|characteri[sz]e|"
    r"confirm|detail|talk about|read out|get ahead of|speculate|disclose|share)",
    r"(?:don't|do not) have (?:any |a |an )?(?:new |more |further |additional |updated )?(?:[\w-]+ )?"
    r"(?:information|details|updates?|comment|figures?|numbers?|assessment|conversations?|readouts?)"
    r" (?:to (?:share|offer|provide|give|read out|announce)|on that|for you)",
    r"not that (?:i'm|i am|we're|we are) aware",
    r"refrain(?:ed|s)? from (?:answering|comment\w*|going into|getting into|discussing|prejudging|speculating|"
    r"disclosing|elaborating|detailing|confirming)",
    r"(?:would|will|could|did) not (?:go|get) into\b",
    r"(?:would|will|could|did|does) not (?:reveal|disclose|divulge|specify|elaborate)\b",
    r"(?:had|has|have) no (?:immediate |independent |official )?confirmation\b",
    r"(?:did|does|has|have) not (?:immediately |yet )?(?:react|reacted)",
    # a state that has not confirmed what is said of it ("Pyongyang has never publicly confirmed
    # that its troops are in Russia"): no confirmation given, a refusal
    r"(?:has|have|had) (?:not|never) (?:yet )?(?:publicly |officially |formally )?(?:confirmed|commented)",
    r"(?:has|have|had) said nothing (?:about|on|of)\b",
    # a briefing's "I am not aware of the situation you mentioned"
    r"(?:am|is|are|was|were|'m) not aware of\b",
    r"neither (?:[\w'-]+ ){1,4}nor (?:[\w'-]+ ){1,4}(?:has|have|had) (?:publicly |officially |formally |yet )?"
    r"(?:confirmed|commented|acknowledged)",
)
# What a claim is reduced to when it is dismissed ("nothing more than speculation", "mere
# conjecture", "pure fiction").
DISMISSED_AS_WORDS = ("speculation", "speculations", "conjecture", "guesswork", "invention", "inventions", "fiction",
                      "fantasy", "rumour", "rumours", "rumor", "rumors", "propaganda", "fabrication", "fabrications",
                      "lies", "gossip", "hearsay", "allegations")
# Words in what was said that make it a denial ("groundless", "never exported").
DENIAL_WORDS = (
    r"groundless", r"baseless", r"unfounded", r"fabricat\w*", r"false (?:claims?|reports?|allegations?)",
    r"absurd", r"nonsense", r"(?:a |an )?(?:outright |blatant )?lies?", r"slander\w*", r"not true",
    r"no basis", r"categorically",
    r"not (?:supported|backed|confirmed|substantiated) by (?:any |a single |real |hard |concrete |credible )*"
    r"(?:facts?|evidence|proof|data)", r"smear\w*", r"fake news", r"hoax", r"speculation(?:s)? without",
    r"as (?:completely |totally |entirely |simply )?(?:fake|false|untrue|fabricated)\b",
    r"(?:does|do|did) not (?:violate|breach|contravene|break)\b",
    r"never (?:exported|supplied|sold|shipped|provided|transferred|sent|delivered|received|bought)",
    r"ha(?:s|ve) not (?:exported|supplied|sold|shipped|provided|transferred|sent|delivered)",
    r"did not (?:export|supply|sell|ship|provide|transfer|send|deliver)", r"no such (?:deals?|transfers?)",
    r"(?:is|are|was|were) (?:completely |totally |absolutely |entirely )?(?:false|untrue|groundless|baseless)",
    r"(?:received|supplied|sent|exported|delivered|bought|provided|transferred|obtained) no (?:weapons|arms|"
    r"munitions|ammunition|shells|missiles|military)",
    r"(?:deny|denies|denied|denial of) (?:any|the|these|such)", r"rejects? (?:the|these|such)",
    r"(?:violat|breach|contraven|break|broke)\w* no\b",
    r"no truth (?:to|in)", r"far from the truth", r"shred of (?:evidence|proof|truth)",
    # the claim said to be made up by those who make it ("Washington had invented the claims")
    r"invent(?:ed|s|ing)? (?:the |these |those |such |this |that )?(?:claims?|reports?|allegations?|accusations?|"
    r"stor(?:y|ies)|news)",
    r"made[- ]up (?:stor(?:y|ies)|claims?|reports?|allegations|accusations|news)",
    r"nothing (?:more|but|other|else) (?:than )?(?:[\w-]+ ){0,3}?(?:" + "|".join(DISMISSED_AS_WORDS) + ")",
    r"(?:mere|pure|sheer|wild|idle) (?:" + "|".join(DISMISSED_AS_WORDS) + ")",
)
CONDEMN_WORDS = (r"condemn\w*", r"denounc\w*", r"deplor\w*", r"outrageous", r"reckless", r"unacceptable",
                 # a party called a partner in crime ("were 'accomplices' in war crimes", "complicit in")
                 r"accomplices?", r"complicit\w*", r"cannon fodder",
                 # an escalation named as done ("This deployment is a dangerous escalation of the war")
                 r"(?:is|was|are|were|marks|marked|represents|constitutes) an? (?:[\w-]+ (?:and )?){0,2}?escalation",
                 # a breach named as plain ("was a clear violation of U.N. Security Council resolutions")
                 r"(?:clear|flagrant|blatant|gross|outright)\s+violations?")
# A plain "concerned" (no "deeply", "gravely") is a worry voiced, so a warning, when it is about
# something ("said it was concerned about the growing cooperation", "concerned by the visit")
# or about what may come of it: a modal or a word of threat in the clause after "concerned
# that" ("concerned that the trip could lead to ...", "concerned that the cooperation
# threatened peace"). "Concerned that Russia is in secret talks" discloses what is happening:
# an assertion.
CONCERN_OBJECT_WORDS = ("about", "over", "by", "at")
CONCERN_PROSPECT_WORDS = (
    "could", "would", "may", "might", "will", "threaten", "threatens", "threatened", "threatening", "threat",
    "threats", "undermine", "undermines", "undermined", "destabilize", "destabilizes", "destabilise",
    "destabilises", "escalate", "escalates", "danger", "dangerous", "risk", "risks", "jeopardize", "jeopardise",
)
# Words of harm that a thing "poses" to others: saying it poses one warns ("said the deployment
# posed a grave security threat"); "poses no threat" does not.
POSED_HARM_WORDS = ("threat", "threats", "danger", "dangers", "risk", "risks", "menace")
NEGATION_WORDS = ("not", "n't", "never", "no")
# Measures promised against a party: with "will/would" before them, a warning ("would consider
# further sanctions", "will respond with countermeasures").
MEASURE_VERBS = ("impose", "consider", "introduce", "adopt", "respond", "retaliate", "take", "slap", "pursue",
                 "announce", "apply")
PUNITIVE_MEASURES = ("sanctions", "countermeasures", "counter-measures", "penalties", "reprisals")
# What makes "measures", "steps" or "action" a response promised ("would respond with all available
# measures", "would take phased measures").
MEASURE_ADJECTIVES = ("further", "additional", "new", "punitive", "necessary", "countervailing", "available",
                      "phased", "appropriate", "corresponding", "resolute", "firm")
# Arming a side as a response weighed ("does not rule out providing weapons to Ukraine").
ARMING_VERBS = ("providing", "supplying", "sending", "giving", "delivering")
ARMS_NOUNS = ("weapons", "arms", "munitions", "weaponry")
WARN_WORDS = (
    r"pay (?:a|the) (?:heavy |high |steep )?price", r"(?:face|faces|facing) (?:serious |severe |grave )?"
    r"consequences", r"(?:will not|won't) (?:let (?:this|it|that) )?go unanswered",
    r"will (?:be held|hold \w+) accountable",
    r"warn\w*", r"retaliat\w*", r"(?:not|never|won't) hesitate to",
    r"(?:can ?not|can't|will not|won't|must not|shall not) be tolerated",
    r"(?:dangerous|concerning|alarming)(?: and (?:highly |deeply )?(?:concerning|dangerous|alarming))? development",
    r"rule out (?:the possibility of )?(?:" + "|".join(ARMING_VERBS) + r") (?:[\w-]+ ){0,2}?(?:" + "|".join(ARMS_NOUNS) + ")",
    r"consider(?:s|ing)? (?:" + "|".join(ARMING_VERBS) + r") (?:[\w-]+ ){0,2}?(?:" + "|".join(ARMS_NOUNS) + ")",
    r"(?:big|grave|serious|huge|terrible|fatal) mistake", r"fuel to the (?:fire|flames)",
    # concern voiced is a warning ("expressed grave concern", "seriously concerned")
    r"(?:deep|serious|grave|strong|great)(?:est)? concerns?", r"(?:seriously|deeply|gravely|greatly) concerned",
    r"(?<!not )(?<!n't )(?<!never )concerned (?:for some time |for a while |for months |for years )?(?:"
    + "|".join(CONCERN_OBJECT_WORDS) + ")",
    r"(?<!not )(?<!n't )(?<!never )concerned that [^.;:]{0,80}?\b(?:" + "|".join(CONCERN_PROSPECT_WORDS) + ")",
    r"(?:will|would|'ll|shall) (?:(?!not\b|never\b)\w+ ){0,2}?(?:" + "|".join(MEASURE_VERBS) + r") (?:[\w-]+ ){0,8}?"
    r"(?:" + "|".join(PUNITIVE_MEASURES) + r"|(?:" + "|".join(MEASURE_ADJECTIVES) + r") (?:measures|steps|action))",
    r"(?:serious|grave|direct|major|significant|real|growing|existential|imminent) (?:security |military )?"
    r"(?:threats?|danger)", r"(?:come|comes|came|coming) at a (?:(?:high|heavy|steep|great|significant) )?"
    r"(?:cost|price)(?! of)",
    r"(?<!not )(?<!n't )(?<!never )(?:pose|poses|posed|posing) (?:(?!no\b)[\w-]+ ){0,4}?(?:" + "|".join(POSED_HARM_WORDS) + ")",
    # a possibility watched ("closely watching the possibility"); watching the situation or a
    # visit only says it looks, an assertion
    r"(?:closely|carefully) (?:watching|monitoring|following) (?:the |any |a )?possibilit(?:y|ies)",
    # a threat named to someone's security: "posed a grave security threat", "directly affects the security"
    r"pos(?:e|es|ed|ing) (?:an? )?(?:(?:grave|serious|direct|major|significant|real) )?(?:security )?threats?",
    r"directly (?:affects?|affected|affecting|threatens?|threatened) (?:the )?security",
    # concern or alarm voiced without a degree word ("voiced concern about the possible transfer",
    # "shared a strong sense of alarm"), a risk named ("there was a risk that North Korea would
    # send more"), an escalation foreseen ("it would be a further escalation"; one named as
    # done condemns it)
    r"(?:voic|express|shar)(?:e|es|ed|ing) (?:[\w-]+ ){0,2}?(?:concerns?|alarm)",
    r"(?:sense of|cause for) (?:alarm|concern)", r"alarmed (?:by|at|about|over)",
    r"(?<!no )(?:a|the) (?:real |serious |growing |high |clear )?risks? (?:that|of)\b",
    r"(?:would|will|could|may|might) (?:be|mean|amount to|constitute) (?:an? )?(?:further |new |dangerous |serious )?"
    r"escalation", r"(?:would|will) (?:regard|consider|treat|see|view) (?:[\w'-]+ ){1,8}?as (?:an? )?(?:[\w-]+ ){0,2}?"
    r"escalation",
    r"(?:not|n't) (?:\w+ ){0,3}?reflect well on", r"reflects? (?:badly|poorly) on",
    # a line drawn, a target named, a response drawn ("there is a red line", "they are fair game",
    # "would draw a Russian response")
    r"(?:is|was|are|draws?|drew|drawn|sets?) (?:a |the )?red lines?", r"fair game",
    r"(?:draw|draws|provoke|provokes|trigger|triggers) (?:an? )?(?:[\w-]+ ){0,2}?(?:response|reaction|retaliation)",
    # a wider war foreseen ("This is the first step to a world war")
    r"(?:step|steps|path|road|slide|leads?|led) (?:to|towards?) (?:an? )?(?:world|global|nuclear|wider|third world) war",
)
# Estimative phrases outside the reference scales: their stance is "assesses", with no band.
ASSESS_CUES = (
    r"we (?:assess|judge|believe|estimate)", r"(?:is|are) (?:highly |very )?(?:likely|probable) to",
    r"(?:probably|possibly|presumably)", r"(?:assessment|assess(?:es|ed)?)", r"estimate[sd]? that",
    # what is believed to have happened ("was presumed to have sent", "is estimated to have")
    r"in all likelihood",
    r"(?:is|are|was|were|been) (?:also |widely |now |still |generally )?(?:believed|thought|presumed|suspected|"
    r"estimated) to",
    # a possibility judged ("it was quite possible the two sides would sign")
    r"(?:quite|very|entirely|highly|it is|it was|it's) (?:possible|plausible|conceivable)",
    # signs read ("there were signs that Pyongyang was preparing to send more")
    r"there (?:are|were|have been|had been) (?:clear |growing |some |strong )?signs? that",
    # a view held, a thing expected or still possible ("in our view they are plausible", "a
    # second transfer was expected soon", "transfers of technology remain possible")
    r"in (?:our|my|their|its) (?:view|assessment|judgment|judgement)",
    r"(?:is|was|are|were) (?:widely |also |now )?expected\b(?! to\b)",  # (not a plan: "is expected to travel")
    r"(?:remains?|remained|is still|are still) (?:quite |entirely |very )?possible",
)

# A claim said with a hedge is a judgement, whoever says it ("Shin said Russia might also give
# North Korea technology", "There was a possibility that North Korea would try", "A second
# transport is expected soon"): a statement that would otherwise assert assesses. A bare "may" or
# "could" is left out: "may consider supplying weapons", "could face consequences" warn.
HEDGE_CUES = (
    r"might", r"may (?:also |well |even )?(?:have|be)", r"could have", r"(?:appear|seem)(?:s|ed)? to",
    r"there (?:is|was|'s) (?:a |an )?(?:high |strong |real |significant |distinct )?possibility",
    # not a schedule announced: "is expected to meet Putin during her stay"
    r"(?:is|are|was|were) (?:also )?expected (?:soon|to (?!(?:meet|visit|hold|attend|happen|take place|travel|"
    r"arrive|sign|speak|address|discuss)\b))",
)

# Words of a release's header that announces the quotations after it as a person's statement
# ("Mélanie Joly, Minister of Foreign Affairs, today issued the following statement:", "Quotes
# attributable to Minister for Foreign Affairs, Senator the Hon Penny Wong:").
STATEMENT_HEADER_WORDS = frozenset({"statement", "attributable", "remarks", "quotes"})
# A transcript's labels: titles that may stand before the speaker's name ("Minister IWAYA:"),
# and the labels of those who ask, whose words are no statement ("QUESTION:", "Reporter (NHK):").
LABEL_TITLES = ("Minister", "MINISTER", "Secretary", "SECRETARY", "Ambassador", "AMBASSADOR", "Spokesperson",
                "SPOKESPERSON", "President", "PRESIDENT", "General", "GENERAL", "Admiral", "ADMIRAL",
                "Press Secretary", "PRESS SECRETARY", "Chief Cabinet Secretary", "Deputy Spokesperson",
                "DEPUTY SPOKESPERSON")
QUESTIONER_LABELS = frozenset({"question", "q", "reporter", "journalist", "moderator", "operator", "audience",
                               "participant", "questioner"})
# An official release's own sentences: the words that may stand for its issuer as a subject
# ("The designations also target", "Today's package also adds", "Among those listed today is"),
# and the states one of whose names makes a sentence of it on the subject (the DPRK, Russia).
RELEASE_SUBJECTS = (r"(?:designations?|listings?) (?:also )?(?:target|include)", r"(?:today's|the|this) package",
                    r"among those (?:listed|designated|sanctioned)")
# Institutions a release names by their bare title ("The Council today adopted a 15th package"),
# and the body (its name in the reference data) whose release it is when that body is named at its head.
RELEASE_INSTITUTIONS: dict[str, str] = {"council": "European Union", "commission": "European Union"}
RELEASE_SUBJECT_STATES = frozenset({"KP", "RU"})

# Verbs whose negation denies no trade in the words said ("Russia would never forget the help of
# North Korean soldiers", "will not tolerate arms deliveries", "would not hesitate").
UNDENYING_VERBS = frozenset({"forget", "forgets", "forgot", "forgotten", "tolerate", "tolerates", "tolerated",
                             "hesitate", "hesitates", "allow", "allows", "accept", "accepts", "ignore", "ignores"})
# What a speaker gives when giving a detail, not goods ("gave no details", "provided no
# evidence"): a negated verb of supplying with one of these as its object denies nothing.
INFORMATION_NOUNS = frozenset({"details", "detail", "information", "comment", "explanation", "evidence", "figures",
                               "timeline", "reason", "reasons", "specifics", "answer", "indication", "clues"})
# Details kept back by whoever speaks ("The Kremlin gave no details of the talks", "He did not
# give volumes"): a refusal, unlike evidence not offered, which is the writer's note.
WITHHOLDING_VERBS = ("gave", "give", "gives", "giving", "provided", "provide", "provides", "offered", "offer",
                     "offers", "disclosed", "released")
WITHHELD_OBJECTS = ("details", "detail", "information", "specifics", "figures", "figure", "breakdown", "timeline",
                    "volumes", "numbers", "dates", "date")

# Nouns that are pronoun-like references to an earlier source.
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# Possessives before a body or an official ("His office warned", "her spokesman said"): the body
# of the one the pronoun stands for speaks.
POSSESSIVE_PRONOUNS: dict[str, str] = {"his": "he", "her": "she", "their": "they", "its": "it"}
# Nouns of one belonging to a body ("a member of the panel"): the body speaks.
MEMBER_NOUNS = frozenset({"member", "members"})
# Possessives before a body that refer back to a state ("North Korea did not take part. Its
# mission to the United Nations did not respond").
STATE_POSSESSIVES = frozenset({"its", "their"})

# Words that start an introductory phrase before the subject ("Speaking at a news
# conference on Friday, Kirby said ...").
INTRO_WORDS = frozenset({
    "in", "at", "on", "during", "after", "before", "following", "speaking", "asked", "when",
    "while", "citing", "responding", "referring", "addressing", "writing", "talking", "last",
    "earlier", "later", "separately", "meanwhile", "despite", "since", "however", "but", "also",
    "today", "yesterday", "months", "weeks", "days", "years", "as", "for", "with", "amid",
    "according", "under", "without", "by", "in a", "about", "over", "still", "instead", "now",
    "then", "first", "once", "again", "although", "though", "whereas", "if", "unlike", "like",
    "and", "so", "yet", "indeed", "moreover", "further", "furthermore", "additionally", "rather",
    "this", "that", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})

# ----------------------------------------------------------------- speech from the parse
# Patterns over the dependency parse of the statistical model (ingestion.extraction.speech).
# The model runs without its lemmatizer, so the patterns name word forms. Roles in the
# patterns: "cue" is the reporting word; roles named "cue_*" belong to the cue phrase
# ("declined to comment"); "source" is the head of the phrase naming who speaks; other
# roles only constrain the match.

# Reporting word forms read only from the parse: participles and -ing forms of the
# reporting verbs (the finite forms are REPORTING_VERBS), and verbs the token rules leave
# out because as adjectives or in other senses they are too often not reporting.
SPEECH_PARTICIPLES: dict[str, str | None] = {
    "saying": None, "adding": None, "telling": None, "noting": None, "stating": None, "claiming": None,
    "confirming": None, "announcing": None, "reporting": None, "revealing": None, "stressing": None,
    "insisting": None, "arguing": None, "explaining": None, "writing": None, "declaring": None,
    "accusing": None, "alleging": None, "acknowledging": None, "admitting": None, "asserting": None,
    "maintaining": None, "emphasizing": None, "emphasising": None, "urging": None, "tweeting": None,
    "warning": "warns", "cautioning": "warns", "threatening": "warns", "vowing": "warns",
    "condemning": "condemns", "denouncing": "condemns", "criticizing": "condemns", "criticising": "condemns",
    "slamming": "condemns", "decrying": "condemns", "deploring": "condemns",
    "denying": "denies", "rejecting": "denies", "dismissing": "denies", "refuting": "denies",
    "disputing": "denies", "assessing": "assesses", "estimating": "assesses", "concluding": "assesses",
    "told": None, "quoted": None, "cited": None, "written": None,
    "determined": None, "determines": None, "hinted": None, "hints": None, "likened": None, "likens": None,
    "expressed": None, "expresses": None, "voiced": None, "voices": None, "responded": None, "replied": None, "answered": None,
    "unveiled": None, "publicised": None, "publicized": None, "charged": None, "charges": None,
    "pledged": None, "pledges": None, "promised": None, "promises": None, "thanked": None, "thanks": None,
    "praised": None, "praises": None, "hailed": None, "hails": None, "welcomed": None, "welcomes": None,
    "blamed": "condemns", "blames": "condemns", "blaming": "condemns",
}
# Reporting words that only report in a construction of their own (patterns below).
CONSTRUCTION_VERBS = frozenset({
    "called", "calls", "calling", "pointed", "points", "pointing", "described", "describes", "describing",
    "declined", "declines", "declining", "refused", "refuses", "refusing", "quoted", "cited",
})
SPEECH_FORMS = sorted((set(REPORTING_VERBS) | set(SPEECH_PARTICIPLES)) - CONSTRUCTION_VERBS)
# Verbs of findings: they report only with a clause ("the study found that ...") or with a
# document or imagery as their subject ("imagery analysed by CSIS shows ...").
FINDING_FORMS = (
    "show", "shows", "showed", "shown", "showing", "suggest", "suggests", "suggested", "suggesting",
    "indicate", "indicates", "indicated", "indicating", "find", "finds", "found", "reveal", "reveals",
    "revealed", "confirm", "confirms", "confirmed", "conclude", "concludes", "concluded", "document",
    "documents", "documented", "point", "points", "pointed", "demonstrate", "demonstrates", "demonstrated",
)
# Verbs of observation: a research group or outlet reporting what it tracked or counted.
OBSERVING_FORMS = (
    "tracked", "tracks", "identified", "identifies", "observed", "observes", "detected", "detects",
    "spotted", "spots", "counted", "counts", "monitored", "geolocated", "recorded",
)
# What a finding may come from: a document, data or imagery. Their author is named by
# "by", "from", a possessive or a participle with "by" (AUTHOR_PARTICIPLES).
EVIDENCE_NOUNS = (
    "imagery", "images", "image", "photos", "photographs", "pictures", "footage", "report", "reports",
    "analysis", "analyses", "study", "data", "assessment", "assessments", "investigation", "research",
    "findings", "statement", "document", "documents", "estimate", "estimates", "survey", "paper",
    "review", "dossier", "readout", "communique", "release", "tracking", "records", "briefing",
)
# Documents that speak for whoever published them when no author is named in the phrase
# ("the report said"): the body named last before them (not imagery: no one speaks for it).
DOCUMENT_NOUNS = frozenset({
    "report", "study", "analysis", "assessment", "paper", "statement", "investigation", "findings",
    "review", "dossier", "readout", "communique", "release", "briefing",
})
# Words that may stand between the owner of a document or estimate and its noun when the
# owner is named as a modifier ("South Korean government estimates", "the Pentagon's latest
# assessment", "Ukrainian military data"): the owner is its author.
EVIDENCE_OWNER_WORDS = frozenset({
    "government", "military", "intelligence", "official", "army", "navy", "customs", "defence", "defense",
    "ministry", "agency", "state", "own", "latest", "new", "recent", "preliminary", "initial", "earlier",
    "previous", "internal", "classified", "s", "'s", "’s", "'", "’",
})
AUTHOR_PARTICIPLES = frozenset({
    "analysed", "analyzed", "compiled", "published", "released", "issued", "prepared", "conducted",
    "written", "produced", "reviewed", "commissioned", "carried", "authored", "provided", "taken", "gathered",
})
AUTHOR_PREPOSITIONS = frozenset({"by", "from", "of"})

# Nouns that describe a group without naming it ("a Washington think tank said").
ORGANIZATION_DESCRIPTIONS = frozenset({
    "tank", "group", "institute", "organisation", "organization", "monitor", "centre", "center", "firm",
    "company", "project", "consultancy", "researchers", "analysts", "nonprofit", "ngo", "foundation",
    "team", "panel", "body", "coalition",
})
# Bare plurals that stand for a research group the text names next or last ("..., investigators
# said on Monday. Conflict Armament Research said its field team ..."): the group is the source.
UNNAMED_FINDER_NOUNS = frozenset({"investigators", "researchers"})
# Of those, descriptions that also fit a body several states set up ("a multinational team
# monitoring sanctions said"): an international body named next may be the one meant.
INTERNATIONAL_DESCRIPTIONS = frozenset({"team", "panel", "body", "coalition", "group", "organisation", "organization"})

# Verbs of warning that also hedge: a warning when the words said look ahead ("cautioned that
# the deal could ..."), else a caveat stated as fact ("cautioned that there was no evidence").
CAVEAT_VERBS = frozenset({"cautioned", "cautions", "caution", "cautioning"})
LOOKING_AHEAD_WORDS = frozenset({
    "will", "would", "could", "may", "might", "can", "should", "must", "risk", "risks", "danger", "threat",
    "against", "lead", "undermine",
})

# Nouns by which the text refers back to a news outlet it named ("..., the newspaper said").
OUTLET_NOUNS = frozenset({
    "newspaper", "paper", "daily", "broadcaster", "outlet", "network", "magazine", "website", "publication",
    "channel", "tabloid", "weekly",
})
# Outlets the text leaves unnamed ("Russian news agencies reported", "according to Japanese
# newspapers"): the outlets, as the text words them, are the originator, not their state.
UNNAMED_OUTLET_NOUNS = frozenset({"agencies", "outlets", "newspapers"})
# State media named without their state ("..., state media reported Friday"): the state is the
# one whose leader or people the words are about (the first state named in them).
UNNAMED_STATE_MEDIA = frozenset({
    "state media", "state-run media", "state-controlled media", "official media", "state news agency",
    "official news agency", "state television", "state tv", "state broadcaster",
})

# Definite plural subjects that stand for the states named together before them ("the
# participating states said", "the ministers said", "they called on"), and joint documents
# ("according to the joint statement"): the list of states is the originator, comma-joined.
JOINT_REFERENCE_NOUNS = frozenset({
    "states", "countries", "governments", "nations", "ministers", "leaders", "allies", "partners",
    "signatories", "participants", "members", "they", "chiefs",
})
# Of those, the nouns for people: "the ministers" after "Blinken met South Korean Foreign
# Minister Cho" are the states of the people who met, named in a sentence before.
JOINT_PERSON_NOUNS = frozenset({"ministers", "leaders", "envoys", "presidents", "counterparts", "chiefs"})
JOINT_DOCUMENT_NOUNS = frozenset({"statement", "declaration", "communique"})
# Words that make such a subject a pair ("both countries", "the two governments"): with no list
# of states before it, the first two states the sentence before names.
PAIR_WORDS = frozenset({"both", "two"})

# Conjunctions that, after a comma, start a clause of its own ("..., and a U.S. official said").
CLAUSE_CONJUNCTIONS = frozenset({"and", "but", "while", "whereas", "although", "though"})

# Verbs of accusing: coordinated with another reporting verb ("said ... and accused Moscow of
# ..."), an act of speech of its own even when both only assert.
ACCUSING_FORMS = frozenset({"accused", "accuses", "accuse", "accusing"})

# Refusals to comment, by their construction.
REFUSAL_VERBS = ("declined", "declines", "declining", "decline", "refused", "refuses", "refusing", "refuse")
REFUSAL_OBJECTS = (
    "comment", "confirm", "discuss", "elaborate", "respond", "say", "answer", "give", "provide", "specify",
    "disclose", "reveal", "address", "detail", "speculate", "identify", "name", "be", "deny",
)
# Verbs of checking a claim or reaching a party: an outlet or research group that could not
# do so says so in its own voice (an assertion); anyone else declines to comment.
CHECKING_VERBS = (
    "verify", "verified", "confirm", "confirmed", "determine", "determined", "establish", "established",
    "reach", "reached", "contact", "contacted", "corroborate", "corroborated",
)
# Verbs of checking a claim that, negated, say so without "independently" ("could not verify
# the report"); "could not confirm" stays a refusal unless "independently" goes with it.
CHECKED_CLAIM_VERBS = ("verify", "verified", "corroborate", "corroborated", "authenticate", "authenticated")
# Constructions that are an outlet's or research group's own note on its reporting.
OWN_CHECK_PATTERNS = frozenset({"unverified", "unverified_plain", "unable", "not_able"})
# Constructions of details kept back: a refusal of their own, never the stance of words said
# beside them ("said Washington would respond, but did not give details").
WITHHELD_PATTERNS = frozenset({"withheld", "withheld_not"})
# Verbs whose negation is a refusal ("did not respond", "would not comment", "would not say").
UNANSWERED_VERBS = (
    "respond", "responded", "reply", "replied", "answer", "answered", "comment", "commented", "confirm",
    "return", "returned", "speculate", "discuss", "disclose", "specify", "say", "react",
)
# What one has none of when one will not comment ("had no information", "no comment").
NOTHING_OBJECTS = ("comment", "comments", "information", "details", "knowledge", "response", "reply")
# What there was none of from a party that did not answer ("There was no immediate response
# from Pyongyang", "no comment from the Kremlin").
NO_ANSWER_NOUNS = ("response", "reaction", "reply", "comment", "word", "answer")
# Verbs of passing questions on to others ("The Pentagon referred questions to the State
# Department"): a refusal to answer them oneself. With what is passed on.
REFERRAL_VERBS = ("referred", "refers", "referring", "refer", "redirected", "directed")
REFERRED_OBJECTS = ("questions", "inquiries", "enquiries", "queries", "requests", "reporters")
# What is expressed, and the stance expressing it takes ("Japan expressed alarm at the
# shipments", "expressed regret over the veto", "voiced concern about the possible transfer"),
# whatever adjective goes with it.
EXPRESSING_VERBS = frozenset({"expressed", "expresses", "expressing", "express", "voiced", "voices", "voicing",
                              "voice"})
# Of those, the verbs that are an act of speech only for a stance expressed ("voiced concern"),
# not for a position held ("North Korea has voiced support for Moscow's invasion": narration).
STANCE_ONLY_EXPRESSING_VERBS = frozenset({"voiced", "voices", "voicing", "voice"})
EXPRESSED_STANCE: dict[str, str] = {
    **dict.fromkeys(("concern", "concerns", "alarm", "worry", "worries", "unease", "anxiety", "apprehension"), "warns"),
    **dict.fromkeys(("outrage", "indignation", "regret", "displeasure", "condemnation", "dismay"), "condemns"),
}
# Verbs whose negated perfect is a refusal ("has never publicly confirmed", "has not commented").
UNCONFIRMED_VERBS = frozenset({"confirmed", "commented", "acknowledged"})
# Envoys summoned in protest ("summoned the Russian ambassador").
ENVOY_NOUNS = ("ambassador", "ambassadors", "envoy", "envoys", "diplomat", "diplomats", "charge", "chargé", "attache")
# Verbs that with "off", "aside" or "away" dismiss a claim ("brushed off the reports").
BRUSHING_VERBS = ("brushed", "brushes", "brushing", "brush", "shrugged", "shrugs", "shrugging", "shrug", "waved",
                  "waves", "waving", "wave", "swept", "sweeps")
# Verbs whose object is who heard it ("told lawmakers"), not what was said.
LISTENER_VERBS = frozenset({"told", "tells", "telling", "tell", "informed", "informs", "briefed", "briefs"})

# Part-of-speech tags of verbs, and of finite verbs (set lookups: regular expressions over
# every token cost the matcher several times more).
VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]
FINITE_TAGS = ["VBD", "VBP", "VBZ"]

# Nouns of speech and their stance ("Washington's revelation that ...").
SPEECH_NOUNS: dict[str, str | None] = {
    "revelation": None, "claim": None, "assertion": None, "statement": None, "announcement": None,
    "admission": None, "allegation": None, "accusation": None, "assessment": "assesses", "estimate": "assesses",
    "conclusion": "assesses", "warning": "warns", "denial": "denies", "condemnation": "condemns",
}

SPEECH_PATTERNS: dict[str, list[dict]] = {
    # "Kirby said", "the ministry has warned", "..., said Kirby", "officials told reporters"
    "subject": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": SPEECH_FORMS}, "TAG": {"IN": VERB_TAGS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
    # a reporting verb without a subject of its own: "confirmed the shipments and said ...",
    # "denied the claims, saying ..." share the subject of the verb they depend on; when the
    # parse gives none, the token rules look for it around the cue
    "verb": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": SPEECH_FORMS}, "TAG": {"IN": VERB_TAGS},
                                            "DEP": {"IN": ["conj", "advcl", "xcomp", "pcomp", "ROOT"]}}},
    ],
    # "The Korea Institute for Defense Analyses, a think tank in Seoul, estimated last month
    # that ...": the parse read the verb as a participle of the name it follows (a sentence
    # with no verb of its own), the name its subject
    "participle": [
        {"RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "ROOT", "TAG": {"IN": ["NN", "NNS", "NNP", "NNPS"]}}},
        {"LEFT_ID": "source", "REL_OP": ">", "RIGHT_ID": "cue",
         "RIGHT_ATTRS": {"LOWER": {"IN": SPEECH_FORMS}, "TAG": "VBN", "DEP": "acl"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "clause", "RIGHT_ATTRS": {"DEP": "ccomp"}},
    ],
    # "were denied by North Korea's defence ministry"
    "agent": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": SPEECH_FORMS}, "TAG": "VBN"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "by", "RIGHT_ATTRS": {"DEP": "agent"}},
        {"LEFT_ID": "by", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],
    # "Kirby was quoted as saying", "the official was cited as saying"
    "quoted": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["quoted", "cited"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubjpass"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_as", "RIGHT_ATTRS": {"LOWER": "as"}},
        {"LEFT_ID": "cue_as", "REL_OP": ">", "RIGHT_ID": "cue_saying", "RIGHT_ATTRS": {"TAG": "VBG"}},
    ],
    # "KCNA quoted a foreign ministry spokesperson as saying": the one quoted speaks
    "quoted_by": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["quoted", "quotes", "quoting", "cited", "cites"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "dobj"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_as", "RIGHT_ATTRS": {"LOWER": "as"}},
        {"LEFT_ID": "cue_as", "REL_OP": ">", "RIGHT_ID": "cue_saying", "RIGHT_ATTRS": {"TAG": "VBG"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "medium", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
    # "Washington's revelation that ...", "Seoul's assessment that ...": an act of speech named
    # by a noun, its source the possessive
    "noun": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": list(SPEECH_NOUNS)}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "poss"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "clause", "RIGHT_ATTRS": {"DEP": {"IN": ["acl", "ccomp"]}}},
    ],
    # "according to South Korea's spy agency", "according to imagery analysed by RUSI"
    "according": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": "according"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_to", "RIGHT_ATTRS": {"LOWER": "to"}},
        {"LEFT_ID": "cue_to", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],
    # "the study found that ...", "Reuters' analysis shows"
    "finding": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": FINDING_FORMS}, "TAG": {"IN": VERB_TAGS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "clause", "RIGHT_ATTRS": {"DEP": "ccomp"}},
    ],
    "evidence": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": FINDING_FORMS}, "TAG": {"IN": VERB_TAGS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source",
         "RIGHT_ATTRS": {"DEP": "nsubj", "LOWER": {"IN": EVIDENCE_NOUNS}}},
    ],
    # "RUSI tracked the Angara", "CSIS identified 73 rail cars" (organisations only)
    "observed": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": OBSERVING_FORMS}, "TAG": {"IN": VERB_TAGS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ],
    # "called on Pyongyang to stop", "called the reports absurd" (the subject, the verb's own
    # or shared with the verb before it, is found as for "verb")
    "called_on": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["called", "calls", "calling"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_on", "RIGHT_ATTRS": {"LOWER": {"IN": ["on", "for"]}}},
        # "called on Pyongyang to stop", not "called Kim on Friday"
        {"LEFT_ID": "cue_on", "REL_OP": ">", "RIGHT_ID": "whom", "RIGHT_ATTRS": {
            "DEP": "pobj", "LOWER": {"NOT_IN": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                                 "sunday", "day", "week", "month", "year", "morning", "evening",
                                                 "night", "afternoon"]}}},
    ],
    "called_it": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["called", "calls", "calling", "described",
                                                          "describes", "describing"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "what", "RIGHT_ATTRS": {"DEP": {"IN": ["oprd", "ccomp"]}}},
    ],
    "called_as": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["called", "calls", "calling", "described",
                                                          "describes", "describing"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "what", "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "as"}},
    ],
    # "called such reports \"absurd\"" (the parse may make the label a modifier): an act of
    # speech only when the label carries a stance (EVALUATIVE_PATTERNS), not "Putin called Kim"
    "called_object": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["called", "calls", "calling", "branded", "brands",
                                                          "branding", "labelled", "labeled"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "what", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ],
    # "described the claims as ..." (the parse may hang the "as" lower down)
    "described": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["described", "describes", "describing"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "what", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ],
    "pointed_out": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["pointed", "points", "pointing"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_out", "RIGHT_ATTRS": {"LOWER": "out"}},
    ],
    # refusals: "declined to comment", "refused to confirm"
    "declined": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": REFUSAL_VERBS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_what",
         "RIGHT_ATTRS": {"DEP": "xcomp", "LOWER": {"IN": REFUSAL_OBJECTS}}},
    ],
    # "declined requests for comment", "refused an interview"
    "declined_request": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": REFUSAL_VERBS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_what",
         "RIGHT_ATTRS": {"DEP": "dobj", "LOWER": {"IN": ["request", "requests", "interview", "interviews",
                                                          "invitation", "questions", "comment"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
    # "did not respond to a request for comment", "would not comment", "would not say"
    "unanswered": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": UNANSWERED_VERBS}, "TAG": {"IN": VERB_TAGS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_not", "RIGHT_ATTRS": {"DEP": "neg"}},
    ],
    # "There was no immediate response from Pyongyang", "no comment from the Kremlin"
    "no_answer_from": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": list(NO_ANSWER_NOUNS)}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_no", "RIGHT_ATTRS": {"LOWER": "no", "DEP": "det"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_from", "RIGHT_ATTRS": {"LOWER": "from"}},
        {"LEFT_ID": "cue_from", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],
    # "Russia's foreign ministry has yet to respond", "the Kremlin is yet to comment"
    "yet_to": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["has", "have", "had", "is", "are", "was", "were"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_yet", "RIGHT_ATTRS": {"LOWER": "yet"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_what",
         "RIGHT_ATTRS": {"DEP": "xcomp", "LOWER": {"IN": list(UNANSWERED_VERBS)}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
    # "The Pentagon referred questions to the State Department" (with a subject of its own: a
    # participle after a refusal, "declined to comment, referring questions to ...", is part of it)
    "referred": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": list(REFERRAL_VERBS)}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_what",
         "RIGHT_ATTRS": {"DEP": "dobj", "LOWER": {"IN": list(REFERRED_OBJECTS)}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
    # "brushed off the reports as propaganda", "shrugged off the claims", "waved away": denials
    "brushed_off": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": list(BRUSHING_VERBS)}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_off",
         "RIGHT_ATTRS": {"DEP": {"IN": ["prt", "advmod", "prep"]}, "LOWER": {"IN": ["off", "aside", "away"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
    # "South Korea lodged a strong protest with Moscow": a protest made is a condemnation
    "protest": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["lodged", "lodges", "lodging", "filed", "files", "issued",
                                                          "registered", "made", "delivered"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_what",
         "RIGHT_ATTRS": {"DEP": "dobj", "LOWER": {"IN": ["protest", "protests"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
    # "Seoul summoned the Russian ambassador to protest": summoning an envoy condemns
    "summoned": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["summoned", "summons", "summoning", "summon"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_whom",
         "RIGHT_ATTRS": {"DEP": "dobj", "LOWER": {"IN": list(ENVOY_NOUNS)}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
    # "could not be reached for comment", "could not immediately be contacted"
    "unreachable": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["reached", "contacted"]}, "TAG": "VBN"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_not", "RIGHT_ATTRS": {"DEP": "neg"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubjpass"}},
    ],
    # "was not available for comment"
    "unavailable": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["is", "was", "are", "were", "been", "be"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_not", "RIGHT_ATTRS": {"DEP": "neg"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_available", "RIGHT_ATTRS": {"LOWER": "available"}},
    ],
    # "had no information", "has no comment"
    "nothing": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["have", "has", "had", "having"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_what",
         "RIGHT_ATTRS": {"DEP": "dobj", "LOWER": {"IN": NOTHING_OBJECTS}}},
        {"LEFT_ID": "cue_what", "REL_OP": ">", "RIGHT_ID": "cue_no", "RIGHT_ATTRS": {"LOWER": "no"}},
    ],
    # "had nothing to say", "has nothing to add"
    "nothing_to_say": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["have", "has", "had", "having"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_nothing", "RIGHT_ATTRS": {"LOWER": "nothing"}},
        {"LEFT_ID": "cue_nothing", "REL_OP": ">", "RIGHT_ID": "cue_say",
         "RIGHT_ATTRS": {"LOWER": {"IN": ["say", "add", "share", "report", "comment"]}}},
    ],
    # "is not aware of", "was unaware of"
    "unaware": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["is", "was", "are", "were", "been", "be"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_not", "RIGHT_ATTRS": {"DEP": "neg"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_aware", "RIGHT_ATTRS": {"LOWER": "aware"}},
    ],
    # an outlet or research group on what it could not check: "Reuters could not independently
    # verify the footage", "ISW has not independently confirmed", "Reuters was unable to reach"
    "unverified": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": CHECKING_VERBS}, "TAG": {"IN": VERB_TAGS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_not", "RIGHT_ATTRS": {"DEP": "neg"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_how", "RIGHT_ATTRS": {"LOWER": "independently"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
    # "Reuters could not immediately verify the report", "could not verify the footage"
    "unverified_plain": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": CHECKED_CLAIM_VERBS}, "TAG": {"IN": VERB_TAGS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_not", "RIGHT_ATTRS": {"DEP": "neg"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
    # "The Kremlin gave no details of the talks", "but gave no details"
    "withheld": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": WITHHOLDING_VERBS}, "TAG": {"IN": VERB_TAGS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_what",
         "RIGHT_ATTRS": {"DEP": "dobj", "LOWER": {"IN": WITHHELD_OBJECTS}}},
        {"LEFT_ID": "cue_what", "REL_OP": ">", "RIGHT_ID": "cue_no", "RIGHT_ATTRS": {"DEP": "det", "LOWER": "no"}},
    ],
    # "He did not give volumes", "did not provide a breakdown"
    "withheld_not": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": WITHHOLDING_VERBS}, "TAG": {"IN": VERB_TAGS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_not", "RIGHT_ATTRS": {"DEP": "neg"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_what",
         "RIGHT_ATTRS": {"DEP": "dobj", "LOWER": {"IN": WITHHELD_OBJECTS}}},
    ],
    # "Sky News has not been able to independently verify the footage"
    "not_able": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["is", "was", "are", "were", "been", "be"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_not", "RIGHT_ATTRS": {"DEP": "neg"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_able", "RIGHT_ATTRS": {"LOWER": "able"}},
        {"LEFT_ID": "cue_able", "REL_OP": ">", "RIGHT_ID": "cue_what",
         "RIGHT_ATTRS": {"DEP": "xcomp", "LOWER": {"IN": CHECKING_VERBS}}},
        # (a report's own "We have not been able to verify" is its refusal, read with its voice)
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source",
         "RIGHT_ATTRS": {"DEP": "nsubj", "LOWER": {"NOT_IN": ["we", "i"]}}},
    ],
    "unable": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": ["is", "was", "are", "were", "been", "be"]}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "cue_unable", "RIGHT_ATTRS": {"LOWER": "unable"}},
        {"LEFT_ID": "cue_unable", "REL_OP": ">", "RIGHT_ID": "cue_what",
         "RIGHT_ATTRS": {"DEP": "xcomp", "LOWER": {"IN": CHECKING_VERBS}}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
}
# The stance a construction carries by itself; the other patterns take it from their cue word.
PATTERN_STANCE: dict[str, str] = {
    "unverified": "asserts", "unverified_plain": "asserts", "unable": "asserts", "not_able": "asserts",
    "withheld": "declines_to_comment", "withheld_not": "declines_to_comment",
    "declined": "declines_to_comment", "unanswered": "declines_to_comment",
    "unreachable": "declines_to_comment", "unavailable": "declines_to_comment",
    "nothing": "declines_to_comment", "nothing_to_say": "declines_to_comment",
    "unaware": "declines_to_comment", "no_answer_from": "declines_to_comment", "yet_to": "declines_to_comment",
    "referred": "declines_to_comment", "declined_request": "declines_to_comment", "brushed_off": "denies", "protest": "condemns", "summoned": "condemns",
}
# Constructions that are acts of speech only when their words carry a stance.
EVALUATIVE_PATTERNS = frozenset({"called_object"})
# Constructions of calling and describing: with a relative pronoun for their object they name
# a thing ("the armistice, which North Korea calls Victory Day"), an act of speech only when
# the name carries a stance ("the reports, which Moscow called lies").
NAMING_PATTERNS = frozenset({"called_it", "called_as", "called_object", "described"})
NAMED_RELATIVES = frozenset({"which", "that", "what", "whom"})
# Constructions that speak only for an organisation (a research group, an outlet), never
# for a state or a person seen doing something.
ORGANIZATION_ONLY_PATTERNS = frozenset({"observed"})

# Words said that carry a stance of their own, as token patterns (spaCy Matcher).
STANCE_PATTERNS: dict[str, list[list[dict]]] = {
    "declines_to_comment": [
        [{"LOWER": "no"}, {"LOWER": "comment"}],
        [{"LOWER": "neither"}, {"LOWER": {"IN": ["confirm", "confirmed", "confirms"]}}],
        [{"LOWER": "not"}, {"LOWER": "in"}, {"LOWER": "a"}, {"LOWER": "position"}, {"LOWER": "to"}],
        [{"LOWER": "no"}, {"LOWER": "information"}, {"LOWER": "to"}, {"LOWER": "share"}],
        [{"LOWER": "nothing"}, {"LOWER": "to"}, {"LOWER": {"IN": ["say", "add", "comment", "share", "announce"]}}],
        # what is kept back: "would not go into intelligence matters", "would not reveal the
        # content of talks", "had no confirmation yet", "refrain from going into specifics"
        [{"LOWER": {"IN": ["would", "will", "could", "did"]}}, {"LOWER": {"IN": ["not", "n't"]}},
         {"LOWER": {"IN": ["go", "get"]}}, {"LOWER": "into"}],
        [{"LOWER": {"IN": ["would", "will", "could", "did", "does"]}}, {"LOWER": {"IN": ["not", "n't"]}},
         {"LOWER": {"IN": ["reveal", "disclose", "divulge", "specify", "elaborate"]}}],
        [{"LOWER": {"IN": ["had", "has", "have"]}}, {"LOWER": "no"},
         {"OP": "?", "LOWER": {"IN": ["immediate", "independent", "official"]}}, {"LOWER": "confirmation"}],
        # a briefing's "I do not have a new figure to share today"
        [{"LOWER": {"IN": ["do", "does", "did"]}}, {"LOWER": {"IN": ["not", "n't"]}}, {"LOWER": "have"},
         {"OP": "{,4}", "LOWER": {"NOT_IN": [".", ",", ";", "to"]}}, {"LOWER": "to"},
         {"LOWER": {"IN": ["share", "offer", "provide", "give", "read", "announce"]}}],
        # a briefing's "I am not aware of the situation you mentioned"
        [{"LOWER": {"IN": ["am", "is", "are", "was", "were", "'m"]}}, {"LOWER": "not"}, {"LOWER": "aware"},
         {"LOWER": "of"}],
        # "North Korea's Foreign Ministry has said nothing about the drone reports"
        [{"LOWER": {"IN": ["has", "have", "had"]}}, {"LOWER": "said"}, {"LOWER": "nothing"},
         {"LOWER": {"IN": ["about", "on", "of"]}}],
        # a briefing's "I'm not going to get into specific numbers"
        [{"LOWER": {"IN": ["not", "n't"]}}, {"LOWER": "going"}, {"LOWER": "to"}, {"LOWER": {"IN": [
            "speak", "get", "go", "comment", "preview", "discuss", "characterize", "characterise", "confirm",
            "detail", "talk", "speculate", "disclose"]}}],
        # "Neither Moscow nor Pyongyang has confirmed the deployment": no confirmation given
        [{"LOWER": "neither"}, {"OP": "{1,4}", "LOWER": {"NOT_IN": [".", ",", ";", "nor"]}}, {"LOWER": "nor"},
         {"OP": "{1,4}", "LOWER": {"NOT_IN": [".", ",", ";"]}}, {"LOWER": {"IN": ["has", "have", "had"]}},
         {"OP": "?", "LOWER": {"IN": ["publicly", "officially", "formally", "yet"]}},
         {"LOWER": {"IN": ["confirmed", "commented", "acknowledged"]}}],
        [{"LOWER": {"IN": ["refrain", "refrained", "refrains"]}}, {"LOWER": "from"},
         {"LOWER": {"IN": ["answering", "commenting", "comment", "going", "getting", "discussing", "prejudging",
                           "speculating", "disclosing", "elaborating", "detailing", "confirming"]}}],
    ],
    "denies": [
        [{"LOWER": {"IN": ["groundless", "baseless", "unfounded", "fabricated", "fabrication", "fabrications",
                           "untrue", "absurd", "nonsense", "slander", "slanderous", "smear", "hoax", "lies",
                           "lie", "falsehood", "falsehoods", "disinformation", "propaganda", "categorically",
                           "ridiculous", "preposterous", "fiction", "fantasy", "rumours", "rumors", "rumour",
                           "rumor", "groundlessly", "fakes"]}}],
        [{"LOWER": {"IN": ["fake", "false"]}}, {"LOWER": {"IN": ["news", "claims", "claim", "reports", "report",
                                                            "allegations", "information", "accusations"]}}],
        [{"LOWER": {"IN": ["is", "are", "was", "were", "be"]}}, {"OP": "?", "LOWER": {"IN": [
            "completely", "totally", "absolutely", "entirely", "simply"]}}, {"LOWER": {"IN": ["false", "untrue", "fake"]}}],
        [{"LOWER": "not"}, {"LOWER": "true"}],
        # the claim taken for a fake: "we regard such reports as another fake", "sees them as a lie"
        [{"LOWER": "as"}, {"OP": "{,2}", "LOWER": {"IN": ["another", "a", "an", "yet", "just", "pure", "sheer", "more",
                                                       "nothing", "but", "complete", "total", "outright"]}},
         {"LOWER": {"IN": ["fake", "fakes", "lie", "lies", "fabrication", "fabrications", "falsehood", "hoax",
                           "fiction", "fantasy", "provocation", "smear"]}}],
        # the claim labelled: "described similar claims as fake", "dismissed the reports as false"
        [{"LOWER": "as"}, {"OP": "?", "LOWER": {"IN": ["completely", "totally", "entirely", "simply"]}},
         {"LOWER": {"IN": ["fake", "false", "untrue", "fabricated"]}}],
        # the claim said to lack grounds: "accusations are not supported by any facts"
        [{"LOWER": {"IN": ["not", "never"]}}, {"LOWER": {"IN": ["supported", "backed", "confirmed", "substantiated"]}},
         {"LOWER": "by"}, {"OP": "?", "LOWER": {"IN": ["any", "a", "single", "real", "the"]}},
         {"OP": "?", "LOWER": {"IN": ["single", "real", "hard", "concrete", "credible"]}},
         {"LOWER": {"IN": ["facts", "fact", "evidence", "proof", "data"]}}],
        # the claim put down to the other side: "the United States was spreading speculation"
        [{"LOWER": {"IN": ["spreading", "spread", "spreads", "peddling", "peddles", "peddled", "circulating"]}},
         {"OP": "?", "LOWER": {"IN": ["baseless", "false", "groundless", "such", "these", "more"]}},
         {"LOWER": {"IN": ["speculation", "speculations", "rumours", "rumors", "lies", "disinformation", "fakes",
                           "falsehoods", "myths"]}}],
        [{"LOWER": "no"}, {"LOWER": {"IN": ["basis", "evidence", "grounds"]}}],
        # the claim said to be untrue: "there is no truth to the reports", "far from the truth",
        # "not a shred of evidence", "made-up stories"
        [{"LOWER": "no"}, {"LOWER": "truth"}],
        [{"LOWER": "far"}, {"LOWER": "from"}, {"LOWER": "the"}, {"LOWER": "truth"}],
        [{"LOWER": {"IN": ["invented", "invent", "invents", "inventing"]}},
         {"OP": "?", "LOWER": {"IN": ["the", "these", "those", "such", "this", "that"]}},
         {"LOWER": {"IN": ["claim", "claims", "report", "reports", "allegation", "allegations", "accusation",
                           "accusations", "story", "stories", "news"]}}],
        [{"LOWER": "shred"}, {"LOWER": "of"}, {"LOWER": {"IN": ["evidence", "proof", "truth"]}}],
        [{"LOWER": "made"}, {"OP": "?", "LOWER": "-"}, {"LOWER": "up"}, {"LOWER": {"IN": [
            "story", "stories", "claims", "claim", "reports", "report", "allegations", "accusations", "news"]}}],
        # the claim reduced to talk: "nothing more than speculation", "mere speculation"
        [{"LOWER": "nothing"}, {"LOWER": {"IN": ["more", "but", "other", "else"]}}, {"OP": "?", "LOWER": "than"},
         {"OP": "{,3}", "LOWER": {"NOT_IN": [".", ",", ";"]}}, {"LOWER": {"IN": list(DISMISSED_AS_WORDS)}}],
        [{"LOWER": {"IN": ["mere", "pure", "sheer", "wild", "idle"]}}, {"LOWER": {"IN": list(DISMISSED_AS_WORDS)}}],
        # an arms agreement said not to exist: "no agreements on military-technical cooperation
        # had been signed" (a plain "no agreements were signed at the summit" reports the meeting)
        [{"LOWER": "no"}, {"LOWER": {"IN": ["agreement", "agreements", "deal", "deals", "contract", "contracts"]}},
         {"LOWER": {"IN": ["on", "for", "over", "about"]}}, {"OP": "?", "LOWER": {"IN": ["the", "any"]}},
         {"LOWER": {"IN": ["military", "military-technical", "arms", "weapons", "munitions", "ammunition"]}},
         {"OP": "{,8}", "LOWER": {"NOT_IN": [".", ",", ";", "that", "but"]}},
         {"LOWER": {"IN": ["had", "has", "have", "was", "were"]}},
         {"OP": "?", "LOWER": "been"}, {"LOWER": {"IN": ["signed", "concluded", "reached", "made"]}}],
        [{"LOWER": "no"}, {"LOWER": "such"}],
        [{"LOWER": "nothing"}, {"LOWER": "to"}, {"LOWER": "do"}, {"LOWER": "with"}],
        [{"LOWER": "not"}, {"LOWER": "for"}, {"LOWER": {"IN": ["export", "sale", "exports"]}}],
        # "its cooperation with Pyongyang does not violate any international agreements"
        [{"LOWER": {"IN": ["does", "do", "did"]}}, {"LOWER": {"IN": ["not", "n't"]}},
         {"LOWER": {"IN": ["violate", "breach", "contravene", "break"]}}],
        # wrongdoing denied: "its dealings violate no international agreements", "did not breach"
        [{"LOWER": {"IN": ["violate", "violates", "violated", "breach", "breaches", "breached", "contravene",
                           "contravenes", "contravened", "break", "breaks", "broke", "breaking"]}},
         {"LOWER": "no"}],
    ],
    "condemns": [
        [{"LOWER": {"IN": ["condemn", "condemns", "condemned", "condemning", "condemnation", "denounce",
                           "denounces", "denounced", "denouncing", "deplore", "deplores", "deplored"]}}],
        [{"LOWER": {"IN": ["outrageous", "reckless", "unacceptable", "flagrant", "deplorable", "shameful",
                           "brazen", "egregious", "blatant", "accomplice", "accomplices", "complicit",
                           "complicity"]}}],
        [{"LOWER": "cannon"}, {"LOWER": "fodder"}],
        # an escalation named as done: "is a significant and dangerous escalation"
        [{"LOWER": {"IN": ["is", "was", "are", "were", "marks", "marked", "represents", "constitutes"]}},
         {"LOWER": {"IN": ["a", "an"]}}, {"OP": "{,3}", "LOWER": {"NOT_IN": [".", ",", ";", "not"]}},
         {"LOWER": "escalation"}],
        [{"LOWER": {"IN": ["crossing", "crossed", "cross", "crosses"]}}, {"LOWER": {"IN": ["a", "the"]}},
         {"LOWER": "red"}, {"LOWER": "line"}],
        # a breach named as plain: "was a clear violation of U.N. Security Council resolutions"
        [{"LOWER": {"IN": ["clear", "gross", "outright"]}}, {"LOWER": {"IN": ["violation", "violations"]}}],
    ],
    "warns": [
        [{"LOWER": "pay"}, {"LOWER": {"IN": ["a", "the"]}}, {"OP": "?", "LOWER": {"IN": [
            "heavy", "high", "steep", "heavier", "higher"]}}, {"LOWER": "price"}],
        [{"LOWER": {"IN": ["face", "faces", "facing", "suffer"]}}, {"OP": "?", "LOWER": {"IN": [
            "serious", "severe", "grave", "dire", "the"]}}, {"LOWER": "consequences"}],
        [{"LOWER": "go"}, {"LOWER": "unanswered"}],
        # "would not stand idly by"
        [{"LOWER": "stand"}, {"LOWER": "idly"}, {"LOWER": "by"}],
        # a danger named: "growing and dangerous military cooperation"
        [{"LOWER": {"IN": ["growing", "increasingly"]}}, {"OP": "?", "LOWER": "and"}, {"LOWER": "dangerous"}],
        # "cannot be tolerated", "will not be tolerated"
        [{"LOWER": {"IN": ["not", "n't", "never"]}}, {"LOWER": "be"}, {"LOWER": "tolerated"}],
        # a response weighed: "does not rule out (the possibility of) providing weapons", "could
        # consider supplying weapons to Ukraine"
        [{"LOWER": "rule"}, {"LOWER": "out"}, {"OP": "?", "LOWER": "the"}, {"OP": "?", "LOWER": "possibility"},
         {"OP": "?", "LOWER": "of"}, {"LOWER": {"IN": list(ARMING_VERBS)}}, {"OP": "{,2}", "LOWER": {"NOT_IN": [".", ","]}},
         {"LOWER": {"IN": list(ARMS_NOUNS)}}],
        [{"LOWER": {"IN": ["consider", "considering", "considers"]}}, {"LOWER": {"IN": list(ARMING_VERBS)}},
         {"OP": "{,2}", "LOWER": {"NOT_IN": [".", ","]}}, {"LOWER": {"IN": list(ARMS_NOUNS)}}],
        # a step called a mistake or a provocation to come: "would be a very big mistake", "would add
        # fuel to the fire"
        [{"LOWER": {"IN": ["big", "grave", "serious", "huge", "terrible", "fatal", "grievous"]}}, {"LOWER": "mistake"}],
        [{"LOWER": "fuel"}, {"LOWER": "to"}, {"LOWER": "the"}, {"LOWER": {"IN": ["fire", "flames"]}}],
        # a measure promised: "would not hesitate to impose new sanctions"
        [{"LOWER": {"IN": ["not", "never", "n't"]}}, {"LOWER": "hesitate"}, {"LOWER": "to"}],
        [{"LOWER": {"IN": ["held", "hold"]}}, {"OP": "?", "IS_ALPHA": True}, {"LOWER": "accountable"}],
        [{"LOWER": {"IN": ["warn", "warns", "warned", "warning", "warnings", "retaliate", "retaliation",
                           "retaliatory", "retaliates"]}}],
        # concern voiced: "expressed grave concern", "was seriously concerned", "is closely watching"
        [{"LOWER": {"IN": ["deep", "deepest", "serious", "grave", "gravest", "strong", "great"]}},
         {"LOWER": {"IN": ["concern", "concerns"]}}],
        [{"LOWER": {"IN": ["seriously", "deeply", "gravely", "greatly", "increasingly"]}}, {"LOWER": "concerned"}],
        [{"LOWER": {"NOT_IN": list(NEGATION_WORDS)}}, {"LOWER": "concerned"}, {"OP": "?", "IS_QUOTE": True},
         {"LOWER": {"IN": list(CONCERN_OBJECT_WORDS)}}],
        [{"LOWER": {"NOT_IN": list(NEGATION_WORDS)}}, {"LOWER": "concerned"}, {"OP": "?", "IS_QUOTE": True},
         {"LOWER": "that"}, {"OP": "{,12}", "LOWER": {"NOT_IN": [".", ";", ":"]}},
         {"LOWER": {"IN": list(CONCERN_PROSPECT_WORDS)}}],
        # a measure promised: "the government would consider further sanctions", "will respond
        # with countermeasures", "would impose additional measures"
        [{"LOWER": {"IN": ["will", "would", "'ll", "shall"]}},
         {"OP": "{,2}", "LOWER": {"NOT_IN": [".", ",", ";", "not", "n't", "never"]}},
         {"LOWER": {"IN": list(MEASURE_VERBS)}}, {"OP": "{,8}", "LOWER": {"NOT_IN": [".", ",", ";"]}},
         {"LOWER": {"IN": list(PUNITIVE_MEASURES)}}],
        [{"LOWER": {"IN": ["will", "would", "'ll", "shall"]}},
         {"OP": "{,2}", "LOWER": {"NOT_IN": [".", ",", ";", "not", "n't", "never"]}},
         {"LOWER": {"IN": list(MEASURE_VERBS)}}, {"OP": "{,2}", "LOWER": {"NOT_IN": [".", ",", ";"]}},
         {"LOWER": {"IN": list(MEASURE_ADJECTIVES)}},
         {"LOWER": {"IN": ["measures", "steps", "action"]}}],
        # a threat named: "the transfers were a serious threat to European security"
        [{"LOWER": {"IN": ["serious", "grave", "direct", "major", "significant", "real", "growing", "existential",
                           "imminent"]}}, {"OP": "?", "LOWER": {"IN": ["security", "military"]}},
         {"LOWER": {"IN": ["threat", "threats", "danger"]}}],
        # a cost promised: "any arms deal would come at a cost for both countries" (not "at a cost of")
        [{"LOWER": {"IN": ["come", "comes", "came", "coming"]}}, {"LOWER": "at"}, {"LOWER": "a"},
         {"OP": "?", "LOWER": {"IN": ["high", "heavy", "steep", "great", "significant"]}},
         {"LOWER": {"IN": ["cost", "price"]}}, {"LOWER": {"NOT_IN": ["of"]}}],
        # harm named: "the deployment posed a grave security threat to the region"
        [{"LOWER": {"NOT_IN": list(NEGATION_WORDS)}}, {"LOWER": {"IN": ["pose", "poses", "posed", "posing"]}},
         {"OP": "{,4}", "LOWER": {"NOT_IN": [".", ",", ";", "no"]}}, {"LOWER": {"IN": list(POSED_HARM_WORDS)}}],
        # concern or alarm voiced without a degree word: "voiced concern about the possible
        # transfer", "shared a strong sense of alarm" (concerns "raised with Chinese officials"
        # are a diplomatic step, asserted); a risk named: "there was a risk that North Korea
        # would send more"; an escalation foreseen: "it would be a further escalation" (one
        # named as done condemns it)
        [{"LOWER": {"IN": ["voice", "voices", "voiced", "voicing", "express", "expresses", "expressed",
                           "expressing", "share", "shares", "shared"]}},
         {"OP": "{,2}", "LOWER": {"NOT_IN": [".", ",", ";"]}}, {"LOWER": {"IN": ["concern", "concerns", "alarm"]}}],
        [{"LOWER": {"IN": ["sense", "cause"]}}, {"LOWER": {"IN": ["of", "for"]}}, {"LOWER": {"IN": ["alarm", "concern"]}}],
        [{"LOWER": "alarmed"}, {"LOWER": {"IN": ["by", "at", "about", "over"]}}],
        [{"LOWER": {"NOT_IN": ["no"]}}, {"LOWER": {"IN": ["a", "the"]}},
         {"OP": "?", "LOWER": {"IN": ["real", "serious", "growing", "high", "clear"]}},
         {"LOWER": {"IN": ["risk", "risks"]}}, {"LOWER": {"IN": ["that", "of"]}}],
        [{"LOWER": {"IN": ["would", "will", "could", "may", "might"]}},
         {"LOWER": {"IN": ["be", "mean", "constitute"]}}, {"OP": "?", "LOWER": {"IN": ["a", "an"]}},
         {"OP": "?", "LOWER": {"IN": ["further", "new", "dangerous", "serious"]}}, {"LOWER": "escalation"}],
        # "would regard any deployment of North Korean troops as 'a serious escalation'"
        [{"LOWER": {"IN": ["would", "will"]}}, {"LOWER": {"IN": ["regard", "consider", "treat", "see", "view"]}},
         {"OP": "{1,8}", "LOWER": {"NOT_IN": [".", ";"]}}, {"LOWER": "as"}, {"OP": "{,4}", "LOWER": {"NOT_IN": [".", ";"]}},
         {"LOWER": "escalation"}],
        # a cost to a name: "is not going to reflect well on North Korea", "would reflect badly on"
        [{"LOWER": {"IN": ["not", "n't"]}}, {"OP": "{,3}", "LOWER": {"NOT_IN": [".", ",", ";"]}},
         {"LOWER": {"IN": ["reflect", "reflects"]}}, {"LOWER": "well"}, {"LOWER": "on"}],
        [{"LOWER": {"IN": ["reflect", "reflects"]}}, {"LOWER": {"IN": ["badly", "poorly"]}}, {"LOWER": "on"}],
        # a development called dangerous: "this would mark a dangerous and highly concerning development"
        [{"LOWER": {"IN": ["dangerous", "concerning", "alarming", "worrying", "troubling"]}},
         {"OP": "{,3}", "LOWER": {"NOT_IN": [".", ",", ";"]}}, {"LOWER": "development"}],
        # a line drawn or a target named: "there is a red line", "they are fair game"
        [{"LOWER": {"IN": ["is", "was", "are", "draw", "draws", "drew", "drawn", "set", "sets"]}},
         {"OP": "?", "LOWER": {"IN": ["a", "the"]}}, {"LOWER": "red"}, {"LOWER": {"IN": ["line", "lines"]}}],
        [{"LOWER": "fair"}, {"LOWER": "game"}],
        # a response drawn: "would draw a Russian response"
        [{"LOWER": {"IN": ["draw", "draws", "provoke", "provokes", "trigger", "triggers"]}},
         {"OP": "?", "LOWER": {"IN": ["a", "an"]}}, {"OP": "{,2}", "LOWER": {"NOT_IN": [".", ",", ";"]}},
         {"LOWER": {"IN": ["response", "reaction", "retaliation", "countermeasures"]}}],
        # a wider war foreseen: "This is the first step to a world war"
        [{"LOWER": {"IN": ["step", "steps", "path", "road", "slide", "lead", "leads", "led"]}},
         {"LOWER": {"IN": ["to", "toward", "towards"]}}, {"OP": "?", "LOWER": {"IN": ["a", "an"]}},
         {"OP": "?", "LOWER": "third"}, {"LOWER": {"IN": ["world", "global", "nuclear", "wider"]}}, {"LOWER": "war"}],
        # a possibility watched: "closely watching the possibility" (the situation watched asserts)
        [{"LOWER": {"IN": ["closely", "carefully"]}}, {"LOWER": {"IN": ["watching", "monitoring", "following"]}},
         {"OP": "?", "LOWER": {"IN": ["the", "any", "a"]}}, {"LOWER": {"IN": ["possibility", "possibilities"]}}],
        # a threat named to someone's security: "posed a grave security threat", "directly
        # affects the security of Europe"
        [{"LOWER": {"IN": ["pose", "poses", "posed", "posing"]}}, {"OP": "?", "LOWER": {"IN": ["a", "an"]}},
         {"OP": "?", "LOWER": {"IN": ["grave", "serious", "direct", "major", "significant", "real"]}},
         {"OP": "?", "LOWER": "security"}, {"LOWER": {"IN": ["threat", "threats"]}}],
        [{"LOWER": "directly"}, {"LOWER": {"IN": ["affects", "affect", "affected", "affecting", "threatens",
                                                  "threaten", "threatened"]}},
         {"OP": "?", "LOWER": "the"}, {"LOWER": "security"}],
        # a response promised: "would be met with a resolute response", "will respond sternly"
        [{"LOWER": {"IN": ["firm", "stern", "resolute", "strong", "decisive", "forceful", "swift"]}},
         {"LOWER": {"IN": ["response", "responses", "countermeasures", "retaliation"]}}],
        [{"LOWER": {"IN": ["respond", "responds", "responded", "react", "deal"]}}, {"OP": "?", "LOWER": "to"},
         {"OP": "?", "LOWER": {"IN": ["it", "this", "that", "them"]}},
         {"LOWER": {"IN": ["firmly", "sternly", "resolutely", "strongly", "decisively", "forcefully"]}}],
        # a response promised to a measure: "Russia would respond to any new sanctions"
        [{"LOWER": {"IN": ["would", "will", "'ll"]}}, {"LOWER": {"IN": ["respond", "retaliate", "react"]}},
         {"LOWER": {"IN": ["to", "against"]}}, {"OP": "{,3}", "LOWER": {"IN": [
            "any", "new", "further", "such", "these", "those", "the", "additional", "hostile", "western"]}},
         {"LOWER": {"IN": ["sanctions", "measures", "steps", "moves", "actions", "provocations", "provocation",
                           "threats", "threat", "restrictions", "deployment", "deployments"]}}],
    ],
    "assesses": [
        # a belief with grounds given: "we have reason to believe that Moscow intends to ..."
        [{"LOWER": "reason"}, {"LOWER": "to"}, {"LOWER": {"IN": ["believe", "think", "suspect", "assess"]}}],
        # what is believed and what may have happened: "are believed to have been made",
        # "Pyongyang may have received help"
        [{"LOWER": {"IN": ["is", "are", "was", "were", "been"]}}, {"OP": "?", "LOWER": {"IN": [
            "also", "widely", "now", "still", "generally"]}}, {"LOWER": {"IN": [
                "believed", "thought", "presumed", "suspected", "estimated", "assessed"]}},
         {"LOWER": "to"}],
        # what seems to have happened: "North Korea appears to have succeeded", "appear to have been"
        [{"LOWER": {"IN": ["appears", "appear", "appeared", "seems", "seem", "seemed"]}}, {"LOWER": "to"},
         {"LOWER": "have"}, {"TAG": "VBN"}],
        [{"LOWER": {"IN": ["may", "might"]}}, {"LOWER": "have"}, {"TAG": "VBN"}],
        # a possibility judged: "it was quite possible the two sides would sign"
        [{"LOWER": {"IN": ["quite", "very", "entirely", "highly"]}}, {"LOWER": {"IN": [
            "possible", "plausible", "conceivable"]}}],
        [{"LOWER": "it"}, {"LOWER": {"IN": ["is", "was", "'s"]}}, {"LOWER": {"IN": [
            "possible", "plausible", "conceivable"]}}],
        [{"LOWER": "in"}, {"LOWER": "all"}, {"LOWER": "likelihood"}],
        # a view held, a thing expected or still possible: "in our view they are plausible", "a
        # second transfer was expected soon", "transfers of technology remain possible"
        [{"LOWER": "in"}, {"LOWER": {"IN": ["our", "my", "their", "its"]}},
         {"LOWER": {"IN": ["view", "assessment", "judgment", "judgement"]}}],
        [{"LOWER": {"IN": ["is", "was", "are", "were"]}}, {"OP": "?", "LOWER": {"IN": ["widely", "also", "now"]}},
         {"LOWER": "expected"}, {"LOWER": {"NOT_IN": ["to"]}}],
        [{"LOWER": {"IN": ["remain", "remains", "remained"]}}, {"OP": "?", "LOWER": {"IN": ["quite", "entirely", "very"]}},
         {"LOWER": "possible"}],
        # signs read: "there were signs that Pyongyang was preparing to send more"
        [{"LOWER": "there"}, {"LOWER": {"IN": ["are", "were", "have", "had"]}}, {"OP": "?", "LOWER": "been"},
         {"OP": "?", "LOWER": {"IN": ["clear", "growing", "some", "strong"]}}, {"LOWER": {"IN": ["sign", "signs"]}},
         {"LOWER": "that"}],
    ],
}
# Verbs of supplying: negated in the words of a party to the trade, they deny it
# ("had never supplied arms", "did not export", "received no weapons").
SUPPLY_FORMS = frozenset({
    "export", "exported", "exports", "exporting", "supply", "supplied", "supplies", "supplying", "sell", "sold",
    "sells", "selling", "ship", "shipped", "ships", "shipping", "provide", "provided", "provides", "providing",
    "transfer", "transferred", "transfers", "send", "sent", "sends", "deliver", "delivered", "delivers",
    "receive", "received", "receives", "buy", "bought", "buys", "obtain", "obtained", "import", "imported",
    "purchase", "purchased", "acquire", "acquired", "give", "gave", "given", "trade", "traded", "use", "used",
})
# What the trade is called: a negated verb with one of these in its object, said by a
# party to the trade, denies it ("we have never had arms dealings", "no intention to export").
TRADE_WORDS = frozenset({
    "arms", "weapons", "weaponry", "munitions", "ammunition", "shells", "missiles", "rockets", "dealings",
    "deals", "deal", "transactions", "trade", "exports", "export", "imports", "transfers", "shipments",
    "supplies", "equipment", "materiel", "troops", "soldiers", "cooperation",
})
# Verbs whose negation affirms ("does not rule out cooperation").
NEGATION_REVERSERS = frozenset({"rule", "rules", "ruled", "exclude", "excludes", "excluded", "deny", "denies",
                                "denied", "doubt", "doubts"})
# Verbs of judging: in the words said, with the speaker's side as subject, an assessment
# ("the United States assessed that", "Washington did not believe", "officials expect").
ESTIMATIVE_VERBS = frozenset({
    "assess", "assesses", "assessed", "believe", "believes", "believed", "expect", "expects", "expected",
    "estimate", "estimates", "estimated", "judge", "judges", "judged", "suspect", "suspects", "suspected",
    "anticipate", "anticipates", "predict", "predicts", "predicted",
})
# Verbs of believing that open a clause of their own, whose subject names the believer, not a
# party to what is believed ("Washington believed North Korea was supplying shells").
BELIEF_VERBS = ESTIMATIVE_VERBS | frozenset({"think", "thinks", "thought", "fear", "fears", "feared", "conclude",
                                             "concludes", "concluded"})
# Verbs after a party that make it only the reporter or believer of a transfer, no party to it
# ("a senior U.S. official said", "Washington believed North Korea was supplying").
REPORTED_BY_VERBS = BELIEF_VERBS | frozenset({"said", "says", "told", "added", "noted", "reported", "announced",
                                              "confirmed", "stated", "claimed", "warned"})
# What a speaker calls something when calling it condemns it ("called the transfer a
# significant and concerning escalation").
CONDEMNING_LABELS = frozenset({
    "escalation", "violation", "violations", "provocation", "provocations", "illegal", "unlawful", "reckless",
    "dangerous", "destabilizing", "destabilising", "outrageous", "shameful", "deplorable", "concerning",
    "alarming", "threat", "crime", "crimes", "unacceptable", "irresponsible", "flagrant", "blatant",
    "undermine", "undermines", "undermining",
})
# Labels that deny what they are put on ("called the reports \"fake\"", "described the claims
# as gossip"): the words of a calling or describing construction.
DENYING_LABELS = frozenset({
    "fake", "fakes", "false", "lie", "lies", "fabrication", "fabrications", "fabricated", "rumour", "rumor",
    "rumours", "rumors", "groundless", "baseless", "unfounded", "untrue", "absurd", "nonsense", "propaganda",
    "disinformation", "fiction", "fantasy", "gossip", "speculation", "hoax", "slander", "smear", "falsehood",
    "falsehoods",
})
# Words by which a speaker refers to itself in what it says.
SELF_WORDS = frozenset({"we", "i", "us", "our", "it", "they", "he", "she", "its", "their", "my"})

# ----------------------------------------------------------------- transfers
ITEM_HEADS = (
    "munitions", "ammunition", "ammo", "shells", "artillery shells", "artillery rounds", "rounds",
    "rockets", "missiles", "ballistic missiles", "cruise missiles", "weapons", "weaponry", "arms",
    "equipment", "materiel", "hardware", "military hardware", "howitzers", "launchers",
    "rocket launchers", "drones", "tanks", "rifles", "guns", "grenades", "mortars", "mortar rounds",
    "explosives", "artillery", "artillery systems", "raw materials", "military technology",
    "technology", "technologies", "troops", "soldiers", "personnel", "workers", "fuel", "oil", "components",
    "spare parts", "small arms", "light weapons", "anti-tank missiles", "air defense systems",
    "fighter jets", "aircraft", "warships", "submarines",
    # what reportedly flows back to the DPRK, and other goods of the trade
    "air defence systems", "air-defense systems", "air-defence systems", "anti-aircraft missiles",
    "fighter aircraft", "jets", "helicopters", "warplanes", "satellite technology",
    "space technology", "missile technology", "nuclear technology", "submarine technology",
    "know-how", "expertise", "food", "food aid", "foodstuffs", "rice", "wheat", "flour",
    "petroleum", "refined petroleum", "petroleum products", "oil products", "crude oil", "diesel",
    "gasoline", "coal", "electronics", "machinery", "vehicles", "armored vehicles", "special forces",
    "laborers", "labourers", "engineers", "satellites", "reconnaissance satellites", "spy satellites",
    "economic aid", "economic assistance", "financial assistance", "humanitarian aid", "food assistance",
    "military assistance", "military aid", "technical assistance",
    # training given ("North Korean troops also received Russian drone training"); bare "training" is
    # mostly where troops are ("sent to training sites"), so only with its kind
    "military training", "drone training", "combat training", "pilot training", "economic support",
    "wheat flour", "air defences", "air defenses", "air defence equipment", "air defense equipment",
    "electronic warfare equipment",
    # singular heads ("fired a North Korean-made KN-23 ballistic missile"), data and money
    "missile", "ballistic missile", "cruise missile", "data", "combat data", "technical data", "blueprints",
    "cash", "hard currency", "foreign currency", "money",
    # help stated as given ("provided North Korea with help on its satellite launches"); bare "help"
    # is mostly the verb ("to help Russia repel"), so only the noun before its preposition
    "help on", "help with", "help in", "technical help", "assistance",
    # live gifts between the states ("handed over more than 70 animals to the Pyongyang Central Zoo")
    "animals", "horses", "dogs", "livestock",
    # gifts between the leaders, banned as luxury goods and vehicles
    "car", "cars", "limousine", "limousines", "luxury goods", "luxury cars",
)
# Which category each item word names is compliance.choices.ITEM_CATEGORY_WORDS (ItemCategory.of):
# one vocabulary for extraction, the proposals and the record.

# Nouns that an item word may qualify, when it is no item itself ("oil tankers", "munitions
# factories", "missile programs", "arms embargo").
ITEM_QUALIFIED_NOUNS = (
    "tankers?", "terminals?", "factory", "factories", "plants?", "depots?", "programs?", "programmes?",
    "industry", "industries", "prices?", "production", "fields?", "refinery", "refineries", "cooperation",
    "development", "tests?", "testing", "launch(?:es)?", "facilit(?:y|ies)", "sites?", "storage", "stockpiles?",
    "embargo(?:es)?", "controls?", "sanctions", "capabilit(?:y|ies)", "ministry", "experts?", "designs?", "range",
    "strikes?", "attacks?", "debris", "fragments?", "shortages?", "lines?", "makers?", "manufactur\\w*",
    "brokers?", "dealers?", "routes?",
)
# Transfer cues (lower case). The subject of an outgoing verb supplies ("Pyongyang has
# supplied ..."), that of an incoming verb receives ("Russia acquired ..."); a noun cue takes
# its parties from "from"/"to"/"between" or a possessive ("its supply of shells to Russia").
TRANSFER_OUT_VERBS = frozenset("""
supply supplies supplied supplying provide provides provided providing send sends sent sending ship shipped
shipping deliver delivers delivered delivering export exports exported exporting transfer transfers transferred
transferring sell sells selling sold funnel funnels funneled funnelled funneling funnelling smuggle smuggles
smuggled smuggling give gives gave given giving move moves moved moving transport transports transported
transporting dispatch dispatches dispatched dispatching deploy deploys deployed deploying furnish furnishes furnished
furnishing airlift airlifts airlifted airlifting ferry ferries ferried ferrying channel channels channeled channelled
channeling channelling offer offers offered offering donate donates donated donating lend lends lent lending
hand-delivered handed handing gift gifts gifted gifting present presents presented presenting pay pays paid paying help helps helping helped assist assists assisting assisted carry carries
carried carrying fly flies
flying flew flown shuttle shuttles shuttled shuttling reward rewarded rewarding compensate compensates compensated
compensating flow flows flowed flowing
""".split())
# Verbs after what moves ("Russian oil has flowed to North Korea", "shells bound for Russia").
ITEMS_BEFORE_CUES = frozenset({"bound", "destined", "come", "comes", "came", "coming", "flow", "flows", "flowed",
                               "flowing"})
TRANSFER_IN_VERBS = frozenset("""
receive receives received receiving acquire acquires acquired acquiring buy buys buying bought purchase purchases
purchased purchasing obtain obtains obtained obtaining import imports imported importing procure procures procured
procuring seek seeks seeking sought negotiate negotiates negotiated negotiating source sources sourced reach reaches
reached arrive arrives arrived arriving request requests requested requesting get gets getting got gain gains gained
gaining secure secures secured securing
""".split())
TRANSFER_NOUNS = frozenset({
    "delivery", "deliveries", "shipment", "shipments", "deal", "deals", "transfer", "transfers", "exports",
    "consignment", "consignments", "provision", "supplies", "supplier", "suppliers",
})
# Verbs of help, a transfer only with the state helped next ("Moscow could help Pyongyang build satellites").
TRANSFER_HELP_VERBS = frozenset({"help", "helps", "helping", "helped", "assist", "assists", "assisting", "assisted"})
# Verbs that are a transfer cue only with the state given to right after them ("Moscow has handed
# Pyongyang combat data"; not "handed down a sentence", "handed him a defeat").
# Only the past and the participle: "hand", "hands" are mostly the noun ("shake hands", "on the
# other hand, Russia ...").
TRANSFER_STATE_NEXT_VERBS = frozenset({*TRANSFER_HELP_VERBS, "handed", "handing"})
# Nouns that say the parties traded without saying which way: a direction needs "from"/"to".
UNDIRECTED_TRANSFER_NOUNS = frozenset({"deal", "deals", "trade", "negotiations", "sale", "sales"})
# A verb and the word that must follow it to make a cue ("relying on", "hand over").
TRANSFER_IN_PAIRS: dict[str, str] = {
    **{w: "on" for w in ("rely", "relies", "relied", "relying")},
    **{w: "to" for w in ("turn", "turns", "turned", "turning")},
    **{w: "for" for w in ("ask", "asks", "asked", "asking", "look", "looks", "looked", "looking")},
    **{w: "delivery" for w in ("take", "takes", "took", "taken", "taking")},  # "had taken delivery of"
    **{w: "from" for w in ("come", "comes", "came", "coming")},  # "ammunition ... now comes from North Korea"
    **{w: "from" for w in ("benefit", "benefits", "benefited", "benefitted", "benefiting", "benefitting")},
}
TRANSFER_OUT_PAIRS: dict[str, str] = {
    **{w: "over" for w in ("hand", "hands", "handed", "handing")},
    **{w: "for" for w in ("bound", "destined")},  # "North Korean shells bound for the front line"
}
# "arms deals", "supply of", "weapons transfers": a first word and the words that may follow it.
TRANSFER_NOUN_PAIRS: dict[str, frozenset[str]] = {
    "arms": frozenset("deal deals sale sales trade negotiations transfer transfers purchases supplies shipment "
                      "shipments export exports import imports".split()),
    "weapons": frozenset("deal deals transfer transfers shipment shipments supplies export exports".split()),
    "supply": frozenset({"of"}),
    "provision": frozenset({"of"}),
    "transfer": frozenset({"of"}),
    "delivery": frozenset({"of"}),
    "deliveries": frozenset({"of"}),
}
# Items used in combat ("missiles had been fired at Ukrainian cities"): a claim that they were delivered and used.
TRANSFER_USE_VERBS = frozenset({"fired", "launched", "used"})
# Nouns and adjectives before "to <party>" that make the party no recipient ("a threat to South
# Troops sent "to fight in Russia's war", "to fight for Russia", "to serve alongside Russian
# forces": the state named after "to" and these is the one that receives them.
FIGHT_VERBS = frozenset({"fight", "serve"})
FIGHT_FOR_PREPOSITIONS = frozenset({"in", "for", "alongside", "with"})
# Korea", "close to Russia").
NOT_RECIPIENT_BEFORE_TO = frozenset({
    "threat", "threats", "danger", "dangers", "risk", "risks", "challenge", "challenges", "menace", "harm",
    "damage", "blow", "response", "reply", "close", "closer", "near", "next", "similar", "loyal", "allied",
})
# Phrases that introduce what goes the other way ("shells in exchange for food and oil").
EXCHANGE_PHRASES = ("in exchange for", "in return for", "as payment for", "in payment for", "to pay for",
                    "as compensation for", "in return", "in exchange")
# The same without what is paid for: "In return, Russia has provided ...", a marker of the other side.
EXCHANGE_MARKERS = ("in return", "in exchange")
# Verbs that make what follows an offer, so part of a negotiation even when it says "could"
# ("Putin hinted that Moscow could help Pyongyang build satellites").
OFFER_WORDS = ("hinted", "hints", "hinting", "offered", "offers", "offering", "signalled", "signaled", "signals",
               "proposed", "proposes")
# Words whose presence before the cue makes a request of it ("North Korea is seeking ...").
SOUGHT_WORDS = ("seek", "seeks", "seeking", "sought", "request", "requests", "requested", "requesting",
                "ask for", "asks for", "asked for", "asking for", "want", "wants", "wanted", "looking to",
                "looks to", "hopes to", "hoping to", "wishes to", "lobbying for", "pressing for", "shopping for")
# Words (patterns) before a transfer that make it a matter of talks, and of an agreement.
NEGOTIATION_WORDS = (r"negotiat\w+", "talks", r"discuss\w*", "deals?", r"offer\w*", r"consider\w*", "proposed",
                     "proposals?", r"bargain\w*", r"in\s+the\s+process\s+of", r"in\s+talks")
AGREEMENT_WORDS = ("agreed", "agreement", "agrees", "signed", "pledged", "pledges", "promised", "promises",
                   "committed", "decided", "decides", "decision", r"deal\s+(?:was|has\s+been)\s+(?:reached|struck|sealed)")
# Words in a count that make it a further batch of what was sent before ("about 3,000 additional
# troops ... on top of the roughly 11,000 soldiers it sent last October"); "N more" is one too.
FURTHER_BATCH_WORDS = ("additional", "extra", "fresh")
# Personnel sent to work, not to fight: a flow apart from troops sent to the same state
# ("1,000 deminers and 5,000 military construction workers" after "11,000 soldiers").
LABOUR_PERSONNEL_WORDS = frozenset({"workers", "worker", "laborers", "labourers", "laborer", "labourer",
                                    "builders", "deminers", "engineers", "construction workers"})
# Modal and estimative words that make a transfer a possibility, not a claim that it happened
# ("could supply", "may be preparing to send", "is likely to deploy").
SPECULATION_WORDS = ("could", "may", "might", "would", "likely to", "expected to", "set to", "poised to",
                     "preparing to", "prepare to", "plans to", "planning to", "planned to", "intends to",
                     "considering", "whether", "if", "ready to", "willing to", "prepared to", "on course to",
                     "about to", "going to", "possibly", "potentially", "possibility", "possibilities")
# Words before a transfer cue that leave it unconfirmed ("it is unclear what ...", "there were no
# signs that any had been delivered"): a possibility, not a claim.
UNCONFIRMED_WORDS = ("unclear", "unknown", "uncertain", r"not\s+(?:clear|known)", r"no\s+signs?",
                     r"no\s+(?:direct\s+|clear\s+)?evidence", r"no\s+indications?", r"not\s+confirmed")
# Words right before a transfer verb that announce it for later ("North Korea will send 1,000
# deminers"): agreed, not delivered.
FUTURE_WORDS = ("will", "shall", "is to", "are to", "is due to", "are due to")
# Words that put a whole clause in doubt, whatever its verbs ("triggered speculation that he seeks ...").
HEARSAY_WORDS = ("speculation", "speculated", "speculate", "speculating", "rumors", "rumours", "rumored", "rumoured")
# Adjectives right before a transfer noun that make it a prospect ("a possible arms deal").
PROSPECT_ADJECTIVES = ("possible", "potential", "prospective", "future", "proposed", "planned", "further", "any")

# ----------------------------------------------------------------- routes
# Words that give the transport mode of a leg (lower case).
MODE_WORDS: dict[str, tuple[str, ...]] = {
    "sea": ("sea", "ship", "ships", "shipped", "vessel", "vessels", "freighter", "freighters", "cargo ship",
            "cargo ships", "maritime", "sailed", "sailing", "docked", "aboard", "by boat", "landing ships",
            "tanker", "tankers", "ferry", "ferried", "naval"),
    "rail": ("rail", "railway", "railroad", "train", "trains", "freight cars", "railcars", "rail cars", "wagons",
             "boxcars", "flatcars", "freight trains", "locomotive", "locomotives", "rail link", "railway line"),
    "road": ("road", "truck", "trucks", "lorries", "lorry", "convoy", "convoys", "highway"),
    "air": ("air", "plane", "planes", "aircraft", "flight", "flights", "flown", "flew", "airlift", "airlifted",
            "cargo plane", "cargo planes", "transport planes", "airliner"),
}
# Verbs of a link between two places, its two ends ("the rail bridge that links Tumangang with Khasan").
LINK_VERBS = ("links", "link", "linking", "linked", "connects", "connect", "connecting", "connected", "joins",
              "joining")
# Words shortly before a place that make it where personnel serve or work, not a route place
# ("used in the fighting in Kursk", "sent on to construction sites in Primorsky Krai").
SERVICE_AREA_WORDS = (r"deploy\w*", r"fight\w*", "fought", "stationed", "combat", r"battles?", r"front\s+lines?",
                      "positions", r"(?:construction|building|work)\s+sites?", r"(?:construction|building)\s+projects?")
# Words that put troops where their route ends ("deployed to", "stationed in", "are now in",
# "engaged in combat in", "fighting in"): the place after them is the last stop of a troop transfer.
DEPLOYMENT_WORDS = (r"(?:re)?deployed", "sent", "moved", "dispatched", "transferred", "stationed", "based",
                    r"fight(?:ing|s)?", "fought", "combat", "are", "were", "is", "was", r"remain(?:s|ed)?",
                    "been", "arrived")
# Words naming where weapons were used in the war ("fired at Ukrainian cities", "used on the
# battlefield").
WAR_TARGET_WORDS = ("ukraine", "ukrainian", "ukrainians", "kharkiv", "kyiv", "kursk", "zaporizhzhia", "battlefield",
                    "front", "front line", "frontline")
# Verbs of a launch: the place after "from" is the launch site ("launched the satellite from Sohae").
LAUNCH_VERBS = ("launched", "launches", "launching", "fired", "firing", "test-fired", "test-launched")
# Words after a group of places that name one of them ("Russian ports, including Dunay").
INCLUDING_WORDS = ("including", "notably", "such as", "among them", "in particular")
# Words before a place that make it where a leg starts, passes or ends (lower case; the
# filler words naming what the place is, "the Russian port of", may come between).
ROUTE_FROM_WORDS = ("from", "out of", "left", "leaving", "departed", "departing", "departs", "loaded at",
                    "loaded in", "loaded onto ships at", "loaded up at", "set sail from", "sailed from")
ROUTE_VIA_WORDS = ("via", "through", "across", "crossing", "by way of", "passing", "transiting")
ROUTE_TO_WORDS = ("to", "into", "toward", "towards", "bound for", "destined for", "headed for", "heading for",
                  "heading to", "arrived at", "arrived in", "arriving at", "arriving in", "arrive at", "reached",
                  "reaching", "unloaded at", "unloaded in", "delivered to", "near", "at", "in", "for")
# Verbs of a route sentence ("the ship docked at Rajin", "the soldiers were flown to Vladivostok").
ROUTE_VERBS = (
    "sailed", "sailing", "sails", "docked", "docking", "carrying", "carried", "loaded", "loading", "unloaded",
    "unloading", "departed", "departing", "arrived", "arriving", "shuttled", "shuttling", "shuttle", "crossed",
    "crossing", "transited", "moved", "transported", "taken", "flown", "airlifted", "ferried", "bound",
    "heading", "headed", "travelled", "traveled", "reached", "entered", "routed", "shipped", "sent", "deployed",
    "relocated", "redeployed", "stationed", "dispatched", "transferred", "delivered", "trucked", "railed",
)
# Troops of a state reported where they serve, with no count and no verb of sending ("North
# Korean soldiers have returned to the front line in Russia's Kursk region", "are fighting
# alongside Russian forces", "the deployment of DPRK troops to Russia"): a claim they were sent.
DEPLOYED_PERSONNEL = ("soldiers", "troops", "units", "forces", "special forces", "servicemen", "personnel")
# Words that may stand between the troops and what they do ("who are now", "have again").
DEPLOYED_AUXILIARIES = ("who", "which", "that", "are", "were", "is", "was", "have", "has", "had", "been", "being",
                        "now", "already", "still", "currently", "reportedly", "again", "also", "since", "then",
                        "later", "actively", "increasingly")
# Where they are: after a form of "be" ("are in Russia", "have been stationed in Russia's Far East").
DEPLOYED_PRESENCE = (r"(?:stationed|deployed|based|present)\s+(?:in|inside|at)", "in", "inside")
# Where they went back or arrived ("returned to the front line in ...").
DEPLOYED_ARRIVAL = (r"(?:returned|returning|arrived|arriving|redeployed|back)\s+(?:to|in|at|on)",)
# Fighting ("fighting alongside Russian forces", "taking part in assaults", "joined the fighting").
DEPLOYED_COMBAT = (r"fighting", "fought", "fight", "battling", r"tak(?:ing|en)\s+part", r"took\s+part",
                   r"participat(?:ing|ed)\s+in", r"join(?:ed|ing)?\s+(?:the\s+)?(?:fighting|battles?|combat|assaults?)",
                   r"engaged\s+in\s+combat")
# Nouns of their sending ("the deployment of North Korean soldiers to fight against Ukraine").
DEPLOYMENT_NOUNS = ("deployment", "deployments", "dispatch", "dispatching", "sending", "presence")
# Words before the state the troops serve beside or for ("alongside Russian forces", "for Russia").
DEPLOYED_ALLY_WORDS = ("alongside", "with", "for", "on behalf of", "on the side of", "beside")
# Words of the fighting and the front: troops so reported were used in combat.
FRONT_WORDS = (r"front(?:\s+lines?)?", "combat", r"battles?", r"battlefields?", r"assaults?", r"fighting")
# States never taken as the DPRK's counterpart by default (ISO codes): Ukraine, the land the war
# is fought on, fills war reports but receives nothing from the DPRK in them ("Seoul would
# consider supplying weapons to Ukraine" is no DPRK transfer).
NOT_DEFAULT_COUNTERPARTS = frozenset({"UA"})
# Words before the place a shipment left from and the place it went to ("from Rajin to Dunay",
# "between Rajin and Dunay"): with no state named, the places' states are its parties.
ROUTE_ORIGIN_WORDS = frozenset({"from", "between"})
ROUTE_DESTINATION_WORDS = frozenset({"to", "into", "for", "and"})
# Verbs of paying and rewarding: what is paid for went the other way ("Moscow pays for these supplies with
# oil", "is compensating Pyongyang for its support").
PAYMENT_VERBS = frozenset({"pay", "pays", "paid", "paying", "reward", "rewarded", "rewarding", "compensate",
                           "compensates", "compensated", "compensating"})

# ----------------------------------------------------------------- names (moved from entities)
# Words that name resolutions before their numbers ("resolution 2270", "UNSCRs 2371 and 2375").
RESOLUTION_WORDS = frozenset({"resolution", "resolutions", "unscr", "unscrs", "res"})
# Nouns that make a capitalised run an organisation's name ("Korea Institute for National
# Unification", "Conflict Armament Research Ltd").
ORG_HEADS = frozenset({
    "ministry", "department", "agency", "institute", "council", "committee", "commission", "service",
    "office", "center", "bureau", "administration", "command", "corporation", "company", "group",
    "party", "army", "navy", "forces", "foundation", "university", "association", "bank",
    "organization", "union", "directorate", "staff", "team", "panel", "court", "embassy", "mission",
    "assembly", "parliament", "duma", "senate", "congress", "secretariat", "authority", "guard",
    "academy", "studies", "network", "project", "monitor", "observatory", "fund", "alliance",
    "coalition", "initiative", "ltd", "inc", "corp", "co", "agency", "unit", "brigade", "fleet",
    "intelligence", "news", "times", "post", "journal", "daily", "herald", "tribune", "television",
    "society", "forum", "trust", "endowment", "railways", "lines", "shipping", "industries", "holdings",
    "technologies", "labs", "airlines", "exchange", "programme", "program", "services", "zoo", "museum",
})
# Lower-case words that may join the words of an organisation's name ("Institute for the Study of War").
ORG_NAME_CONNECTORS = frozenset({"of", "for", "on", "and", "the", "&", "de", "at"})
# Honorifics before a name in Commonwealth releases ("The Honourable Mélanie Joly", "Senator the
# Hon Penny Wong", "the Rt Hon David Lammy") and letters after it ("Richard Marles MP"): not
# part of the name.
HONORIFICS = frozenset({"hon", "honourable", "honorable", "rt", "right"})
POST_NOMINALS = frozenset({"mp", "mhr", "mla", "mep", "pc", "qc", "kc", "obe", "cbe", "kcmg"})
# Bare names that belong to one state's body only by convention ("the Foreign Office" is the
# British one): after another state's body of that kind they stand for it.
GENERIC_BODY_ALIASES = frozenset({"foreign office", "foreign ministry", "defence ministry", "defense ministry",
                                  "ministry of defence", "ministry of defense", "ministry of foreign affairs",
                                  "interior ministry", "defence intelligence", "defense intelligence"})
# Nouns after a state's adjective that make it a portfolio, not an affiliation ("the vice minister
# in charge of Russian affairs", "the envoy for Korean issues").
PORTFOLIO_NOUNS = frozenset({"affairs", "issues", "policy", "relations", "matters", "desk"})
# Abbreviated titles before a name ("Gen.", "Lt. Col.", "Amb.").
TITLE_ABBREVIATIONS = frozenset({"gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep", "dr", "mr", "ms",
                                 "mrs", "gov", "cmdr", "prof", "amb"})
# Words inside a title between its head and its portfolio ("Minister of Foreign Affairs").
TITLE_CONNECTORS = frozenset({"of", "for", "the", "and"})
# Words after "<state>'s military" that make "military" the armed forces, not an adjective
# ("Ukraine's military said", not "Russia's military ties").
AFTER_BODY_WORDS = frozenset({
    "said", "says", "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "and",
    "on", "in", "also", "confirmed", "reported", "announced", "stated", "warned", "denied", "told",
})
# Words after a name and its comma that open no apposition ("Kirby, speaking on Friday, ...").
NOT_APPOSITION_WORDS = frozenset({"on", "in", "at", "during", "after", "before", "for", "with", "from", "to", "by",
                                  "speaking", "while", "when", "as"})
# Words before a resolution noun that are not part of its description's name ("the", "its").
RESOLUTION_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "these", "those", "this", "that", "all", "and"})
