from django.urls import path

from danvan import import_views

from . import views

app_name = "units"

urlpatterns = [
    path("", views.unit_list, name="list"),
    path("tree/", views.unit_tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/edit/", views.unit_edit, name="edit"),
    *import_views.urls("units", with_progress=True),
    path("new/", views.unit_create, name="create"),
    path("export/", views.unit_export, name="export"),
]
