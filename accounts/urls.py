from django.urls import path

from danvan import import_views

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("export.xlsx", views.user_export, name="user_export"),
    path("invite/", views.user_invite, name="user_invite"),
    path("resend-invitations/", views.resend_stale, name="resend_stale"),
    path("<int:pk>/", views.user_detail, name="user_detail"),
    path("<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("<int:pk>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("<int:pk>/reactivate/", views.user_reactivate, name="user_reactivate"),
    path("<int:pk>/resend-invitation/", views.user_resend, name="user_resend"),
    *import_views.urls("users"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("review-team/", views.review_team_current, name="review_team_current"),
    path("review-team/<int:year>/", views.review_team, name="review_team"),
    path("review-team/<int:year>/copy/", views.review_team_copy, name="review_team_copy"),
    path(
        "review-team/<int:year>/<int:pk>/remove/",
        views.review_team_remove,
        name="review_team_remove",
    ),
]
