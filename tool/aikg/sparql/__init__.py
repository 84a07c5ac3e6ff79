"""SPARQL queries as data: the catalogue, syntax checks, parameter binding and result types."""
