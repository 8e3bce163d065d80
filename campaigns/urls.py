from django.urls import path

from .views import awards, examples, models, periods

app_name = "campaigns"

urlpatterns = [
    path("models/", models.model_list, name="model_list"),
    path("models/new/", models.model_create, name="model_create"),
    path("models/<int:pk>/", models.model_detail, name="model_detail"),
    path("models/<int:pk>/edit/", models.model_edit, name="model_edit"),
    path("models/<int:pk>/move/", models.model_move, name="model_move"),
    path("models/<int:pk>/recognise/", models.model_recognise, name="model_recognise"),
    path("models/<int:pk>/evidence/", models.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", models.evidence_file, name="evidence_file"),
    path("examples/", examples.example_list, name="example_list"),
    path("examples/new/", examples.example_create, name="example_create"),
    path("examples/<int:pk>/edit/", examples.example_edit, name="example_edit"),
    path("awards/", awards.award_list, name="award_list"),
    path("awards/new/", awards.award_create, name="award_create"),
    path("awards/<int:pk>/edit/", awards.award_edit, name="award_edit"),
    path("awards/export/", awards.award_export, name="award_export"),
    path("awards/import/", awards.award_import, name="award_import"),
    path("awards/import/<int:pk>/", awards.award_import_batch, name="award_import_batch"),
    path("periods/", periods.period_list, name="period_list"),
    path("periods/new/", periods.period_create, name="period_create"),
    path("periods/<int:pk>/", periods.period_detail, name="period_detail"),
    path("periods/<int:pk>/edit/", periods.period_edit, name="period_edit"),
    path("periods/<int:pk>/report.docx", periods.period_docx, name="period_docx"),
]
