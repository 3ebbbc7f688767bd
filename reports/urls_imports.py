"""Importing report files, templates and exports: /reports/imports/…"""

from __future__ import annotations

from django.urls import path

from .views import import_jobs, quota_imports
from .views import imports as views

urlpatterns = [
    path("", views.import_upload, name="import"),
    path("confirm/", views.import_confirm, name="import_confirm"),
    path("recheck/", views.import_recheck, name="import_recheck"),
    path("errors/<str:checksum>/", views.import_errors, name="import_errors"),
    path("jobs/<uuid:job_id>/", import_jobs.import_job, name="import_job"),
    path("jobs/<uuid:job_id>/status/", import_jobs.import_job_status, name="import_job_status"),
    path("template/", views.import_template, name="import_template"),
    path("export/", views.export, name="export"),
    path("targets/<slug:code>/", quota_imports.quota_import, name="quota_import"),
    path("targets/<slug:code>/confirm/", quota_imports.quota_import_confirm,
         name="quota_import_confirm"),
]
