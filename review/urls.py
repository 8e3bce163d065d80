from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.board, name="board"),
    path("<int:year>/export.xlsx", views.board_export, name="export"),
    path("<int:year>/assign/", views.assign, name="assign"),
    path("report/<int:pk>/", views.report_detail, name="report"),
    path("report/<int:pk>/score/<int:score_pk>/", views.save_score, name="score"),
    path("report/<int:pk>/decide/", views.decide, name="decide"),
    path("report/<int:pk>/diff/", views.report_diff, name="diff"),
]
