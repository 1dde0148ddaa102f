"""Built-in rules of avglint, one module per rule family (installed as ``avglint.rules``).

The order here is the order of the documentation. A new family is a new module
listed here; a rule is a ``@rule`` function in its family's module (see
``avglint.registry``).
"""

FAMILIES = (
    "structure",      # AVG0xx: the register is readable and consistent
    "completeness",   # AVG1xx: Art. 30 completeness and register hygiene
    "lawful_basis",   # AVG2xx: Art. 6 lawful basis
    "legitimate_interest",  # AVG3xx: Art. 6(1)(f) and the ePrivacy overlap
    "consent",        # AVG4xx: consent (Art. 4(11), 7, 8; UAVG 5)
    "special_categories",   # AVG5xx: Art. 9, Art. 10, BSN
    "transfers",      # AVG6xx: transfers, processors, joint controllers
    "retention",      # AVG7xx: retention
    "dpia",           # AVG8xx: DPIA and automated decisions
    # AVG9xx: privacy statements (Art. 12-14), one module per subject; their reading is _statement_reading.py
    "statement_contacts",    # AVG901-902: controller and FG
    "statement_bases",       # AVG903-904: purposes, bases, legitimate interests
    "statement_recipients",  # AVG905-906: recipients and transfers
    "statement_retention",   # AVG907: retention
    "statement_rights",      # AVG908-910: rights, withdrawal, complaint
    "statement_provision",   # AVG911: provision and automated decisions
    "sources",               # AVG912: the source of data not obtained from the data subject
)
