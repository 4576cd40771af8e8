"""The web console for the district office and hall managers: the reports as tables and charts,
drill-down from the district to a site's windows, and every table as XLSX or CSV.

Served by the hub itself under ``/console``, with everything it needs inside (styles and
charts are drawn by the hub as HTML and SVG: no CDN, no script library), so it works on a hall's
network with no internet. A manager signs in (``hub.managers``); a hall manager sees only their
sites, the district office sees all.
"""
