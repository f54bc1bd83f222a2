"""The regional programme from its final report: the goal matrix and projects as data (`goals`), what
Målmatrise and Prosjekter show (`pages`, `html`), the report's story (`story`) and the programme's
slides (`slides`). Pure."""
