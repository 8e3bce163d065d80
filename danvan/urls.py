from django.contrib import admin
from django.urls import include, path

from dashboards.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("units/", include("units.urls")),
    path("criteria/", include("criteria.urls")),
    path("reports/", include("reports.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("people/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "danvan.errors.server_error"
