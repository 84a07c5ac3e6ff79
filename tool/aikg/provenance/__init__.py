"""Provenance: the derivation lineage between models, their labels, and the license duties they inherit."""
