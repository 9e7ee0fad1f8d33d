from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Sanctions compliance tracker"
admin.site.site_title = "Sanctions compliance"
admin.site.index_title = "Record of alleged DPRK sanctions breaches"
admin.site.site_url = "/"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # Namespaced: the router's names (allegation-list ...) are also the staff pages' names.
    path("api/v1/", include("compliance.api.urls", namespace="api")),
    # Browsers ask for /favicon.ico whatever the page says (the admin's pages say nothing).
    path("favicon.ico", RedirectView.as_view(get_redirect_url=lambda *a, **k: static("compliance/favicon.svg"))),
    path("", include("ingestion.web.urls")),
    path("", include("compliance.web.urls")),
]
