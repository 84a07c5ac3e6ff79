"""Rendering data for people and files: result tables and formats, diagrams, text reports, the HTML report."""
