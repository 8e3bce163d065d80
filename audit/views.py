from django.shortcuts import render

from danvan.access import admin_required
from danvan.listing import paginate, query_string
from danvan.xlsx_writer import Column, Table, xlsx_bytes, xlsx_response

from .forms import AuditFilterForm
from .models import AuditEntry

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
    rows = (
        [
            entry.at,
            entry.username,
            entry.ip or "",
            entry.get_action_display(),
            entry.object_repr,
            entry.description,
        ]
        for entry in entries.iterator(chunk_size=2000)
    )
    table = Table("Nhật ký", AUDIT_COLUMNS, rows)
    return xlsx_response(xlsx_bytes(table), "nhat-ky-he-thong.xlsx")


AUDIT_COLUMNS = [
    Column("Thời gian", 18),
    Column("Người dùng", 18),
    Column("Địa chỉ IP", 16),
    Column("Thao tác", 28),
    Column("Đối tượng", 40),
    Column("Chi tiết", 60),
]
