"""ImportBatch now belongs to danvan (danvan/migrations/0001_initial.py); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0005_merge_0004_enqueued_at_0004_is_evaluated"),
        ("danvan", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportBatch")],
            database_operations=[],
        ),
    ]
