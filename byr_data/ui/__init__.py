"""Streamlit glue: the only package in byr_data that imports streamlit (checked by import-linter).

Everything it shows is computed in the domain packages; each module here draws one concern:
`frame` (the catch-all, navigation), `filters` (the shared filters and their URL parameters),
`blocks` (a page view), `slides` (the presentation), `load` (data, settings, refresh, provenance),
`trend` (Trendbrudd's view and projection), `periods` (the reporting period), `programme` (the
programme pages' data), `sign_in` (editors) and `reporting` (Statusrapportering's parts).
Pages import the module they need; this file re-exports nothing.
"""
