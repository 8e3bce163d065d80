from django.urls import path

from . import autosave, views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("year/<int:year>/", views.report_index, name="index_year"),
    path("start/", views.report_start, name="start"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/save/general/", autosave.save_general, name="save_general"),
    path(
        "<int:pk>/save/criterion/<int:criterion_pk>/",
        autosave.save_criterion,
        name="save_criterion",
    ),
    path("<int:pk>/save/indicators/", autosave.save_indicators, name="save_indicators"),
    path("<int:pk>/evidence/", autosave.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", autosave.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", autosave.evidence_delete, name="evidence_delete"),
    path("<int:pk>/send-to-head/", views.report_send_to_head, name="send_to_head"),
    path("<int:pk>/send-back/", views.report_send_back, name="send_back"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/export.docx", views.report_export, name="export"),
    path("<int:pk>/history/", views.score_history, name="history"),
]
