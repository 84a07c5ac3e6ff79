"""Integration tests against real triple-store servers."""
