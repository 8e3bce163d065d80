from django.http import HttpResponse
from django.shortcuts import render

from danvan import formats
from danvan.access import admin_required
from danvan.listing import paginate, query_string
from danvan.xlsx_writer import Workbook

from .forms import AuditFilterForm
from .models import AuditEntry

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 100_000


@admin_required
def entry_list(request):
    form = AuditFilterForm(request.GET or None)
    entries = form.filter(AuditEntry.objects.select_related("user"))
    return render(
        request,
        "audit/entry_list.html",
        {
            "form": form,
            "page_obj": paginate(request, entries, 50),
            "query_string": query_string(request),
        },
    )


@admin_required
def entry_export(request):
    form = AuditFilterForm(request.GET or None)
    entries = form.filter(AuditEntry.objects.all())[:EXPORT_LIMIT]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhật ký")
    sheet.append(["Thời gian", "Người dùng", "Địa chỉ IP", "Thao tác", "Đối tượng", "Chi tiết"])
    for entry in entries.iterator(chunk_size=2000):
        formats.xlsx_row(
            sheet,
            [
                entry.at,
                entry.username,
                entry.ip or "",
                entry.get_action_display(),
                entry.object_repr,
                entry.description,
            ],
        )
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="nhat-ky-he-thong.xlsx"'
    workbook.save(response)
    return response
