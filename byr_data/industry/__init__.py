"""«Næringer og landet»: jobs by industry against Norway and the shift-share split (`model`), their
charts (`charts`), and the page and its two slides (`pages`). Pure."""
