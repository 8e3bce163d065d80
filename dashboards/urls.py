from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("province/", views.province, name="province"),
    path("province/<int:year>/", views.province, name="province_year"),
    path("province/<int:year>/xlsx/", views.province_xlsx, name="province_xlsx"),
    path("unit/<int:pk>/", views.unit, name="unit"),
    path("unit/<int:pk>/xlsx/", views.unit_xlsx, name="unit_xlsx"),
    path("period/<int:pk>/", views.period, name="period"),
    path("period/<int:pk>/xlsx/", views.period_xlsx, name="period_xlsx"),
    path("period/<int:pk>/docx/", views.period_docx, name="period_docx"),
]
