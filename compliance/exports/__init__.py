"""Exports of the record: column lists per table and the writers that stream them."""
