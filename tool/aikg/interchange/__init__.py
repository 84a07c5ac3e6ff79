"""Lineage data in and out: Hugging Face model cards, SPDX 3 AI-BOMs and CSV
in aikg's vocabulary (every fact with its claim), and SPDX 3 JSON-LD out."""
