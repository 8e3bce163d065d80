from django.db import migrations

GROUPS = [
    ("so-ban-nganh", "Khối sở, ban, ngành", 1),
    ("xa-phuong", "Khối xã, phường", 2),
    ("quan-huyen", "Khối quận, huyện", 3),
]


def create_groups(apps, schema_editor):
    UnitGroup = apps.get_model("units", "UnitGroup")
    for code, name, order in GROUPS:
        UnitGroup.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
