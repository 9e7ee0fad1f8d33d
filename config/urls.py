from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Sanctions compliance tracker"
admin.site.site_title = "Sanctions compliance"
admin.site.index_title = "Record of alleged DPRK sanctions breaches"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
]
