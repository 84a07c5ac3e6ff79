"""RDF files: formats, sources, strict parsing with located diagnostics, conversion and statistics."""
