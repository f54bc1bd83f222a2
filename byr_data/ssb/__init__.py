"""Statistics Norway (SSB), the outside source: the PxWebApi v2 client (transport, retries, rate limit),
JSON-stat 2.0 parsing, SSB's code lists, table 07984 as a tidy frame (`employment`), and the cache on
disk with its fall-back to the bundled snapshot (`cache`). Nothing here draws or judges anything."""
