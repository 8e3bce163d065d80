from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year, name="year"),
    path("<int:year>/decision.pdf", views.decision_pdf, name="decision_pdf"),
    path("units/<str:code>/", views.unit, name="unit"),
]
