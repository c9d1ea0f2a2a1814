"""Views: matplotlib figures and escaped HTML.

A view takes the tables it draws (DataFrames, plain values) and imports no
engine module, so the engine never depends on how it is shown. Engine objects
reach their views only lazily, from display methods (``_repr_html_``,
``plot_*``), as pandas' ``DataFrame.plot`` does.
"""
