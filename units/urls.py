from django.urls import path

from danvan import import_views

from . import views

UNITS = {"kind": "units"}

app_name = "units"

urlpatterns = [
    path("", views.unit_list, name="list"),
    path("tree/", views.unit_tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/edit/", views.unit_edit, name="edit"),
    path("new/", views.unit_create, name="create"),
    path("import/", import_views.upload, UNITS, name="import"),
    path("import/history/", import_views.history, UNITS, name="import_history"),
    path("import/<int:pk>/", import_views.detail, UNITS, name="import_detail"),
    path("import/<int:pk>/confirm/", import_views.confirm, UNITS, name="import_confirm"),
    path("import/<int:pk>/progress/", import_views.progress, UNITS, name="import_progress"),
    path("export/", views.unit_export, name="export"),
]
