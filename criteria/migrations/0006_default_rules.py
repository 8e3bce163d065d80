from django.db import migrations


def add_default_rules(apps, schema_editor):
    """Every set that has the default indicators gets the default consistency rules it lacks
    (criteria/defaults.py RULES); the first set's petition rule becomes the sum rule in place.

    Only sets no report was submitted to yet (not locked): a year already filed keeps the rules
    its units filed under, so its reports show no warning their heads could not explain."""
    from criteria.defaults import add_default_rules as add

    names = ["CriteriaSet", "Criterion", "Indicator", "IndicatorRule"]
    models = {name: apps.get_model("criteria", name) for name in names}
    for criteria_set in models["CriteriaSet"].objects.filter(locked_at__isnull=True):
        add(criteria_set, models)


class Migration(migrations.Migration):
    dependencies = [("criteria", "0005_rule_sums_and_self_scores")]
    operations = [migrations.RunPython(add_default_rules, migrations.RunPython.noop)]
