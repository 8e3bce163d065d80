from datetime import date

import pytest

from campaigns.models import DanVanModel


def make_model(unit, name="Mô hình dân vận khéo", year=None, **extra):
    extra.setdefault("field", "economy")
    return DanVanModel.objects.create(unit=unit, year=year or date.today().year, name=name, **extra)


@pytest.fixture
def model_a(unit_a, alice):
    return make_model(unit_a, "Chợ 4.0 không dùng tiền mặt", created_by=alice)
