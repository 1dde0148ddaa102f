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
    "statements",     # AVG9xx: privacy statements (Art. 12-14)
)
