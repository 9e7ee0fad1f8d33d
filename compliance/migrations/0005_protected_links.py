"""Explicit tables for the links the record and its history depend on: a statement's
originators, an allegation's transfers, and what status changes and requests cite.

They were automatic many-to-many tables, which cascade: deleting an actor silently took it
off the statements it originated, and deleting a cited statement, document or evidence item
took the citation out of the "append-only" history. The tables and their rows stay as they
are (only Django's state changes); the models now PROTECT the cited side, so such a delete is
refused (compliance.services.records.record_delete says where the row is used)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('compliance', '0004_verification_default'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The same tables, columns, unique pairs and foreign keys as the automatic ones:
            # nothing to do in the database.
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='AllegationTransfer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('allegation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transfer_links', to='compliance.allegation')),
                        ('transfer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='allegation_links', to='compliance.transfer')),
                    ],
                    options={
                        'verbose_name': 'allegation transfer',
                        'db_table': 'compliance_allegation_transfers',
                        'unique_together': {('allegation', 'transfer')},
                    },
                ),
                migrations.AlterField(
                    model_name='allegation',
                    name='transfers',
                    field=models.ManyToManyField(blank=True, related_name='allegations', through='compliance.AllegationTransfer', to='compliance.transfer'),
                ),
                migrations.CreateModel(
                    name='StatementOriginator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='originator_links', to='compliance.actor')),
                        ('statement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='originator_links', to='compliance.statement')),
                    ],
                    options={
                        'verbose_name': 'statement originator',
                        'db_table': 'compliance_statement_on_behalf_of',
                        'unique_together': {('statement', 'actor')},
                    },
                ),
                migrations.AlterField(
                    model_name='statement',
                    name='on_behalf_of',
                    field=models.ManyToManyField(help_text='The government(s) or body(ies) whose position this is: the originator(s).', related_name='statements_originated', through='compliance.StatementOriginator', to='compliance.actor'),
                ),
                migrations.CreateModel(
                    name='StatusChangeRequestCitedDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('document', models.ForeignKey(db_column='sourcedocument_id', on_delete=django.db.models.deletion.PROTECT, related_name='request_citations', to='compliance.sourcedocument')),
                        ('request', models.ForeignKey(db_column='statuschangerequest_id', on_delete=django.db.models.deletion.PROTECT, related_name='document_citations', to='compliance.statuschangerequest')),
                    ],
                    options={
                        'db_table': 'compliance_statuschangerequest_cited_documents',
                        'unique_together': {('request', 'document')},
                    },
                ),
                migrations.AlterField(
                    model_name='statuschangerequest',
                    name='cited_documents',
                    field=models.ManyToManyField(blank=True, related_name='+', through='compliance.StatusChangeRequestCitedDocument', to='compliance.sourcedocument'),
                ),
                migrations.CreateModel(
                    name='StatusChangeRequestCitedEvidence',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('evidence', models.ForeignKey(db_column='evidenceitem_id', on_delete=django.db.models.deletion.PROTECT, related_name='request_citations', to='compliance.evidenceitem')),
                        ('request', models.ForeignKey(db_column='statuschangerequest_id', on_delete=django.db.models.deletion.PROTECT, related_name='evidence_citations', to='compliance.statuschangerequest')),
                    ],
                    options={
                        'db_table': 'compliance_statuschangerequest_cited_evidence',
                        'unique_together': {('request', 'evidence')},
                    },
                ),
                migrations.AlterField(
                    model_name='statuschangerequest',
                    name='cited_evidence',
                    field=models.ManyToManyField(blank=True, related_name='+', through='compliance.StatusChangeRequestCitedEvidence', to='compliance.evidenceitem'),
                ),
                migrations.CreateModel(
                    name='StatusChangeRequestCitedStatement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('request', models.ForeignKey(db_column='statuschangerequest_id', on_delete=django.db.models.deletion.PROTECT, related_name='statement_citations', to='compliance.statuschangerequest')),
                        ('statement', models.ForeignKey(db_column='statement_id', on_delete=django.db.models.deletion.PROTECT, related_name='request_citations', to='compliance.statement')),
                    ],
                    options={
                        'db_table': 'compliance_statuschangerequest_cited_statements',
                        'unique_together': {('request', 'statement')},
                    },
                ),
                migrations.AlterField(
                    model_name='statuschangerequest',
                    name='cited_statements',
                    field=models.ManyToManyField(blank=True, related_name='+', through='compliance.StatusChangeRequestCitedStatement', to='compliance.statement'),
                ),
                migrations.CreateModel(
                    name='StatusTransitionCitedDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('document', models.ForeignKey(db_column='sourcedocument_id', on_delete=django.db.models.deletion.PROTECT, related_name='transition_citations', to='compliance.sourcedocument')),
                        ('transition', models.ForeignKey(db_column='statustransition_id', on_delete=django.db.models.deletion.PROTECT, related_name='document_citations', to='compliance.statustransition')),
                    ],
                    options={
                        'db_table': 'compliance_statustransition_cited_documents',
                        'unique_together': {('transition', 'document')},
                    },
                ),
                migrations.AlterField(
                    model_name='statustransition',
                    name='cited_documents',
                    field=models.ManyToManyField(blank=True, related_name='+', through='compliance.StatusTransitionCitedDocument', to='compliance.sourcedocument'),
                ),
                migrations.CreateModel(
                    name='StatusTransitionCitedEvidence',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('evidence', models.ForeignKey(db_column='evidenceitem_id', on_delete=django.db.models.deletion.PROTECT, related_name='transition_citations', to='compliance.evidenceitem')),
                        ('transition', models.ForeignKey(db_column='statustransition_id', on_delete=django.db.models.deletion.PROTECT, related_name='evidence_citations', to='compliance.statustransition')),
                    ],
                    options={
                        'db_table': 'compliance_statustransition_cited_evidence',
                        'unique_together': {('transition', 'evidence')},
                    },
                ),
                migrations.AlterField(
                    model_name='statustransition',
                    name='cited_evidence',
                    field=models.ManyToManyField(blank=True, related_name='+', through='compliance.StatusTransitionCitedEvidence', to='compliance.evidenceitem'),
                ),
                migrations.CreateModel(
                    name='StatusTransitionCitedStatement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('statement', models.ForeignKey(db_column='statement_id', on_delete=django.db.models.deletion.PROTECT, related_name='transition_citations', to='compliance.statement')),
                        ('transition', models.ForeignKey(db_column='statustransition_id', on_delete=django.db.models.deletion.PROTECT, related_name='statement_citations', to='compliance.statustransition')),
                    ],
                    options={
                        'db_table': 'compliance_statustransition_cited_statements',
                        'unique_together': {('transition', 'statement')},
                    },
                ),
                migrations.AlterField(
                    model_name='statustransition',
                    name='cited_statements',
                    field=models.ManyToManyField(blank=True, related_name='+', through='compliance.StatusTransitionCitedStatement', to='compliance.statement'),
                ),
            ],
        ),
    ]
