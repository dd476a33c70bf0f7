"""UN SDGs with targets and the p.26 recommended indicators (indicators/data/*.json)."""

from django.db import migrations

from indicators.catalogue import load_catalogues


def forwards(apps, schema_editor):
    load_catalogues(apps)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
