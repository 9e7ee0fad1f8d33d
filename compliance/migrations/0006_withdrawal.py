"""Withdrawal instead of deletion: an actor, a statement or a source document can be retired
(who, when, why) and stays in the record, its history and the exports."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('compliance', '0005_protected_links'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='actor',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='actor',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='actor',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='sourcedocument',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='sourcedocument',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='sourcedocument',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='statement',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='statement',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='statement',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
    ]
