from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:kind>/template.docx", views.download, name="download"),
    path("<str:kind>/upload/", views.upload, name="upload"),
    path("<str:kind>/restore/", views.restore, name="restore"),
    path("<str:kind>/variables/", views.variables, name="variables"),
]
