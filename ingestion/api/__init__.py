"""Ingestion's REST endpoints (mounted under /api/v1/ with the record's)."""
