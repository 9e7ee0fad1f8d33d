from .types import FetchError, Fetched

__all__ = ["FetchError", "Fetched"]
