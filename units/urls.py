from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.unit_list, name="list"),
    path("tree/", views.unit_tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/edit/", views.unit_edit, name="edit"),
    path("new/", views.unit_create, name="create"),
]
