"""Benchmarks and synthetic volume data: for developers, never installed in production."""
