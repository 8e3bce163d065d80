import uuid

from django.db import migrations, models


def distinct_versions(apps, schema_editor):
    """AddField gives every existing set the same default; each gets its own."""
    CriteriaSet = apps.get_model("criteria", "CriteriaSet")
    for pk in CriteriaSet.objects.values_list("pk", flat=True):
        CriteriaSet.objects.filter(pk=pk).update(rulebook_version=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("criteria", "0007_merge_limits_and_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="criteriaset",
            name="rulebook_version",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.RunPython(distinct_versions, migrations.RunPython.noop),
    ]
