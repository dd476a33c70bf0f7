"""Monitoring apart from content: an identity for each indicator that its editions share, yearly
plan/actual values keyed to that identity, and uploaded indicator tables awaiting confirmation."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_identities(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    YearlyValue = apps.get_model("indicators", "YearlyValue")
    for pk in Indicator.objects.values_list("pk", flat=True):
        Indicator.objects.filter(pk=pk).update(uid=uuid.uuid4())
    for value in YearlyValue.objects.select_related("indicator__direction__strategy"):
        value.indicator_uid = value.indicator.uid
        value.city_id = value.indicator.direction.strategy.city_id
        value.save(update_fields=["indicator_uid", "city"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("indicators", "0002_catalogues"),
        ("strategies", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="identity"),
        ),
        migrations.AddField(
            model_name="yearlyvalue",
            name="city",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.city",
                verbose_name="city",
            ),
        ),
        migrations.AddField(
            model_name="yearlyvalue",
            name="indicator_uid",
            field=models.UUIDField(null=True, verbose_name="indicator identity"),
        ),
        migrations.AddField(
            model_name="yearlyvalue",
            name="updated_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="changed by",
            ),
        ),
        migrations.RunPython(fill_identities, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="indicator",
            name="uid",
            field=models.UUIDField(
                db_index=True, default=uuid.uuid4, editable=False, verbose_name="identity"
            ),
        ),
        migrations.RemoveConstraint(model_name="yearlyvalue", name="one_yearly_value_per_year"),
        migrations.RemoveField(model_name="yearlyvalue", name="indicator"),
        migrations.AlterField(
            model_name="yearlyvalue",
            name="city",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.city",
                verbose_name="city",
            ),
        ),
        migrations.AlterField(
            model_name="yearlyvalue",
            name="indicator_uid",
            field=models.UUIDField(db_index=True, verbose_name="indicator identity"),
        ),
        migrations.AddConstraint(
            model_name="yearlyvalue",
            constraint=models.UniqueConstraint(
                fields=("indicator_uid", "year"), name="one_yearly_value_per_indicator_year"
            ),
        ),
        migrations.CreateModel(
            name="IndicatorImport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("filename", models.CharField(max_length=255, verbose_name="file name")),
                ("layout", models.CharField(choices=[("csv", "long table (CSV)"), ("xlsx", "wide table (Excel)")], max_length=4, verbose_name="layout")),
                ("content", models.BinaryField(verbose_name="file")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("direction_kind", models.PositiveSmallIntegerField(blank=True, choices=[(1, "creative economy"), (2, "human development"), (3, "environment"), (4, "smartcity / digitalization"), (5, "urban planning")], null=True, verbose_name="direction of new indicators")),
                ("state", models.CharField(choices=[("previewed", "previewed"), ("applied", "applied")], default="previewed", max_length=10, verbose_name="state")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded")),
                ("applied_at", models.DateTimeField(blank=True, null=True, verbose_name="applied")),
                ("summary", models.JSONField(blank=True, default=dict, verbose_name="summary")),
                ("strategy", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="indicator_imports", to="strategies.strategy", verbose_name="strategy")),
                ("uploaded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="uploaded by")),
            ],
            options={
                "verbose_name": "indicator import",
                "verbose_name_plural": "indicator imports",
                "ordering": ["-created_at"],
            },
        ),
    ]
