"""Benchmark the unit import: ours against a plain django-import-export ModelResource.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench .venv/bin/python \\
        bench/import_units.py 10000

Generates an N-row unit list (.xlsx, header on the first row so both importers can read it),
then on the configured database (migrated first; its units are deleted between runs):

1. ours: `units.importing.UnitImporter` through `danvan.importing.apply` (read with calamine,
   check every row, write in bulk in one transaction), timed;
2. ours again on an empty table under tracemalloc, for the peak memory of Python's objects,
   and once more in a fresh process for its peak resident memory (VmHWM, which also
   counts calamine's own buffers and Django's), printed beside that of a fresh process that
   only set Django up;
3. a plain `ModelResource` with default options on the same file (tablib/openpyxl reading, row
   by row), after creating the top parent unit, which it cannot create later in the file.

4. a tuned `ModelResource` on the same file, the second peer: `use_bulk`, `skip_diff`, the
   `CachedInstanceLoader`, foreign keys looked up in dictionaries built once, and the rows read
   with calamine; the library used as well as it can be, without our checks.

`--no-plain` skips 3 (it takes minutes at 100,000 rows); `--admin-resource` also times the
admin's `UnitResource` (bulk options, same checks as the page).
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from import_export import fields, resources, widgets  # noqa: E402
from import_export.formats import base_formats  # noqa: E402
from import_export.instance_loaders import CachedInstanceLoader  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402
from tablib import Dataset  # noqa: E402

from danvan import importing  # noqa: E402
from units.importing import UnitImporter  # noqa: E402
from units.models import Unit, UnitGroup, UnitType  # noqa: E402
from units.resources import COLUMN, type_lookup  # noqa: E402

HEADER = [
    "STT", "Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Loại đơn vị", "Khối",
    "Mã đơn vị cấp trên", "Email", "Thủ trưởng", "Chức vụ", "Hoạt động từ năm", "Ngừng từ năm",
]  # fmt: skip
KINDS = [
    ("Sở", "Sở, ban, ngành", "Khối sở, ban, ngành", "Giám đốc"),
    ("Ủy ban nhân dân xã", "UBND xã", "Khối xã, phường", "Chủ tịch"),
    ("Ủy ban nhân dân phường", "UBND phường", "Khối xã, phường", "Chủ tịch"),
]


def generate(n, path):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách đơn vị")
    sheet.append(HEADER)
    sheet.append([1, "TINH", "Ủy ban nhân dân tỉnh", "UBND tỉnh", "UBND tỉnh", "", "",
                  "ubnd@tinh.example.vn", "Nguyễn Văn An", "Chủ tịch", 2025, ""])  # fmt: skip
    for i in range(1, n):
        prefix, type_, group, title = KINDS[i % len(KINDS)]
        code = f"DV{i:06d}"
        sheet.append(
            [i + 1, code, f"{prefix} số {i} tỉnh Đồng Nai", f"{prefix} {i}", type_, group,
             "TINH", f"{code.lower()}@tinh.example.vn", f"Trần Thị Hoa {i}", title, 2025, ""]
        )  # fmt: skip
    workbook.save(path)


class Clock:
    """Wall time, and CPU time of this process plus its PostgreSQL backend (read from /proc,
    the database runs on this machine): CPU does not stretch when the machine is busy."""

    def __init__(self):
        self.backend = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.backend = Path(f"/proc/{cursor.fetchone()[0]}/stat")

    def cpu(self):
        total = time.process_time()
        if self.backend is not None and self.backend.exists():
            fields = self.backend.read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def __enter__(self):
        self.wall, self.cpu_start = time.perf_counter(), self.cpu()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu_used = self.cpu() - self.cpu_start

    def line(self, label, n):
        return (
            f"{label:32} {self.wall:8.2f} s wall {n / self.wall:8.0f} rows/s   "
            f"{self.cpu_used:7.2f} s CPU (client + database)"
        )


def clear_units():
    Unit.objects.update(parent=None)
    Unit.objects.all()._raw_delete(connection.alias)


class TypeByLabel(widgets.Widget):
    """The one concession to the plain resource: the file names types, the model stores codes."""

    def clean(self, value, row=None, **kwargs):
        return type_lookup().get(value.casefold()) or type_lookup().get(value) or value


class PlainUnitResource(resources.ModelResource):
    """django-import-export as it comes: default options, one row at a time (the column names
    are `UnitResource`'s, as everywhere)."""

    code = fields.Field("code", COLUMN["code"].label)
    name = fields.Field("name", COLUMN["name"].label)
    short_name = fields.Field("short_name", COLUMN["short_name"].label)
    type = fields.Field("type", COLUMN["type"].label, widget=TypeByLabel())
    group = fields.Field(
        "group", COLUMN["group"].label, widget=widgets.ForeignKeyWidget(UnitGroup, "name")
    )
    parent = fields.Field(
        "parent", COLUMN["parent"].label, widget=widgets.ForeignKeyWidget(Unit, "code")
    )
    email = fields.Field("email", COLUMN["email"].label)
    head_name = fields.Field("head_name", COLUMN["head_name"].label)
    head_title = fields.Field("head_title", COLUMN["head_title"].label)
    active_from = fields.Field("active_from", COLUMN["active_from"].label)
    active_to = fields.Field("active_to", COLUMN["active_to"].label)

    class Meta:
        model = Unit
        import_id_fields = ("code",)
        fields = ("code", "name", "short_name", "type", "group", "parent", "email",
                  "head_name", "head_title", "active_from", "active_to")  # fmt: skip


class Lookup(widgets.Widget):
    """A foreign key from a dictionary built once (the tuned peer's answer to a query a row)."""

    def __init__(self, mapping):
        super().__init__()
        self.mapping = mapping

    def clean(self, value, row=None, **kwargs):
        return self.mapping.get(value) if value else None


def tuned_resource():
    """django-import-export used well: bulk writes, no diff, cached instances, FK dicts."""
    groups = {g.name: g for g in UnitGroup.objects.all()}
    parents = {u.code: u for u in Unit.objects.all()}

    class TunedUnitResource(PlainUnitResource):
        group = fields.Field("group", COLUMN["group"].label, widget=Lookup(groups))
        parent = fields.Field("parent", COLUMN["parent"].label, widget=Lookup(parents))

        class Meta(PlainUnitResource.Meta):
            use_bulk = True
            batch_size = 2000
            skip_diff = True
            instance_loader_class = CachedInstanceLoader

    return TunedUnitResource()


def calamine_dataset(path):
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    dataset = Dataset(headers=[str(h) for h in rows[0]])
    for row in rows[1:]:
        dataset.append([None if v == "" else v for v in row])  # as openpyxl gives empty cells
    return dataset


def run_ours(path):
    with open(path, "rb") as handle:
        outcome = importing.apply(UnitImporter(), handle)
    if not outcome.ok:
        raise SystemExit(f"our import refused the file: {outcome.error_messages()[:5]}")
    return outcome


def run_resource(resource, path, input_format):
    data = Path(path).read_bytes()
    dataset = input_format.create_dataset(data)
    result = resource.import_data(dataset, dry_run=False)
    if result.has_errors() or result.has_validation_errors():
        first = (result.base_errors or [None])[0] or result.row_errors()[:1]
        raise SystemExit(f"resource import failed: {first}")
    return result


def peak_rss_mb():
    """This process's peak resident memory (VmHWM): unlike `ru_maxrss`, which Linux carries
    over from the parent across fork and exec, it starts afresh with the new program."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fresh_process_rss(path):
    """(MB at start, MB at peak) of a new process that imports `path` into an empty table."""
    output = subprocess.run(
        [sys.executable, __file__, "0", "--rss-of", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    start, peak = output.split()[-2:]
    return float(start), float(peak)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of rows")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain resource")
    parser.add_argument("--admin-resource", action="store_true", help="also time UnitResource")
    parser.add_argument("--rss-of", help=argparse.SUPPRESS)  # the fresh process of step 2
    args = parser.parse_args()
    if args.rss_of:
        start = peak_rss_mb()
        run_ours(args.rss_of)
        print(f"{start:.1f} {peak_rss_mb():.1f}")
        return

    call_command("migrate", verbosity=0)
    for code, name, order in [
        ("so-ban-nganh", "Khối sở, ban, ngành", 1),
        ("xa-phuong", "Khối xã, phường", 2),
    ]:
        UnitGroup.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    vendor = connection.vendor
    print(f"database: {vendor} ({connection.settings_dict['NAME']}), rows: {args.n}, "
          f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"units-{args.n}.xlsx"
        started = time.perf_counter()
        generate(args.n, path)
        print(f"generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip

        clear_units()
        with Clock() as ours:
            outcome = run_ours(path)
        assert Unit.objects.count() == args.n == outcome.counts["created"]
        assert Unit.objects.filter(parent__code="TINH").count() == args.n - 1
        print(ours.line("ours (read + check + write)", args.n))

        with Clock() as again:
            outcome = run_ours(path)
        assert outcome.counts["unchanged"] == args.n
        print(again.line("ours again (all unchanged)", args.n))

        clear_units()
        tracemalloc.start()
        run_ours(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"ours peak memory (tracemalloc): {peak / 1e6:7.1f} MB")
        clear_units()
        start, rss = fresh_process_rss(path)
        print(f"ours peak resident memory, fresh process: {rss:.1f} MB "
              f"(the process with Django set up, before the import: {start:.1f} MB)")  # fmt: skip

        if args.admin_resource:
            from units.resources import UnitResource, UnitXLSX

            clear_units()
            with Clock() as admin:
                run_resource(UnitResource(), path, UnitXLSX())
            assert Unit.objects.filter(parent__code="TINH").count() == args.n - 1
            print(admin.line("admin UnitResource (bulk)", args.n))

        if not args.no_plain:
            clear_units()
            Unit.objects.create(code="TINH", name="Ủy ban nhân dân tỉnh", type=UnitType.PROVINCE)
            with Clock() as plain:
                run_resource(PlainUnitResource(), path, base_formats.XLSX())
            assert Unit.objects.filter(parent__code="TINH").count() == args.n - 1
            print(plain.line("plain ModelResource (default)", args.n))
            print(f"ratio plain / ours: {plain.wall / ours.wall:.1f}x wall, "
                  f"{plain.cpu_used / ours.cpu_used:.1f}x CPU")  # fmt: skip

        clear_units()
        Unit.objects.create(code="TINH", name="Ủy ban nhân dân tỉnh", type=UnitType.PROVINCE)
        with Clock() as tuned:
            result = tuned_resource().import_data(calamine_dataset(path), dry_run=False)
            if result.has_errors() or result.has_validation_errors():
                raise SystemExit(f"tuned resource failed: {result.row_errors()[:1]}")
        assert Unit.objects.filter(parent__code="TINH").count() == args.n - 1
        print(tuned.line("tuned ModelResource (bulk, calamine)", args.n))
        print(f"ratio tuned / ours: {tuned.wall / ours.wall:.1f}x wall, "
              f"{tuned.cpu_used / ours.cpu_used:.1f}x CPU")  # fmt: skip
        clear_units()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
