from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from accounts.forms import LoginForm
from dashboards.views import home

urlpatterns = [
    path("", home, name="home"),
    # Before the auth URLs: the login form that tells deactivated accounts why they are refused.
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("units/", include("units.urls")),
    path("criteria/", include("criteria.urls")),
    path("reports/", include("reports.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("ratings/", include("ratings.urls")),
    path("api/v1/", include("ratings.api_urls")),
    path("review/", include("review.urls")),
    path("people/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("documents/", include("documents.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("results/", include("public.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "danvan.errors.bad_request"
handler403 = "danvan.errors.permission_denied"
handler404 = "danvan.errors.page_not_found"
handler500 = "danvan.errors.server_error"
