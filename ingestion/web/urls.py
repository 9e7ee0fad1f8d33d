from django.urls import path

from . import views

urlpatterns = [
    path("review/", views.ProposalQueueView.as_view(), name="proposal-queue"),
    path("review/bulk/", views.ProposalBulkView.as_view(), name="proposal-bulk"),
    path("review/lookup/<slug:kind>/", views.ProposalLookupView.as_view(), name="proposal-lookup"),
    path("review/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal-detail"),
    path("review/<int:pk>/decide/", views.ProposalDecideView.as_view(), name="proposal-decide"),
    path("review/<int:pk>/undo/", views.ProposalUndoView.as_view(), name="proposal-undo"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
