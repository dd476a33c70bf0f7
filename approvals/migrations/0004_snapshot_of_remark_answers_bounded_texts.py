"""Every answer to a remark names the snapshot it was given on (the latest one then, the one
returned); decision comments, remarks, answers and the akimat's recommendation are bounded."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def name_the_snapshot_of_earlier_answers(apps, schema_editor):
    """An answer given before this migration was given on the latest snapshot frozen by then."""
    Remark = apps.get_model("approvals", "Remark")
    Snapshot = apps.get_model("approvals", "Snapshot")
    for remark in Remark.objects.exclude(response="").filter(answer_snapshot__isnull=True):
        snapshots = Snapshot.objects.filter(strategy_id=remark.strategy_id).order_by("-number")
        remark.answer_snapshot = (
            snapshots.filter(created_at__lte=remark.answered_at).first() or snapshots.first()
        )
        remark.save(update_fields=["answer_snapshot"])


class Migration(migrations.Migration):
    dependencies = [
        ("approvals", "0003_comment_token_hearing_participants"),
        ("strategies", "0002_catalogues"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="remark",
            name="answer_snapshot",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="approvals.snapshot",
                verbose_name="answered on snapshot",
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="comment",
            field=models.TextField(blank=True, default="", max_length=2000, verbose_name="comment"),
        ),
        migrations.AlterField(
            model_name="maslikhatrecord",
            name="recommendation",
            field=models.TextField(
                blank=True, default="", max_length=5000, verbose_name="recommendation of the akimat"
            ),
        ),
        migrations.AlterField(
            model_name="remark",
            name="answer",
            field=models.TextField(blank=True, default="", max_length=3000, verbose_name="reason"),
        ),
        migrations.AlterField(
            model_name="remark",
            name="text",
            field=models.TextField(max_length=3000, verbose_name="remark"),
        ),
        migrations.RunPython(name_the_snapshot_of_earlier_answers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="remark",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("response", ""), ("answer_snapshot__isnull", False), _connector="OR"
                ),
                name="remark_answer_names_its_snapshot",
            ),
        ),
    ]
