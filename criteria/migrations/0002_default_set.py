from datetime import date

from django.db import migrations


def create_default_set(apps, schema_editor):
    from criteria.defaults import create_default_set as build

    # The rules come with migration 0006 (their fields of today do not exist yet here).
    names = ["CriteriaSet", "Criterion", "ClassTier", "Indicator"]
    models = {name: apps.get_model("criteria", name) for name in names}
    year = date.today().year
    if not models["CriteriaSet"].objects.filter(year=year).exists():
        build(year, models)


class Migration(migrations.Migration):
    dependencies = [("criteria", "0001_initial")]
    operations = [migrations.RunPython(create_default_set, migrations.RunPython.noop)]
