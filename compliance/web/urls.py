from django.urls import path

from . import views

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("allegations/", views.AllegationListView.as_view(), name="allegation-list"),
    path("allegations/export.<str:fmt>", views.AllegationListView.as_view(), {"export": True},
         name="allegation-export"),
    path("allegations/<int:pk>/", views.AllegationDetailView.as_view(), name="allegation-detail"),
    path("transfers/", views.TransferListView.as_view(), name="transfer-list"),
    path("transfers/export.<str:fmt>", views.TransferListView.as_view(), {"export": True},
         name="transfer-export"),
    path("transfers/<int:pk>/", views.TransferDetailView.as_view(), name="transfer-detail"),
    path("statements/", views.StatementListView.as_view(), name="statement-list"),
    path("statements/export.<str:fmt>", views.StatementListView.as_view(), {"export": True},
         name="statement-export"),
    path("actors/", views.ActorListView.as_view(), name="actor-list"),
    path("actors/export.<str:fmt>", views.ActorListView.as_view(), {"export": True},
         name="actor-export"),
    path("vessels/", views.VesselListView.as_view(), name="vessel-list"),
    path("vessels/export.<str:fmt>", views.VesselListView.as_view(), {"export": True},
         name="vessel-export"),
]
