from django.urls import path

from . import api

app_name = "api"

urlpatterns = [
    path("years/<int:year>/classification/", api.classification, name="classification"),
]
