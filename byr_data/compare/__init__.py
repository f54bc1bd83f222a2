"""«Regionen i landet»: the region among all of Norway's municipalities. Growth since the base year, the
ranking, the county and comparison regions (`model`), the charts and maps (`charts`), and the page and
its slide (`pages`). Pure; the data come from `ssb.country` (07984 live, 11618 offline)."""
