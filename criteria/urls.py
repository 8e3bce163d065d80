from django.urls import path

from . import views

app_name = "criteria"

urlpatterns = [
    path("", views.set_list, name="list"),
    path("<int:year>/", views.set_detail, name="detail"),
]
