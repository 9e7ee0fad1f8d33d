from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from ingestion.api import views as ingestion_views

from . import views

router = DefaultRouter()
router.register("resolutions", views.ResolutionViewSet, basename="resolution")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("places", views.PlaceViewSet, basename="place")
router.register("vessels", views.VesselViewSet, basename="vessel")
router.register("documents", views.SourceDocumentViewSet, basename="document")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("transfers", views.TransferViewSet, basename="transfer")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("allegations", views.AllegationViewSet, basename="allegation")
router.register("articles", ingestion_views.ArticleViewSet, basename="article")
router.register("proposals", ingestion_views.ProposalViewSet, basename="proposal")
router.register("submissions", ingestion_views.SubmissionViewSet, basename="submission")

app_name = "api"

urlpatterns = [
    # Behind login like the rest of the API (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]); the docs
    # page sends a browser that is not logged in to the login page.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("", include(router.urls)),
]
