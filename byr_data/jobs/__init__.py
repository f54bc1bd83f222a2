"""The job pages (Oversikt, Trendbrudd, Måloppnåelse, Kommune) and their slides: the selection's series
(`selection`), the headlines in words (`story`), the charts (`charts`), the page builders (`pages`, and
`offline` with only the snapshot), the slides (`slides`), the report's figures against SSB
(`versus_report`), the jobs goal's live status (`goal_status`) and the data notes (`notes`). Pure."""
