"""Every enumerated value of the domain, defined once."""

from django.db import models


class Role(models.TextChoices):
    """Staff roles, each including the rights of the ones before it."""

    VIEWER = "viewer", "Viewer"
    ANALYST = "analyst", "Analyst"
    REVIEWER = "reviewer", "Reviewer"
    ADMINISTRATOR = "administrator", "Administrator"


ROLE_ORDER = [Role.VIEWER, Role.ANALYST, Role.REVIEWER, Role.ADMINISTRATOR]


class ProvisionCategory(models.TextChoices):
    ARMS_EXPORT_BAN = "arms_export_ban", "Arms export ban (DPRK may not export)"
    ARMS_IMPORT_BAN = "arms_import_ban", "Arms import ban (no supply to DPRK)"
    TECHNICAL_ASSISTANCE = "technical_assistance", "Technical training, advice, services or assistance"
    MISSILE_TRANSFERS = "missile_transfers", "Missile-related transfers"
    CATCH_ALL = "catch_all", "Catch-all control"
    INSPECTION = "inspection", "Cargo inspection"
    VESSEL_MEASURES = "vessel_measures", "Vessel measures"
    ASSET_FREEZE = "asset_freeze", "Asset freeze"
    TRAVEL_BAN = "travel_ban", "Travel ban"
    SECTORAL = "sectoral", "Sectoral measures"
    INSTITUTIONAL = "institutional", "Committee / Panel of Experts"
    OTHER = "other", "Other"


class ActorKind(models.TextChoices):
    STATE = "state", "State"
    GOVERNMENT_BODY = "government_body", "Government body"
    INTERNATIONAL_BODY = "international_body", "International body"
    ORGANISATION = "organisation", "Organisation"
    ARMED_GROUP = "armed_group", "Armed group / military company"
    MEDIA_OUTLET = "media_outlet", "Media outlet"
    PERSON = "person", "Person"


class PlaceKind(models.TextChoices):
    PORT = "port", "Port"
    NAVAL_FACILITY = "naval_facility", "Naval facility"
    DEPOT = "depot", "Depot"
    RAIL_CROSSING = "rail_crossing", "Rail crossing"
    CITY = "city", "City"
    COSMODROME = "cosmodrome", "Cosmodrome"
    REGION = "region", "Region"
    OTHER = "other", "Other"


class TransportMode(models.TextChoices):
    SEA = "sea", "Sea"
    RAIL = "rail", "Rail"
    ROAD = "road", "Road"
    AIR = "air", "Air"
    UNKNOWN = "unknown", "Unknown"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"

    @staticmethod
    def format(value, precision: str) -> str:
        """A date as precisely as it is known: "7 Sep 2023", "Sep 2023", "2023"; "?" if unknown."""
        if value is None:
            return "?"
        pattern = {"year": "%Y", "month": "%b %Y"}.get(precision, "%d %b %Y")
        return value.strftime(pattern).lstrip("0")


class ItemCategory(models.TextChoices):
    ARTILLERY_AMMUNITION = "artillery_ammunition", "Artillery ammunition"
    ROCKETS = "rockets", "Rockets"
    BALLISTIC_MISSILES = "ballistic_missiles", "Ballistic missiles"
    SMALL_ARMS = "small_arms", "Small arms and light weapons"
    MILITARY_EQUIPMENT = "military_equipment", "Military equipment (unspecified)"
    RAW_MATERIALS = "raw_materials", "Raw materials"
    TECHNOLOGY = "technology", "Military technology"
    PERSONNEL = "personnel", "Military personnel"
    OTHER = "other", "Other"

    @staticmethod
    def of(text: str, default: str = "other") -> str:
        """The category that a description of items names, from :data:`ITEM_CATEGORY_WORDS`:
        the whole phrase, then its last word (the head in English: "152 mm artillery
        *shells*"), then its other words and pairs of words from the end; each in the singular
        or the plural. ``default`` when no word is known."""
        words = (text or "").lower().split()
        tried = [" ".join(words)]
        for size in (2, 1):
            tried += [" ".join(words[i:i + size]) for i in range(len(words) - size, -1, -1)]
        for phrase in tried:
            for form in (phrase, phrase + "s", phrase + "es"):
                if form in _ITEM_CATEGORY_OF:
                    return _ITEM_CATEGORY_OF[form]
        return default


# The words of news English that name each category of items (plural heads and phrases), the
# one vocabulary read by extraction (ingestion/extraction/transfers.py), accepted proposals
# and the seeds' checks through ItemCategory.of.
ITEM_CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    ItemCategory.ARTILLERY_AMMUNITION: (
        "munitions", "ammunition", "ammo", "shells", "rounds", "artillery", "mortars", "artillery shells",
        "artillery rounds", "mortar rounds"),
    ItemCategory.ROCKETS: ("rockets", "launchers", "rocket launchers"),
    ItemCategory.BALLISTIC_MISSILES: ("missiles", "ballistic missiles", "kn-23", "kn-24", "kn-25"),
    ItemCategory.SMALL_ARMS: ("rifles", "guns", "machine guns", "grenades", "small arms", "light weapons"),
    ItemCategory.MILITARY_EQUIPMENT: (
        "weapons", "weaponry", "arms", "equipment", "materiel", "hardware", "howitzers", "drones", "tanks",
        "explosives", "aircraft", "warships", "submarines", "jets", "systems", "components", "parts",
        "helicopters", "warplanes", "fighters", "vehicles", "trucks", "machinery", "electronics"),
    ItemCategory.RAW_MATERIALS: ("raw materials", "fuel", "oil", "petroleum", "refined petroleum", "petroleum products",
                                 "oil products", "crude oil", "diesel", "gasoline", "coal"),
    ItemCategory.TECHNOLOGY: ("technology", "technologies", "know-how", "expertise"),
    ItemCategory.PERSONNEL: ("troops", "soldiers", "personnel", "workers", "forces", "special forces", "laborers",
                             "labourers", "engineers"),
    ItemCategory.OTHER: ("food", "food aid", "foodstuffs", "rice", "wheat", "flour", "grain"),
}
_ITEM_CATEGORY_OF = {word: str(category) for category, words in ITEM_CATEGORY_WORDS.items() for word in words}
assert set(ITEM_CATEGORY_WORDS) == set(ItemCategory.values)
assert len(_ITEM_CATEGORY_OF) == sum(map(len, ITEM_CATEGORY_WORDS.values())), "a word names two categories"


class TransferStatus(models.TextChoices):
    """What the sources claim about the transfer (not our judgement of it)."""

    # Requested by one side ("North Korea is seeking Russian fighter jets"), with no sign of
    # talks or an agreement: a claim weaker than negotiating.
    SOUGHT = "sought", "Sought (requested, not agreed)"
    NEGOTIATING = "negotiating", "Negotiating"
    AGREED = "agreed", "Agreed"
    IN_TRANSIT = "in_transit", "In transit"
    DELIVERED = "delivered", "Delivered"
    USED_IN_COMBAT = "used_in_combat", "Used in combat"


class Stance(models.TextChoices):
    ASSERTS = "asserts", "Asserts"
    ASSESSES = "assesses", "Assesses"
    CONDEMNS = "condemns", "Condemns"
    WARNS = "warns", "Warns"
    DENIES = "denies", "Denies"
    DECLINES_TO_COMMENT = "declines_to_comment", "Declines to comment"


class EstimativeScale(models.TextChoices):
    UK_PHIA = "uk_phia", "UK PHIA probability yardstick"
    US_ICD_203 = "us_icd_203", "US ICD 203"


class SourceReliability(models.TextChoices):
    """NATO Admiralty code, reliability of the source."""

    A = "A", "A: completely reliable"
    B = "B", "B: usually reliable"
    C = "C", "C: fairly reliable"
    D = "D", "D: not usually reliable"
    E = "E", "E: unreliable"
    F = "F", "F: reliability cannot be judged"


class InformationCredibility(models.TextChoices):
    """NATO Admiralty code, credibility of the information."""

    CONFIRMED = "1", "1: confirmed by other sources"
    PROBABLY_TRUE = "2", "2: probably true"
    POSSIBLY_TRUE = "3", "3: possibly true"
    DOUBTFUL = "4", "4: doubtful"
    IMPROBABLE = "5", "5: improbable"
    CANNOT_BE_JUDGED = "6", "6: truth cannot be judged"


class DocumentKind(models.TextChoices):
    NEWS_ARTICLE = "news_article", "News article"
    OFFICIAL_RELEASE = "official_release", "Official release or transcript"
    REPORT = "report", "Research or UN report"
    SOCIAL_MEDIA = "social_media", "Social media post"
    OTHER = "other", "Other"


class EvidenceKind(models.TextChoices):
    SATELLITE_IMAGERY = "satellite_imagery", "Satellite imagery"
    PHOTOGRAPH = "photograph", "Photograph"
    OFFICIAL_DOCUMENT = "official_document", "Official document"
    VIDEO = "video", "Video"
    DEBRIS_ANALYSIS = "debris_analysis", "Debris / forensic analysis"
    OTHER = "other", "Other"


class Bearing(models.TextChoices):
    """How an item of the record bears on an allegation."""

    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    CONTEXT = "context", "Context only"


class EvidentiaryStatus(models.TextChoices):
    REPORTED = "reported", "Reported (single unverified origin)"
    CORROBORATED = "corroborated", "Corroborated (independent originators)"
    DISPUTED = "disputed", "Disputed (credible contrary information)"
    CONFIRMED = "confirmed", "Confirmed"
    REFUTED = "refuted", "Refuted"
    RETRACTED = "retracted", "Retracted by its originator"

    @staticmethod
    def short_label(value: str) -> str:
        """The status's name without its gloss: "Corroborated", not "Corroborated (independent
        originators)"."""
        return EvidentiaryStatus(value).label.split(" (")[0]


class RequestState(models.TextChoices):
    PENDING = "pending", "Pending second reviewer"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SUPERSEDED = "superseded", "Superseded (status changed meanwhile)"


class AuditAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    TRANSITION = "transition", "Status changed"
    REQUEST = "request", "Status change requested"
    DECISION = "decision", "Status change decided"
