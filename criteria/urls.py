from django.urls import path

from . import views

app_name = "criteria"

urlpatterns = [
    path("", views.set_list, name="list"),
    path("import/", views.set_import, name="import"),
    path("<int:year>/", views.set_detail, name="detail"),
    path("<int:year>/copy/", views.set_copy, name="copy"),
    path("<int:year>/state/", views.set_state, name="state"),
    path("<int:year>/export.xlsx", views.set_export, name="export"),
    path("<int:year>/edit/", views.set_settings, name="edit_settings"),
    path("<int:year>/edit/rules/", views.set_rules, name="edit_rules"),
    path("<int:year>/edit/criteria/", views.set_criteria, name="edit_criteria"),
    path("<int:year>/edit/criteria/<int:number>/", views.criterion_items, name="edit_items"),
    path("<int:year>/edit/indicators/", views.set_indicators, name="edit_indicators"),
    path(
        "<int:year>/edit/indicator-rules/", views.set_indicator_rules, name="edit_indicator_rules"
    ),
]
