"""«Måloppnåelse»: the yearly change against +100, the path since the base year, each municipality's part."""

from byr_data.jobs import pages as job_pages
from byr_data.ui import blocks, filters, load

data = load.dataset()
chosen = filters.current()
view = load.build(job_pages.attainment, chosen, load.region_settings(), load.source(), load.report_figures())
blocks.show_page(view, data, load.csv_region(chosen))
