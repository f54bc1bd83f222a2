"""«Måloppnåelse»: the yearly change against +100, the path since the base year, each municipality's part."""

from byr_data import ui, views
from byr_data.ui import load as ui_load

data = ui_load.dataset()
chosen = ui.filters()
view = ui_load.build(views.attainment, chosen, ui_load.region_settings(), ui_load.source(), ui_load.report_figures())
ui.show_page(view, data, ui_load.csv_region(chosen))
