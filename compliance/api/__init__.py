"""The REST API (/api/v1/): Django REST framework views that check input and call the same
services and selectors as the pages, with the same FilterSets."""
