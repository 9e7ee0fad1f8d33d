from .actors import Actor, ActorRole
from .allegations import (
    Allegation,
    AllegationEvidence,
    AllegationProvision,
    AllegationStatement,
    DossierVisit,
    StatusChangeRequest,
    StatusTransition,
)
from .audit import AuditEntry
from .evidence import EvidenceItem
from .places import Place, Vessel, VesselDesignation
from .resolutions import Provision, Resolution
from .sources import SourceDocument
from .statements import EstimativeTerm, Statement, StatementSource
from .transfers import RouteLeg, Transfer, TransferItem, TransferSource

__all__ = [
    "Actor",
    "ActorRole",
    "Allegation",
    "AllegationEvidence",
    "AllegationProvision",
    "AllegationStatement",
    "AuditEntry",
    "DossierVisit",
    "EstimativeTerm",
    "EvidenceItem",
    "Place",
    "Provision",
    "Resolution",
    "RouteLeg",
    "SourceDocument",
    "Statement",
    "StatementSource",
    "StatusChangeRequest",
    "StatusTransition",
    "Transfer",
    "TransferItem",
    "TransferSource",
    "Vessel",
    "VesselDesignation",
]
