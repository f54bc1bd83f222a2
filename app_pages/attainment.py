"""«Måloppnåelse»: the yearly change against +100, the path since the base year, each municipality's part."""

from byr_data import ui, views

data = ui.dataset()
chosen = ui.filters()
view = ui.build(views.attainment, chosen, ui.region_settings(), ui.source(), ui.report_figures())
ui.show_page(view, data, ui.csv_region(chosen))
