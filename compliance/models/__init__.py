from .actors import Actor, ActorRole
from .allegations import (
    Allegation,
    AllegationEvidence,
    AllegationProvision,
    AllegationStatement,
    AllegationTransfer,
    DossierVisit,
    StatusChangeRequest,
    StatusChangeRequestCitedDocument,
    StatusChangeRequestCitedEvidence,
    StatusChangeRequestCitedStatement,
    StatusTransition,
    StatusTransitionCitedDocument,
    StatusTransitionCitedEvidence,
    StatusTransitionCitedStatement,
)
from .audit import AuditEntry
from .evidence import EvidenceItem
from .places import Place, Vessel, VesselDesignation
from .resolutions import Provision, Resolution
from .sources import SourceDocument
from .statements import EstimativeTerm, Statement, StatementOriginator, StatementSource
from .transfers import RouteLeg, Transfer, TransferItem, TransferSource

__all__ = [
    "Actor",
    "ActorRole",
    "Allegation",
    "AllegationEvidence",
    "AllegationProvision",
    "AllegationStatement",
    "AllegationTransfer",
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
    "StatementOriginator",
    "StatementSource",
    "StatusChangeRequest",
    "StatusChangeRequestCitedDocument",
    "StatusChangeRequestCitedEvidence",
    "StatusChangeRequestCitedStatement",
    "StatusTransition",
    "StatusTransitionCitedDocument",
    "StatusTransitionCitedEvidence",
    "StatusTransitionCitedStatement",
    "Transfer",
    "TransferItem",
    "TransferSource",
    "Vessel",
    "VesselDesignation",
]
