"""``avglint lsp``: the language server (pygls 2, installed with the extra ``avglint[lsp]``).

It checks documents the way ``avglint check`` does, through the same application layer
(``avglint.app.check``, with the editor's unsaved texts as overlays), and adds what an editor
asks for: code actions built from the findings' fixes, hover, completion, the outline,
definition and references of processors, and formatting through ``avglint fmt``.

One module per feature group: ``server`` (wiring, document state, scheduling of checks),
``positions`` (offsets to LSP positions in the negotiated encoding), ``diagnostics``,
``actions``, ``hover``, ``completion``, ``navigation`` (symbols, definition, references) and
``formatting``. The explanations the server shows that exist nowhere else are data
(``fields.yaml``); rule pages and vocabularies are read from where the linter keeps them.
"""
