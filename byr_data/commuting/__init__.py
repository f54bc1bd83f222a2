"""One labour market? Commuting within and out of the region (SSB table 03321): figures, charts, page, slide."""
