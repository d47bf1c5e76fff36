"""The 照会様式 (survey form): write it, read returned forms, merge them into the source.

:mod:`.sheet` is the layout both ends agree on; :mod:`.form` writes the workbook,
:mod:`.answers` reads a returned one as strictly as the source is read, and :mod:`.merge`
places the new cases under their topics and writes the new source.
"""
