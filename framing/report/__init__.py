"""Reports: papermill rendering of the template, the batch index, and the template's helpers.

The top wing with :mod:`framing.cli`: it may import every wing below it.
"""
