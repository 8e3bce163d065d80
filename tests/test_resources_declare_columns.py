"""Each kind's columns are declared once, as a django-import-export Resource (issue 15): the
import pages' engine, the pages' exports and the admin's export all read that declaration."""

import io

import pytest
from openpyxl import load_workbook

from accounts.importing import UserImporter
from accounts.models import User
from accounts.resources import UserResource, write_users
from campaigns.awards_io import AwardImporter
from campaigns.resources import AwardResource
from danvan.resources import declared_columns
from units.importing import UnitImporter
from units.models import Unit
from units.resources import UnitResource
from units.services import export_units


def labels(resource):
    return [str(resource.fields[key].column_name) for key in resource._meta.fields]


def header(content):
    return list(next(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)))


@pytest.mark.parametrize(
    ("resource", "importer"),
    [
        (UnitResource, UnitImporter()),
        (UserResource, UserImporter()),
        (AwardResource, AwardImporter()),
    ],
)
def test_the_import_reads_the_resource_columns(resource, importer):
    writable = [key for key in resource._meta.fields if not resource.fields[key].readonly]
    assert [column.key for column in importer.columns] == writable
    assert [column.label for column in importer.columns] == [
        str(resource.fields[key].column_name) for key in writable
    ]
    for column in importer.columns:
        assert set(resource.header_aliases.get(column.key, ())) == set(column.aliases)
        assert column.required == (column.key in resource.required_columns)


def test_declared_columns_leave_out_read_only_fields():
    keys = [column.key for column in declared_columns(UserResource)]
    assert "username" not in keys and "last_login" not in keys


@pytest.mark.django_db
def test_the_exports_write_the_resource_columns(unit_a, alice):
    assert header(export_units(Unit.objects.all())) == labels(UnitResource)
    assert header(write_users(User.objects.select_related("unit"))) == labels(UserResource)
