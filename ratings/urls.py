from django.urls import path

from . import views

app_name = "ratings"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year_results, name="year"),
    path("<int:year>/run/", views.start, name="start"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="progress"),
    path("runs/<int:pk>/publish/", views.publish, name="publish"),
    path("runs/<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("decisions/<int:pk>/decision.docx", views.decision_docx, name="decision_docx"),
    path("decisions/<int:pk>/decision.pdf", views.decision_pdf, name="decision_pdf"),
]
