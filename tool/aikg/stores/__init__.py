"""Triple stores over HTTP: profiles, credentials, the SPARQL/GSP client, loading and reading graphs."""
